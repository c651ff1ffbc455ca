using System;
using System.Collections.Generic;
using OxyPlot;

namespace ScheduleDsl.Plotting
{
    /// <summary>Measures text as the widest font of <see cref="FontStackMeasurer.FontStack"/> draws it, so a viewer
    /// may pick any font of the stack (or its fallback) and every label still fits. OxyPlot's own SVG measurer uses
    /// Helvetica metrics, about 13% narrower than DejaVu Sans (what Linux browsers fall back to): legends clipped and
    /// axis titles ran into the tick labels. Only measures; the SVG exporter draws.</summary>
    internal sealed class FontStackMeasurer : RenderContextBase
    {
        /// <summary>Fonts the SVG asks for, metric-compatible first (Liberation Sans = Arial = Helvetica), DejaVu Sans
        /// (the Linux default, the widest) before the generic fallback.</summary>
        public const string FontStack = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif";

        // Advance widths of ASCII 32..126 in 1/1000 em: per character the widest of DejaVu Sans 2.37 and Liberation
        // Sans 2.1 (regular and bold), read from the font files by scripts/font-widths.py.
        private static readonly int[] AsciiWidths =
        {
            349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696,
            400, 400, 838, 838, 838, 611, 1016, 774, 763, 734, 831, 684, 684, 821, 837, 373, 557, 775, 638, 996, 837, 851, 733, 851, 771, 721,
            683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 557, 500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042,
            712, 688, 716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838,
        };

        /// <summary>Any other character counts as wide as the widest letter.</summary>
        private const int OtherWidth = 1104;

        /// <summary>Line height in em: DejaVu Sans' ascent + descent (0.928 + 0.236), rounded up.</summary>
        private const double LineHeight = 1.17;

        /// <inheritdoc/>
        public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
        {
            if (string.IsNullOrEmpty(text)) return OxySize.Empty;
            string[] lines = text.Split('\n');
            double widest = 0;
            foreach (string line in lines)
            {
                double width = 0;
                foreach (char c in line)
                    width += c >= 32 && c <= 126 ? AsciiWidths[c - 32] : c == '\r' ? 0 : OtherWidth;
                widest = Math.Max(widest, width);
            }
            return new OxySize(widest / 1000.0 * fontSize, lines.Length * LineHeight * fontSize);
        }

        // Measuring only: nothing is drawn through this context.
        /// <inheritdoc/>
        public override void DrawText(ScreenPoint p, string text, OxyColor fill, string fontFamily, double fontSize, double fontWeight,
            double rotation, HorizontalAlignment halign, VerticalAlignment valign, OxySize? maxSize) { }

        /// <inheritdoc/>
        public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode,
            double[]? dashArray, LineJoin lineJoin) { }

        /// <inheritdoc/>
        public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness,
            EdgeRenderingMode edgeRenderingMode, double[]? dashArray, LineJoin lineJoin) { }

        /// <inheritdoc/>
        public override void DrawEllipse(OxyRect rect, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) { }

        /// <inheritdoc/>
        public override int ClipCount => _clips;

        /// <inheritdoc/>
        public override void PushClip(OxyRect clippingRectangle) => _clips++;

        /// <inheritdoc/>
        public override void PopClip() => _clips--;

        private int _clips;

        /// <inheritdoc/>
        public override void DrawRectangle(OxyRect rect, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode) { }
    }
}
