using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl.Families
{
    /// <summary>Cosine annealing, PyTorch <c>CosineAnnealingLR</c> closed form:
    /// <c>min + (1 - min) * (1 + cos(pi * t / T)) / 2</c>, min being the minimum rate over the peak.</summary>
    public static class Cosine
    {
        /// <summary>Factor at time <paramref name="t"/> over the period <paramref name="period"/>.</summary>
        public static double Factor(double t, double period, double minFactor) =>
            minFactor + (1.0 - minFactor) * (1.0 + Math.Cos(Math.PI * t / period)) / 2.0;
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>CosineAnnealingLR</c>; <c>Period</c> (its <c>T_max</c>) defaults to the remaining horizon.</summary>
    public sealed record CosineShape(double MinLr = 0.0, double? Period = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(CosineAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        /// <inheritdoc/>
        public override bool NeedsHorizon => Period is null;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new CosineShape();
            if (a.Has(nameof(MinLr))) c = c with { MinLr = a.Double(nameof(MinLr)) };
            if (a.Has(nameof(Period))) c = c with { Period = a.Double(nameof(Period)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            // Above the peak the cosine rises (PyTorch computes it): allowed, flagged.
            check.NonNegative(nameof(MinLr), MinLr);
            double peak = check.Definition.LearningRate; // compared only with a valid peak: an invalid one is its own single error
            if (ScheduleRules.Checks.IsFinite(MinLr) && ScheduleRules.Checks.IsFinite(peak) && peak > 0 && MinLr > peak)
                check.Add(RuleKind.RisingShape, nameof(MinLr), -1, RuleSeverity.Warning,
                    $"{check.Component}.MinLr = {Numbers.Format(MinLr)}: above the peak rate {Numbers.Format(check.Definition.LearningRate)}, so the cosine rises from the peak to it (PyTorch computes the same); if a decay was meant, use a minimum below the peak.");
            check.OptionalPositive(nameof(Period), Period);
            if (Period is double period) check.TimeScale(nameof(Period), period);
        }

        // A rising cosine (MinLr above the peak) ends at MinLr.
        internal override double LargestFactor(double maxTime, double peak) => Math.Max(1.0, MinLr / peak);

        internal override Term ToTerm(TermContext context) => new CosineTerm(this, Period ?? context.Remaining, MinLr / context.Peak);

        internal override string Describe(string unit) => $"cosine annealing to {N(MinLr)}{Over(Period, unit)}";

        internal override string ConstructionCode() => CSharp.New(typeof(CosineShape), L(MinLr), L(Period));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"cos({N(MinLr)},{N(Period)})");

        internal override double? PreviewLength => Period;

        private sealed class CosineTerm : Term
        {
            private readonly double _period, _minFactor, _minLr;
            public CosineTerm(CosineShape c, double period, double minFactor) : base(c)
            {
                _minLr = c.MinLr;
                _period = period;
                _minFactor = minFactor;
            }
            public override double Factor(double t) => Cosine.Factor(t, _period, _minFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Cosine), nameof(Cosine.Factor), time, L(_period), fields.Over(_minLr, _minFactor));
        }
    }
}
