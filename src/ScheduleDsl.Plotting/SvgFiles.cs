using System;
using System.IO;
using OxyPlot;

namespace ScheduleDsl.Plotting
{
    /// <summary>Writes plots as SVG with OxyPlot's managed exporter (no native graphics library needed).</summary>
    public static class SvgFiles
    {
        /// <summary>The SVG document of <paramref name="model"/>.</summary>
        public static string ToSvg(PlotModel model, double width = 720, double height = 420)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            // The workaround positions text without dominant-baseline, which librsvg (GNOME, Inkscape) and some viewers ignore.
            var exporter = new SvgExporter { Width = width, Height = height, IsDocument = true, UseVerticalTextAlignmentWorkaround = true,
                TextMeasurer = new FontStackMeasurer() };
            return exporter.ExportToString(model);
        }

        /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (folders created as needed); returns the full path.</summary>
        public static string Save(PlotModel model, string path, double width = 720, double height = 420)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            string full = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(full, ToSvg(model, width, height));
            return full;
        }
    }
}
