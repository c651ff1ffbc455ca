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
    /// <summary>Polynomial decay: PyTorch <c>PolynomialLR</c> and Keras <c>PolynomialDecay</c>:
    /// <c>(1 - end) * (1 - min(t, T) / T)^power + end</c>, end being the end rate over the peak.</summary>
    public static class Polynomial
    {
        /// <summary>Factor at time <paramref name="t"/> over <paramref name="totalIters"/>.</summary>
        public static double Factor(double t, double totalIters, double power, double endFactor)
        {
            double remaining = 1.0 - Math.Min(t, totalIters) / totalIters;
            return (1.0 - endFactor) * Math.Pow(remaining, power) + endFactor;
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>PolynomialLR</c> / Keras <c>PolynomialDecay</c>; <c>TotalIters</c> defaults to the remaining horizon. The end is
    /// <c>EndLr</c> or, spelled for any hyperparameter, <c>EndValue</c> (above the base value, not for a learning rate, the curve rises).</summary>
    public sealed record PolynomialShape(double Power = 1.0, double EndLr = 0.0, double? TotalIters = null, double? EndValue = null) : ScheduleComponent
    {
        /// <summary>The value reached at the end: <see cref="EndValue"/> when declared, else <see cref="EndLr"/>.</summary>
        public double End => EndValue ?? EndLr;

        private string EndParameter => EndValue is null ? nameof(EndLr) : nameof(EndValue);

        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(PolynomialAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        /// <inheritdoc/>
        public override bool NeedsHorizon => TotalIters is null;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new PolynomialShape();
            if (a.Has(nameof(Power))) c = c with { Power = a.Double(nameof(Power)) };
            string? end = a.OneOf(nameof(EndLr), nameof(EndValue));
            if (end == nameof(EndLr)) c = c with { EndLr = a.Double(nameof(EndLr)) };
            if (end == nameof(EndValue)) c = c with { EndValue = a.Double(nameof(EndValue)) };
            if (a.Has(nameof(TotalIters))) c = c with { TotalIters = a.Double(nameof(TotalIters)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.Positive(nameof(Power), Power);
            if (EndValue is double endValue && EndLr != 0.0)
                check.Invalid(nameof(EndValue), endValue, $"EndLr = {N(EndLr)} is declared too; both are the end value, declare one of them");
            check.EndValue(EndParameter, End);
            check.OptionalPositive(nameof(TotalIters), TotalIters);
        }

        // Rising to an end above the base (another kind than the learning rate) ends there.
        internal override double LargestFactor(double maxTime, double peak) => Math.Max(1.0, End / peak);

        internal override double? SmallestFactor(double maxTime, double peak) => Math.Min(1.0, End / peak);

        internal override Term ToTerm(TermContext context) => new PolynomialTerm(this, TotalIters ?? context.Remaining, End / context.Peak);

        internal override string Describe(string unit) => $"polynomial decay (power {N(Power)}) to {N(End)}{Over(TotalIters, unit)}";

        internal override string ConstructionCode() => EndValue is null
            ? CSharp.New(typeof(PolynomialShape), L(Power), L(EndLr), L(TotalIters))
            : CSharp.New(typeof(PolynomialShape), L(Power), L(EndLr), L(TotalIters), L(EndValue));

        // The end as EndLr writes it: the two spellings of one curve share a fingerprint.
        internal override void WriteCanonical(StringBuilder t) => t.Append($"poly({N(Power)},{N(End)},{N(TotalIters)})");

        private sealed class PolynomialTerm : Term
        {
            private readonly double _totalIters, _power, _endFactor, _endLr;
            public PolynomialTerm(PolynomialShape p, double totalIters, double endFactor) : base(p)
            {
                _endLr = p.End;
                _totalIters = totalIters;
                _power = p.Power;
                _endFactor = endFactor;
            }
            public override double Factor(double t) => Polynomial.Factor(t, _totalIters, _power, _endFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Polynomial), nameof(Polynomial.Factor), time, L(_totalIters), L(_power), fields.Over(_endLr, _endFactor));
        }
    }
}
