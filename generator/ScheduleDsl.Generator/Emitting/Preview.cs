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
    public static class Preview
    {
        private const int Rows = 10;
        private const int Columns = 48;

        /// <summary>One sentence describing the composed schedule (also the generated <c>ToString()</c>).</summary>
        public static string Describe(ScheduleDefinition d)
        {
            string unit = d.Unit == TimeUnit.Epochs ? "epochs" : "steps";
            var text = new StringBuilder($"Peak rate {N(d.LearningRate)}");
            text.Append(d.Horizon is double h ? $" over {N(h)} {unit}" : $", in {unit}");
            var prefixes = d.Components.Where(c => c.Role == ComponentRole.Prefix).Select(c => Words(c, unit)).ToList();
            var shapes = d.Components.Where(c => c.Role is ComponentRole.Shape or ComponentRole.WholeSchedule).Select(c => Words(c, unit)).ToList();
            var plateau = d.Components.OfType<PlateauReduction>().FirstOrDefault();
            text.Append(": ");
            if (prefixes.Count > 0) text.Append(string.Join(", then ", prefixes)).Append(", then ");
            text.Append(shapes.Count == 0 ? "constant" : string.Join(" times ", shapes));
            if (plateau is not null)
                text.Append($"; reduced by {N(plateau.Factor)} after {plateau.Patience} reports without {(plateau.Mode == PlateauMode.Min ? "decrease" : "increase")} (reduce-on-plateau)");
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

        private static string Words(ScheduleComponent c, string unit) => c switch
        {
            WarmupPhase w => $"{w.Kind.ToString().ToLowerInvariant()} warmup from {N(w.StartFactor)} x peak over {N(w.Length)} {unit}",
            HoldPhase h => $"hold at the peak for {N(h.Length)} {unit}",
            StepDecayShape s => $"step decay by {N(s.Gamma)} every {N(s.StepSize)} {unit}",
            MultiStepShape m => $"decay by {N(m.Gamma)} at {string.Join(", ", m.Milestones.Select(N))} {unit}",
            ExponentialShape e => $"exponential decay by {N(e.Gamma)} per {N(e.DecaySteps)} {unit}{(e.Staircase ? " (staircase)" : "")}",
            PolynomialShape p => $"polynomial decay (power {N(p.Power)}) to {N(p.EndLr)}{Over(p.TotalIters, unit)}",
            InverseTimeShape it => $"inverse-time decay (rate {N(it.DecayRate)} per {N(it.DecaySteps)} {unit}{(it.Staircase ? ", staircase" : "")})",
            InverseSqrtShape isq => $"inverse square root decay{(isq.Timescale is double ts ? $" (timescale {N(ts)})" : "")}",
            LinearDecayShape l => $"linear decay from {N(l.StartFactor)} to {N(l.EndFactor)} x peak{Over(l.TotalIters, unit)}",
            CosineShape cos => $"cosine annealing to {N(cos.MinLr)}{Over(cos.Period, unit)}",
            CosineRestartsShape r => $"cosine annealing to {N(r.MinLr)} with warm restarts every {N(r.T0)} {unit}{(r.TMult > 1 ? $" (period x{r.TMult} each time)" : "")}",
            CyclicShape cy => $"{cy.Mode.ToString().ToLowerInvariant()} cycles between {N(cy.BaseLr)} and the peak ({N(cy.StepSizeUp)} {unit} up, {N(cy.StepSizeDown ?? cy.StepSizeUp)} down)",
            OneCycleShape o => $"one cycle ({(o.ThreePhase ? "three-phase, " : "")}{R(o.PctStart * 100)}% rising from peak/{N(o.DivFactor)}, {o.Anneal.ToString().ToLowerInvariant()} annealing to peak/{N(o.DivFactor * o.FinalDivFactor)})",
            WsdShape w => $"warmup-stable-decay ({N(w.WarmupLength)} {unit} {w.WarmupCurve.ToString().ToLowerInvariant()} warmup, {N(w.StableLength)} stable, {w.DecayCurve.ToString().ToLowerInvariant()} decay{Over(w.DecayLength, unit)} to {N(w.MinLrRatio)} x peak)",
            CustomShape custom => $"{custom.MethodName}(t)",
            _ => c.Name,
        };

        private static string Over(double? length, string unit) => length is double l ? $" over {N(l)} {unit}" : "";

        /// <summary>The rate at the key points and a plot, one line per element; null when the core cannot
        /// evaluate the schedule at compile time (a custom factor runs only in the user's code).</summary>
        public static IReadOnlyList<string>? Lines(CompiledSchedule compiled)
        {
            if (compiled.Whole is null && compiled.Shapes.Any(s => s.Kind == TermKind.Custom)) return null;
            ScheduleDefinition d = compiled.Definition;
            double span = d.Horizon ?? DefaultSpan(compiled);
            string unit = d.Unit == TimeUnit.Epochs ? "epoch" : "step";

            var points = new SortedDictionary<double, string> { [0] = "start" };
            double start = 0;
            foreach (ScheduleComponent c in d.Components)
            {
                if (c is WarmupPhase w) points[start += w.Length] = "end of warmup";
                else if (c is HoldPhase h) points[start += h.Length] = "end of hold";
            }
            foreach (ScheduleComponent c in d.Components)
            {
                if (c is MultiStepShape m)
                    foreach (double milestone in m.Milestones) points[start + milestone] = "milestone";
                else if (c is StepDecayShape s)
                    for (int k = 1; k <= 8 && start + k * s.StepSize < span; k++) points[start + k * s.StepSize] = "decay";
            }
            points[span] = d.Horizon is null ? "(preview end)" : "end";

            var lines = new List<string>();
            int width = points.Keys.Max(t => N(t).Length) + unit.Length + 1;
            foreach (KeyValuePair<double, string> point in points)
                if (point.Key <= span)
                    lines.Add($"{(unit + " " + N(point.Key)).PadRight(width)}  {R(compiled.Rate(point.Key)),-12} {point.Value}");
            lines.Add("");
            lines.AddRange(Plot(compiled, span, unit));
            return lines;
        }

        private static double DefaultSpan(CompiledSchedule compiled)
        {
            double span = compiled.PrefixLength;
            foreach (ScheduleComponent c in compiled.Definition.Components)
            {
                span = Math.Max(span, c switch
                {
                    MultiStepShape m when m.Milestones.Count > 0 => compiled.PrefixLength + m.Milestones[m.Milestones.Count - 1] * 1.25,
                    StepDecayShape s => compiled.PrefixLength + 4 * s.StepSize,
                    CosineRestartsShape r => compiled.PrefixLength + 3 * r.T0,
                    CyclicShape cy => compiled.PrefixLength + 2 * (cy.StepSizeUp + (cy.StepSizeDown ?? cy.StepSizeUp)),
                    CosineShape { Period: double p } => compiled.PrefixLength + p,
                    _ => 0,
                });
            }
            double fallback = compiled.Unit == TimeUnit.Epochs ? 100 : 10000;
            return span > 0 && !double.IsInfinity(span) ? Math.Max(span, compiled.PrefixLength * 4) : fallback;
        }

        private static IEnumerable<string> Plot(CompiledSchedule compiled, double span, string unit)
        {
            var rates = new double[Columns];
            // Clamped: span * x / (Columns - 1) can round one ulp past the horizon (0.9 * 59 / 59), which a
            // PastHorizon(Throw) schedule refuses (issue 14: SDL1009 and nothing generated).
            for (int x = 0; x < Columns; x++) rates[x] = compiled.Rate(Math.Min(span, span * x / (Columns - 1)));
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
