using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Generator.Emitting
{
    /// <summary>Writes a <see cref="ScheduleDefinition"/> as the C# expression that rebuilds it (every argument
    /// spelled out, each component by its own <c>ConstructionCode</c>), so generated classes expose the very
    /// definition they were generated from.</summary>
    internal static class DefinitionWriter
    {
        private const string D = "global::ScheduleDsl.Definition.";

        /// <summary>The expression, over several lines indented for a property initializer.</summary>
        public static string Write(ScheduleDefinition d, string indent)
        {
            var text = new StringBuilder();
            text.Append($"new {D}ScheduleDefinition({L(d.LearningRate)}, global::ScheduleDsl.TimeUnit.{d.Unit}, {L(d.Horizon)},");
            text.Append('\n').Append(indent).Append($"    new {D}EquatableArray<{D}ScheduleComponent>(new {D}ScheduleComponent[]");
            text.Append('\n').Append(indent).Append("    {");
            foreach (ScheduleComponent c in d.Components)
                text.Append('\n').Append(indent).Append("        ").Append(c.ConstructionCodeWithWindow()).Append(',');
            text.Append('\n').Append(indent).Append("    }))");
            // A method call, not an object initializer: the init-only setters need C# 9, the consumer may have 7.3.
            if (d.Floor is not null || d.PastHorizon != PastHorizonPolicy.Hold)
                text.Append('\n').Append(indent).Append($"    .WithLimits({L(d.Floor)}, global::ScheduleDsl.PastHorizonPolicy.{d.PastHorizon})");
            if (d.Minimums != MinimumScaling.Scaled)
                text.Append('\n').Append(indent).Append($"    .WithMinimums(global::ScheduleDsl.MinimumScaling.{d.Minimums})");
            if (d.Kind != HyperparameterKind.LearningRate)
                text.Append('\n').Append(indent).Append($"    .WithKind(global::ScheduleDsl.Composition.HyperparameterKind.{d.Kind}"
                    + (d.Name is null ? ")" : $", {CSharp.Literal(d.Name)})"));
            return text.ToString();
        }

        private static string L(double value) => CSharp.Literal(value);

        private static string L(double? value) => CSharp.Literal(value);
    }
}
