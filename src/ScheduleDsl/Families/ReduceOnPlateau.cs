using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>ReduceLROnPlateau</c>, fed with a metric at run time (evaluated by <see cref="PlateauState"/>).</summary>
    public sealed record PlateauReduction(PlateauMode Mode = PlateauMode.Min, double Factor = 0.1, int Patience = 10,
        double Threshold = 1e-4, ThresholdMode ThresholdMode = ThresholdMode.Rel, int Cooldown = 0,
        double MinLr = 0.0, double Eps = 1e-8) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(ReduceOnPlateauAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Plateau;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new PlateauReduction();
            if (a.Has(nameof(Mode))) c = c with { Mode = a.Enum(nameof(Mode), c.Mode) };
            if (a.Has(nameof(Factor))) c = c with { Factor = a.Double(nameof(Factor)) };
            if (a.Has(nameof(Patience))) c = c with { Patience = a.Int(nameof(Patience)) };
            if (a.Has(nameof(Threshold))) c = c with { Threshold = a.Double(nameof(Threshold)) };
            if (a.Has(nameof(ThresholdMode))) c = c with { ThresholdMode = a.Enum(nameof(ThresholdMode), c.ThresholdMode) };
            if (a.Has(nameof(Cooldown))) c = c with { Cooldown = a.Int(nameof(Cooldown)) };
            if (a.Has(nameof(MinLr))) c = c with { MinLr = a.Double(nameof(MinLr)) };
            if (a.Has(nameof(Eps))) c = c with { Eps = a.Double(nameof(Eps)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            if (!(Factor > 0 && Factor < 1)) check.Invalid(nameof(Factor), Factor, "must lie strictly between 0 and 1");
            if (Patience < 0) check.Invalid(nameof(Patience), Patience, "must be >= 0");
            check.NonNegative(nameof(Threshold), Threshold);
            if (Cooldown < 0) check.Invalid(nameof(Cooldown), Cooldown, "must be >= 0");
            check.AtMostPeak(nameof(MinLr), MinLr);
            check.NonNegative(nameof(Eps), Eps);
        }

        // Not a factor of time: the reduction depends on the reported metrics (see CompiledSchedule.Plateau).
        internal override double? SmallestFactor(double maxTime, double peak) => MinLr / peak;

        internal override Term ToTerm(TermContext context) => throw new InvalidOperationException($"{Name} is applied on top of the shapes, not as a term.");

        internal override string Describe(string unit) =>
            $"reduced by {N(Factor)} after {Patience} reports without {(Mode == PlateauMode.Min ? "decrease" : "increase")} (reduce-on-plateau)";

        internal override string ConstructionCode() =>
            CSharp.New(typeof(PlateauReduction), CSharp.Literal(Mode), L(Factor), CSharp.Literal(Patience), L(Threshold), CSharp.Literal(ThresholdMode),
                CSharp.Literal(Cooldown), L(MinLr), L(Eps));

        internal override void WriteCanonical(StringBuilder t) =>
            t.Append($"plateau({Mode},{N(Factor)},{Patience},{N(Threshold)},{ThresholdMode},{Cooldown},{N(MinLr)},{N(Eps)})");
    }
}
