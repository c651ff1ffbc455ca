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
    /// <summary>PyTorch <c>PolynomialLR</c> / Keras <c>PolynomialDecay</c>; <c>TotalIters</c> defaults to the remaining horizon.</summary>
    public sealed record PolynomialShape(double Power = 1.0, double EndLr = 0.0, double? TotalIters = null) : ScheduleComponent
    {
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
            if (a.Has(nameof(EndLr))) c = c with { EndLr = a.Double(nameof(EndLr)) };
            if (a.Has(nameof(TotalIters))) c = c with { TotalIters = a.Double(nameof(TotalIters)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.Positive(nameof(Power), Power);
            check.AtMostPeak(nameof(EndLr), EndLr);
            check.OptionalPositive(nameof(TotalIters), TotalIters);
        }

        internal override Term ToTerm(TermContext context) => new PolynomialTerm(this, TotalIters ?? context.Remaining, EndLr / context.Peak);

        internal override string Describe(string unit) => $"polynomial decay (power {N(Power)}) to {N(EndLr)}{Over(TotalIters, unit)}";

        internal override string ConstructionCode() => CSharp.New(typeof(PolynomialShape), L(Power), L(EndLr), L(TotalIters));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"poly({N(Power)},{N(EndLr)},{N(TotalIters)})");

        private sealed class PolynomialTerm : Term
        {
            private readonly double _totalIters, _power, _endFactor;
            public PolynomialTerm(PolynomialShape p, double totalIters, double endFactor) : base(p)
            {
                _totalIters = totalIters;
                _power = p.Power;
                _endFactor = endFactor;
            }
            public override double Factor(double t) => Polynomial.Factor(t, _totalIters, _power, _endFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Polynomial), nameof(Polynomial.Factor), time, L(_totalIters), L(_power), L(_endFactor));
        }
    }
}
