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
            bool rate = d.Kind == HyperparameterKind.LearningRate;
            var text = new StringBuilder(rate ? $"Peak rate {N(d.LearningRate)}" : $"{HyperparameterKinds.Title(d.Kind, d.Name)} {N(d.LearningRate)}");
            text.Append(d.Horizon is double h ? $" over {N(h)} {unit}" : $", in {unit}");
            var prefixes = d.Components.Where(c => c.Role == ComponentRole.Prefix && !c.IsWindowed).Select(c => c.Describe(unit)).ToList();
            var shapes = d.Components.Where(c => c.Role is ComponentRole.Shape or ComponentRole.WholeSchedule && !c.IsWindowed).Select(c => c.Describe(unit)).ToList();
            // Phases with a window, in time order: each multiplies the rest inside its window.
            var phases = d.Components.Where(c => c.IsWindowed && c.Role != ComponentRole.Plateau)
                .OrderBy(c => c.WindowStart).Select(c => c.DescribeWithWindow(unit)).ToList();
            var plateau = d.Components.OfType<PlateauReduction>().FirstOrDefault();
            text.Append(": ");
            if (prefixes.Count > 0) text.Append(string.Join(", then ", prefixes)).Append(", then ");
            bool hasDefault = prefixes.Count > 0 || shapes.Count > 0;
            if (hasDefault || phases.Count == 0) text.Append(shapes.Count == 0 ? "constant" : string.Join(" times ", shapes));
            if (phases.Count > 0) text.Append(hasDefault ? "; times, in windows: " : "").Append(string.Join("; ", phases));
            if (plateau is not null) text.Append("; ").Append(plateau.Describe(unit));
            if (d.Floor is double floor) text.Append($"; never below {N(floor)}");
            if (d.Horizon is not null)
                text.Append(d.PastHorizon switch
                {
                    PastHorizonPolicy.Hold => rate ? "; holds the final rate past the horizon" : "; holds the final value past the horizon",
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
                if (c.Role != ComponentRole.Prefix || c.IsWindowed) continue;
                foreach ((double time, string label) in c.KeyTimes(start, span)) points[time] = label;
                start += c.PrefixLength;
            }
            foreach (ScheduleComponent c in d.Components)
                if (c.Role != ComponentRole.Prefix && !c.IsWindowed)
                    foreach ((double time, string label) in c.KeyTimes(start, span)) points[time] = label;
            // Each window's phase: its start, its own key times, its end.
            foreach (ScheduleComponent c in d.Components)
            {
                if (!c.IsWindowed || c.Role == ComponentRole.Plateau) continue;
                // Its own time 0 lies StartAt before the window opens; key times before the window never show.
                foreach ((double time, string label) in c.KeyTimes(c.WindowStart - c.StartAt, span))
                    if (time >= c.WindowStart && time < c.WindowEnd) points[time] = label;
                if (c.WindowStart > 0 || !points.ContainsKey(0)) points[c.WindowStart] = c.Name + " starts";
                if (!double.IsPositiveInfinity(c.WindowEnd)) points[c.WindowEnd] = c.Name + " ends";
            }
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
                if (c.IsWindowed)
                    span = Math.Max(span, double.IsPositiveInfinity(c.WindowEnd) ? c.WindowStart + (c.PreviewLength ?? 0) : c.WindowEnd);
                else if (c.PreviewLength is double length) span = Math.Max(span, compiled.PrefixLength + length);
            }
            double fallback = compiled.Unit == TimeUnit.Epochs ? 100 : 10000;
            return span > 0 && !double.IsInfinity(span) ? Math.Max(span, compiled.PrefixLength * 4) : fallback;
        }

        private static IEnumerable<string> Plot(CompiledSchedule compiled, double span, string unit)
        {
            var rates = new double[Columns];
            // Clamped: span * x / (Columns - 1) can round one ulp past the horizon (0.9 * 59 / 59), which a
            // PastHorizon(Throw) schedule refuses (issue 14: SDL1009 and nothing generated).
            for (int x = 0; x < Columns; x++) rates[x] = compiled.RateAt(Math.Min(span, span * x / (Columns - 1)));
            double top = rates.Where(r => !double.IsNaN(r)).DefaultIfEmpty(compiled.PeakRate).Max();
            if (!(top > 0)) top = compiled.PeakRate;
            // A rate is drawn from 0; another hyperparameter from its lowest value, so that an EMA decay from 0.996 to 1 shows its rise.
            double bottom = compiled.Definition.Kind == HyperparameterKind.LearningRate ? 0.0 : rates.Where(r => !double.IsNaN(r)).DefaultIfEmpty(0.0).Min();
            if (!(bottom < top)) bottom = 0.0;
            var grid = new char[Rows, Columns];
            for (int y = 0; y < Rows; y++)
                for (int x = 0; x < Columns; x++) grid[y, x] = ' ';
            for (int x = 0; x < Columns; x++)
            {
                if (double.IsNaN(rates[x])) continue;
                int row = (int)Math.Round(Math.Min(Math.Max((rates[x] - bottom) / (top - bottom), 0), 1) * (Rows - 1));
                grid[Rows - 1 - row, x] = '*';
            }
            string topLabel = R(top), bottomLabel = bottom == 0.0 ? "0" : R(bottom);
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
