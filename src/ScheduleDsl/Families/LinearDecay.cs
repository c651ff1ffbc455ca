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
    /// <summary>Linear decay, PyTorch <c>LinearLR</c>:
    /// <c>start + (end - start) * min(t, T) / T</c>.</summary>
    public static class LinearDecay
    {
        /// <summary>Factor at time <paramref name="t"/> over <paramref name="totalIters"/>.</summary>
        public static double Factor(double t, double totalIters, double startFactor, double endFactor) =>
            startFactor + (endFactor - startFactor) * (Math.Min(t, totalIters) / totalIters);
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>LinearLR</c> as a decay; <c>TotalIters</c> defaults to the remaining horizon.</summary>
    public sealed record LinearDecayShape(double StartFactor = 1.0, double EndFactor = 0.0, double? TotalIters = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(LinearDecayAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        /// <inheritdoc/>
        public override bool NeedsHorizon => TotalIters is null;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new LinearDecayShape();
            if (a.Has(nameof(StartFactor))) c = c with { StartFactor = a.Double(nameof(StartFactor)) };
            if (a.Has(nameof(EndFactor))) c = c with { EndFactor = a.Double(nameof(EndFactor)) };
            if (a.Has(nameof(TotalIters))) c = c with { TotalIters = a.Double(nameof(TotalIters)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.NonNegative(nameof(StartFactor), StartFactor);
            check.NonNegative(nameof(EndFactor), EndFactor);
            check.OptionalPositive(nameof(TotalIters), TotalIters);
        }

        internal override double LargestFactor(double maxTime, double peak) => Math.Max(1.0, Math.Max(StartFactor, EndFactor));

        internal override Term ToTerm(TermContext context) => new LinearDecayTerm(this, TotalIters ?? context.Remaining);

        internal override string Describe(string unit) => $"linear decay from {N(StartFactor)} to {N(EndFactor)} x peak{Over(TotalIters, unit)}";

        internal override string ConstructionCode() => CSharp.New(typeof(LinearDecayShape), L(StartFactor), L(EndFactor), L(TotalIters));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"linear({N(StartFactor)},{N(EndFactor)},{N(TotalIters)})");

        private sealed class LinearDecayTerm : Term
        {
            private readonly double _totalIters, _startFactor, _endFactor;
            public LinearDecayTerm(LinearDecayShape l, double totalIters) : base(l)
            {
                _totalIters = totalIters;
                _startFactor = l.StartFactor;
                _endFactor = l.EndFactor;
            }
            public override double Factor(double t) => LinearDecay.Factor(t, _totalIters, _startFactor, _endFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(LinearDecay), nameof(LinearDecay.Factor), time, L(_totalIters), L(_startFactor), L(_endFactor));
        }
    }
}
