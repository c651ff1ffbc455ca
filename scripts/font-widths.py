#!/usr/bin/env python3
"""Prints the advance widths (1/1000 em) of ASCII 32..126 that src/ScheduleDsl.Plotting/FontStackMeasurer.cs
measures with: per character the widest of DejaVu Sans and Liberation Sans (metric-compatible with Arial and
Helvetica), regular and bold. Needs Debian's fonts-dejavu-core, fonts-liberation2 and python3-fonttools."""
import math
from fontTools.ttLib import TTFont

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
]

widths = [0] * 95
for path in FONTS:
    font = TTFont(path)
    cmap, hmtx, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    for i in range(95):
        widths[i] = max(widths[i], math.ceil(1000 * hmtx[cmap[32 + i]][0] / units))
print(", ".join(str(w) for w in widths))
