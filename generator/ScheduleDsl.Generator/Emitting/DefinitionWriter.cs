using System.Text;
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
            if (d.Floor is not null || d.PastHorizon != PastHorizonPolicy.Hold || d.Minimums != MinimumScaling.Scaled)
            {
                text.Append('\n').Append(indent).Append('{');
                if (d.Floor is double floor) text.Append('\n').Append(indent).Append($"    Floor = {L(floor)},");
                if (d.PastHorizon != PastHorizonPolicy.Hold)
                    text.Append('\n').Append(indent).Append($"    PastHorizon = global::ScheduleDsl.PastHorizonPolicy.{d.PastHorizon},");
                if (d.Minimums != MinimumScaling.Scaled)
                    text.Append('\n').Append(indent).Append($"    Minimums = global::ScheduleDsl.MinimumScaling.{d.Minimums},");
                text.Append('\n').Append(indent).Append('}');
            }
            return text.ToString();
        }

        private static string L(double value) => CSharp.Literal(value);

        private static string L(double? value) => CSharp.Literal(value);
    }
}
