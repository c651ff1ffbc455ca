using System.Globalization;
using System.Text;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Generator.Emitting
{
    /// <summary>Writes a <see cref="ScheduleDefinition"/> as the C# expression that rebuilds it (every
    /// argument spelled out), so generated classes expose the very definition they were generated from.</summary>
    public static class DefinitionWriter
    {
        private const string D = "global::ScheduleDsl.Definition.";
        private const string F = "global::ScheduleDsl.Families.";

        /// <summary>The expression, over several lines indented for a property initializer.</summary>
        public static string Write(ScheduleDefinition d, string indent)
        {
            var text = new StringBuilder();
            text.Append($"new {D}ScheduleDefinition({L(d.LearningRate)}, global::ScheduleDsl.TimeUnit.{d.Unit}, {L(d.Horizon)},");
            text.Append('\n').Append(indent).Append($"    new {D}EquatableArray<{D}ScheduleComponent>(new {D}ScheduleComponent[]");
            text.Append('\n').Append(indent).Append("    {");
            foreach (ScheduleComponent c in d.Components)
                text.Append('\n').Append(indent).Append("        ").Append(Component(c)).Append(',');
            text.Append('\n').Append(indent).Append("    }))");
            // A method call, not an object initializer: the init-only setters need C# 9, the consumer may have 7.3.
            if (d.Floor is not null || d.PastHorizon != PastHorizonPolicy.Hold)
                text.Append('\n').Append(indent).Append($"    .WithLimits({L(d.Floor)}, global::ScheduleDsl.PastHorizonPolicy.{d.PastHorizon})");
            return text.ToString();
        }

        private static string Component(ScheduleComponent component) => component switch
        {
            WarmupPhase w => $"new {D}WarmupPhase({L(w.Length)}, global::ScheduleDsl.WarmupKind.{w.Kind}, {L(w.StartFactor)})",
            HoldPhase h => $"new {D}HoldPhase({L(h.Length)})",
            StepDecayShape s => $"new {D}StepDecayShape({L(s.StepSize)}, {L(s.Gamma)})",
            MultiStepShape m => $"new {D}MultiStepShape(new {D}EquatableArray<double>(new double[] {{ {string.Join(", ", Literals(m.Milestones))} }}), {L(m.Gamma)})",
            ExponentialShape e => $"new {D}ExponentialShape({L(e.Gamma)}, {L(e.DecaySteps)}, {B(e.Staircase)})",
            PolynomialShape p => $"new {D}PolynomialShape({L(p.Power)}, {L(p.EndLr)}, {L(p.TotalIters)})",
            InverseTimeShape it => $"new {D}InverseTimeShape({L(it.DecayRate)}, {L(it.DecaySteps)}, {B(it.Staircase)})",
            InverseSqrtShape isq => $"new {D}InverseSqrtShape({L(isq.Timescale)})",
            LinearDecayShape l => $"new {D}LinearDecayShape({L(l.StartFactor)}, {L(l.EndFactor)}, {L(l.TotalIters)})",
            CosineShape c => $"new {D}CosineShape({L(c.MinLr)}, {L(c.Period)})",
            CosineRestartsShape r => $"new {D}CosineRestartsShape({L(r.T0)}, {r.TMult.ToString(CultureInfo.InvariantCulture)}, {L(r.MinLr)})",
            CyclicShape cy => $"new {D}CyclicShape({L(cy.BaseLr)}, {L(cy.StepSizeUp)}, {L(cy.StepSizeDown)}, global::ScheduleDsl.CyclicMode.{cy.Mode}, {L(cy.Gamma)})",
            OneCycleShape o => $"new {D}OneCycleShape({L(o.PctStart)}, global::ScheduleDsl.AnnealStrategy.{o.Anneal}, {L(o.DivFactor)}, {L(o.FinalDivFactor)}, {B(o.ThreePhase)})",
            WsdShape w => $"new {D}WsdShape({L(w.WarmupLength)}, {L(w.StableLength)}, {L(w.DecayLength)}, global::ScheduleDsl.WsdCurve.{w.WarmupCurve}, global::ScheduleDsl.WsdCurve.{w.DecayCurve}, {L(w.MinLrRatio)}, {L(w.NumCycles)})",
            PlateauReduction p => $"new {D}PlateauReduction(global::ScheduleDsl.PlateauMode.{p.Mode}, {L(p.Factor)}, {I(p.Patience)}, {L(p.Threshold)}, global::ScheduleDsl.ThresholdMode.{p.ThresholdMode}, {I(p.Cooldown)}, {L(p.MinLr)}, {L(p.Eps)})",
            CustomShape custom => $"new {D}CustomShape({Str(custom.MethodName)})",
            _ => throw new System.NotSupportedException(component.Name),
        };

        private static string[] Literals(EquatableArray<double> values)
        {
            var result = new string[values.Count];
            for (int i = 0; i < result.Length; i++) result[i] = L(values[i]);
            return result;
        }

        /// <summary>A round-trip, invariant double literal (the core's <see cref="Numbers.Literal"/>).</summary>
        public static string L(double value) => Numbers.Literal(value);

        private static string L(double? value) => value is double v ? Numbers.Literal(v) : "null";

        private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string B(bool value) => value ? "true" : "false";

        private static string Str(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
