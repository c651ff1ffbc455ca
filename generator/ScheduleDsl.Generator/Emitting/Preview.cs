using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;

namespace ScheduleDsl.Generator.Emitting
{
    /// <summary>The schedule in words and a preview computed at compile time by the core (key rates and a
    /// text plot), written into the generated class's XML documentation.</summary>
    internal static class Preview
    {
        private const int Rows = 10;
        private const int Columns = 48;

        /// <summary>One sentence describing the composed schedule (also the generated <c>ToString()</c>).</summary>
        public static string Describe(ScheduleDefinition d)
        {
            string unit = d.Unit == TimeUnit.Epochs ? "epochs" : "steps";
            var text = new StringBuilder($"Peak rate {N(d.LearningRate)}");
            text.Append(d.Horizon is double h ? $" over {N(h)} {unit}" : $", in {unit}");
            var prefixes = d.Components.Where(c => c.Role == ComponentRole.Prefix).Select(c => c.Describe(unit)).ToList();
            var shapes = d.Components.Where(c => c.Role is ComponentRole.Shape or ComponentRole.WholeSchedule).Select(c => c.Describe(unit)).ToList();
            var plateau = d.Components.OfType<PlateauReduction>().FirstOrDefault();
            text.Append(": ");
            if (prefixes.Count > 0) text.Append(string.Join(", then ", prefixes)).Append(", then ");
            text.Append(shapes.Count == 0 ? "constant" : string.Join(" times ", shapes));
            if (plateau is not null) text.Append("; ").Append(plateau.Describe(unit));
            if (d.Floor is double floor) text.Append($"; never below {N(floor)}");
            if (d.Horizon is not null)
                text.Append(d.PastHorizon switch
                {
                    PastHorizonPolicy.Hold => "; holds the final rate past the horizon",
                    PastHorizonPolicy.Throw => "; throws past the horizon",
                    _ => "; the formulas continue past the horizon",
                });
            return text.Append('.').ToString();
        }

        /// <summary>The rate at the key points and a plot, one line per element; null when the core cannot
        /// evaluate the schedule at compile time (a custom factor runs only in the user's code).</summary>
        public static IReadOnlyList<string>? Lines(CompiledSchedule compiled)
        {
            if (!compiled.IsEvaluable) return null;
            ScheduleDefinition d = compiled.Definition;
            double span = d.Horizon ?? DefaultSpan(compiled);
            string unit = d.Unit == TimeUnit.Epochs ? "epoch" : "step";

            var points = new SortedDictionary<double, string> { [0] = "start" };
            double start = 0;
            foreach (ScheduleComponent c in d.Components)
            {
                if (c.Role != ComponentRole.Prefix) continue;
                foreach ((double time, string label) in c.KeyTimes(start, span)) points[time] = label;
                start += c.PrefixLength;
            }
            foreach (ScheduleComponent c in d.Components)
                if (c.Role != ComponentRole.Prefix)
                    foreach ((double time, string label) in c.KeyTimes(start, span)) points[time] = label;
            points[span] = d.Horizon is null ? "(preview end)" : "end";

            var lines = new List<string>();
            int width = points.Keys.Max(t => N(t).Length) + unit.Length + 1;
            foreach (KeyValuePair<double, string> point in points)
                if (point.Key <= span)
                    lines.Add($"{(unit + " " + N(point.Key)).PadRight(width)}  {R(compiled.RateAt(point.Key)),-12} {point.Value}");
            lines.Add("");
            lines.AddRange(Plot(compiled, span, unit));
            return lines;
        }

        private static double DefaultSpan(CompiledSchedule compiled)
        {
            double span = compiled.PrefixLength;
            foreach (ScheduleComponent c in compiled.Definition.Components)
            {
                if (c.PreviewLength is double length) span = Math.Max(span, compiled.PrefixLength + length);
            }
            double fallback = compiled.Unit == TimeUnit.Epochs ? 100 : 10000;
            return span > 0 && !double.IsInfinity(span) ? Math.Max(span, compiled.PrefixLength * 4) : fallback;
        }

        private static IEnumerable<string> Plot(CompiledSchedule compiled, double span, string unit)
        {
            var rates = new double[Columns];
            for (int x = 0; x < Columns; x++) rates[x] = compiled.RateAt(span * x / (Columns - 1));
            double top = rates.Where(r => !double.IsNaN(r)).DefaultIfEmpty(compiled.PeakRate).Max();
            if (!(top > 0)) top = compiled.PeakRate;
            var grid = new char[Rows, Columns];
            for (int y = 0; y < Rows; y++)
                for (int x = 0; x < Columns; x++) grid[y, x] = ' ';
            for (int x = 0; x < Columns; x++)
            {
                if (double.IsNaN(rates[x])) continue;
                int row = (int)Math.Round(Math.Min(Math.Max(rates[x] / top, 0), 1) * (Rows - 1));
                grid[Rows - 1 - row, x] = '*';
            }
            string topLabel = R(top), bottomLabel = "0";
            int labelWidth = Math.Max(topLabel.Length, bottomLabel.Length);
            for (int y = 0; y < Rows; y++)
            {
                string label = y == 0 ? topLabel : y == Rows - 1 ? bottomLabel : "";
                var row = new StringBuilder(label.PadLeft(labelWidth)).Append(" |");
                for (int x = 0; x < Columns; x++) row.Append(grid[y, x]);
                yield return row.ToString().TrimEnd();
            }
            yield return new string(' ', labelWidth) + " +" + new string('-', Columns);
            string left = "0", right = N(span) + " " + unit + "s";
            yield return new string(' ', labelWidth + 2) + left + right.PadLeft(Columns - left.Length);
        }

        /// <summary>Numbers in the description: short, invariant.</summary>
        private static string N(double value) => Numbers.Format(value);

        /// <summary>Rates in the preview: 4 significant digits, invariant.</summary>
        private static string R(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
