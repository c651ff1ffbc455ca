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
    /// <summary>PyTorch <c>CosineAnnealingLR</c>; <c>Period</c> (its <c>T_max</c>) defaults to the remaining horizon. The end is
    /// <c>MinLr</c> (PyTorch's <c>eta_min</c>) or, spelled for any hyperparameter, <c>EndValue</c>, which may lie above the base
    /// (an EMA decay rising to 1): <c>v(t) = end + (base - end) (1 + cos(pi t / T)) / 2</c>.</summary>
    public sealed record CosineShape(double MinLr = 0.0, double? Period = null, double? EndValue = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(CosineAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        /// <inheritdoc/>
        public override bool NeedsHorizon => Period is null;

        /// <summary>The value reached at the end of the period: <see cref="EndValue"/> when declared, else <see cref="MinLr"/>.</summary>
        public double End => EndValue ?? MinLr;

        // The argument holding the end, as declared (violations go on it).
        private string EndParameter => EndValue is null ? nameof(MinLr) : nameof(EndValue);

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new CosineShape();
            string? end = a.OneOf(nameof(MinLr), nameof(EndValue));
            if (end == nameof(MinLr)) c = c with { MinLr = a.Double(nameof(MinLr)) };
            if (end == nameof(EndValue)) c = c with { EndValue = a.Double(nameof(EndValue)) };
            if (a.Has(nameof(Period))) c = c with { Period = a.Double(nameof(Period)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            if (EndValue is double endValue && MinLr != 0.0)
                check.Invalid(nameof(EndValue), endValue, $"MinLr = {N(MinLr)} is declared too; both are the end value, declare one of them");
            check.NonNegative(EndParameter, End);
            // Above the peak the cosine rises (PyTorch computes it): allowed, and flagged for a learning rate only (an EMA
            // decay rising to 1 is meant); for other kinds the end lies within the kind's range.
            double peak = check.Definition.LearningRate; // compared only with a valid peak: an invalid one is its own single error
            if (check.Definition.Kind != HyperparameterKind.LearningRate)
            {
                if (ScheduleRules.Checks.IsFinite(End) && End >= 0) check.Value(EndParameter, End);
            }
            else if (ScheduleRules.Checks.IsFinite(End) && ScheduleRules.Checks.IsFinite(peak) && peak > 0 && End > peak)
                check.Add(RuleKind.RisingShape, EndParameter, -1, RuleSeverity.Warning,
                    $"{check.Component}.{EndParameter} = {Numbers.Format(End)}: above the peak rate {Numbers.Format(check.Definition.LearningRate)}, so the cosine rises from the peak to it (PyTorch computes the same); if a decay was meant, use a minimum below the peak.");
            check.OptionalPositive(nameof(Period), Period);
            if (Period is double period) check.TimeScale(nameof(Period), period);
        }

        // A rising cosine (end above the peak) ends at its end.
        internal override double LargestFactor(double maxTime, double peak) => Math.Max(1.0, End / peak);

        internal override double? SmallestFactor(double maxTime, double peak) => Math.Min(1.0, End / peak);

        internal override Term ToTerm(TermContext context) => new CosineTerm(this, Period ?? context.Remaining, End / context.Peak);

        internal override string Describe(string unit) => $"cosine annealing to {N(End)}{Over(Period, unit)}";

        // The end value only when declared, so every existing construction stays as it was.
        internal override string ConstructionCode() => EndValue is null
            ? CSharp.New(typeof(CosineShape), L(MinLr), L(Period))
            : CSharp.New(typeof(CosineShape), L(MinLr), L(Period), L(EndValue));

        // The end as MinLr writes it: the two spellings of one curve share a fingerprint.
        internal override void WriteCanonical(StringBuilder t) => t.Append($"cos({N(End)},{N(Period)})");

        internal override double? PreviewLength => Period;

        private sealed class CosineTerm : Term
        {
            private readonly double _period, _minFactor, _minLr;
            public CosineTerm(CosineShape c, double period, double minFactor) : base(c)
            {
                _minLr = c.End;
                _period = period;
                _minFactor = minFactor;
            }
            public override double Factor(double t) => Cosine.Factor(t, _period, _minFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Cosine), nameof(Cosine.Factor), time, L(_period), fields.Over(_minLr, _minFactor));
        }
    }
}
