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
    /// <summary>PyTorch <c>LinearLR</c> closed form: <c>start + (end - start) * min(t, totalIters) / totalIters</c>,
    /// then <c>end</c>; rises or falls, ends at any factor.</summary>
    public static class LinearFactor
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double startFactor, double endFactor, double totalIters) =>
            startFactor + (endFactor - startFactor) * Math.Min(totalIters, t) / totalIters;
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>LinearLR</c> as an ordinary factor: a straight ramp from <c>StartFactor</c> to <c>EndFactor</c>
    /// over <c>TotalIters</c>, then <c>EndFactor</c>; multiplies the rest (or runs in its window).</summary>
    public sealed record LinearFactorShape(double StartFactor, double EndFactor = 1.0, double TotalIters = 5.0) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(LinearFactorAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new LinearFactorShape(a.Double(nameof(StartFactor)));
            if (a.Has(nameof(EndFactor))) c = c with { EndFactor = a.Double(nameof(EndFactor)) };
            if (a.Has(nameof(TotalIters))) c = c with { TotalIters = a.Double(nameof(TotalIters)) };
            return c;
        }

        // PyTorch's own checks: 0 < start <= 1, 0 <= end <= 1; a length of 0 has no ramp (0/0).
        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            if (!(ScheduleRules.Checks.IsFinite(StartFactor) && StartFactor > 0 && StartFactor <= 1))
                check.Invalid(nameof(StartFactor), StartFactor, "must be greater than 0 and at most 1");
            check.InRange(nameof(EndFactor), EndFactor, 0, 1);
            check.Positive(nameof(TotalIters), TotalIters);
        }

        internal override double? SmallestFactor(double maxTime, double peak) => Math.Min(1.0, Math.Min(StartFactor, EndFactor));

        internal override Term ToTerm(TermContext context) => new LinearFactorTerm(this);

        internal override string Describe(string unit) => $"linear factor from {N(StartFactor)} to {N(EndFactor)} over {N(TotalIters)} {unit}";

        internal override string ConstructionCode() => CSharp.New(typeof(LinearFactorShape), L(StartFactor), L(EndFactor), L(TotalIters));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"linf({N(StartFactor)},{N(EndFactor)},{N(TotalIters)})");

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) =>
            new[] { (start + TotalIters, "end of linear ramp") };

        internal override double? PreviewLength => 2 * TotalIters;

        private sealed class LinearFactorTerm : Term
        {
            private readonly LinearFactorShape _l;
            public LinearFactorTerm(LinearFactorShape l) : base(l) => _l = l;
            public override double Factor(double t) => Families.LinearFactor.Factor(t, _l.StartFactor, _l.EndFactor, _l.TotalIters);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Families.LinearFactor), nameof(Families.LinearFactor.Factor), time, L(_l.StartFactor), L(_l.EndFactor), L(_l.TotalIters));
        }
    }
}
