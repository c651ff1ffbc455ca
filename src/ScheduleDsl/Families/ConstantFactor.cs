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
    /// <summary>PyTorch <c>ConstantLR</c> closed form: <c>factor</c> until <c>totalIters</c>, then 1.</summary>
    public static class ConstantFactor
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double factor, double totalIters) => t < totalIters ? factor : 1.0;
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>ConstantLR</c> as an ordinary factor: multiplies the rest (or runs in its window) by
    /// <c>Factor</c> for <c>TotalIters</c>, then by 1.</summary>
    public sealed record ConstantFactorShape(double Factor, double TotalIters = 5.0) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(ConstantFactorAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new ConstantFactorShape(a.Double(nameof(Factor)));
            if (a.Has(nameof(TotalIters))) c = c with { TotalIters = a.Double(nameof(TotalIters)) };
            return c;
        }

        // PyTorch's own checks: 0 <= factor <= 1; a length of 0 would never apply the factor.
        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.InRange(nameof(Factor), Factor, 0, 1);
            check.Positive(nameof(TotalIters), TotalIters);
        }

        internal override double? SmallestFactor(double maxTime, double peak) => Math.Min(1.0, Factor);

        internal override Term ToTerm(TermContext context) => new ConstantFactorTerm(this);

        internal override string Describe(string unit) => $"constant factor {N(Factor)} for {N(TotalIters)} {unit}";

        internal override string ConstructionCode() => CSharp.New(typeof(ConstantFactorShape), L(Factor), L(TotalIters));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"constf({N(Factor)},{N(TotalIters)})");

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) =>
            new[] { (start + TotalIters, "end of constant factor") };

        internal override double? PreviewLength => 2 * TotalIters;

        private sealed class ConstantFactorTerm : Term
        {
            private readonly ConstantFactorShape _c;
            public ConstantFactorTerm(ConstantFactorShape c) : base(c) => _c = c;
            public override double Factor(double t) => Families.ConstantFactor.Factor(t, _c.Factor, _c.TotalIters);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Families.ConstantFactor), nameof(Families.ConstantFactor.Factor), time, L(_c.Factor), L(_c.TotalIters));
        }
    }
}
