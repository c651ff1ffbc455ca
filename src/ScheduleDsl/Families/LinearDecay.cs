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
    /// <summary>PyTorch <c>LinearLR</c> as a decay; <c>TotalIters</c> defaults to the remaining horizon. The end is a factor
    /// (<c>EndFactor</c>) or, for any hyperparameter, an absolute <c>EndValue</c> (the end factor is then <c>EndValue / base</c>).</summary>
    public sealed record LinearDecayShape(double StartFactor = 1.0, double EndFactor = 0.0, double? TotalIters = null, double? EndValue = null) : ScheduleComponent
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
            string? end = a.OneOf(nameof(EndFactor), nameof(EndValue));
            if (end == nameof(EndFactor)) c = c with { EndFactor = a.Double(nameof(EndFactor)) };
            if (end == nameof(EndValue)) c = c with { EndValue = a.Double(nameof(EndValue)) };
            if (a.Has(nameof(TotalIters))) c = c with { TotalIters = a.Double(nameof(TotalIters)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.NonNegative(nameof(StartFactor), StartFactor);
            check.NonNegative(nameof(EndFactor), EndFactor);
            if (EndValue is double endValue)
            {
                if (EndFactor != 0.0) check.Invalid(nameof(EndValue), endValue, $"EndFactor = {N(EndFactor)} is declared too; both give the end, declare one of them");
                check.NonNegative(nameof(EndValue), endValue);
                if (ScheduleRules.Checks.IsFinite(endValue) && endValue >= 0) check.Value(nameof(EndValue), endValue);
                double peak = check.Definition.LearningRate;
                if (ScheduleRules.Checks.IsFinite(peak) && peak > 0 && !ScheduleRules.Checks.IsFinite(endValue / peak))
                    check.Invalid(nameof(EndValue), endValue, $"divided by {check.Peak} {N(peak)} it overflows to infinity");
            }
            check.OptionalPositive(nameof(TotalIters), TotalIters);
        }

        // The end factor: EndFactor, or the absolute EndValue over the peak (base value).
        private double EndFactorOver(double peak) => EndValue is double end ? end / peak : EndFactor;

        internal override double LargestFactor(double maxTime, double peak) => Math.Max(1.0, Math.Max(StartFactor, EndFactorOver(peak)));

        internal override double? SmallestFactor(double maxTime, double peak) => Math.Min(1.0, Math.Min(StartFactor, EndFactorOver(peak)));

        internal override Term ToTerm(TermContext context) => new LinearDecayTerm(this, TotalIters ?? context.Remaining, EndFactorOver(context.Peak));

        internal override string Describe(string unit) => EndValue is double end
            ? $"linear decay from {N(StartFactor)} x base to {N(end)}{Over(TotalIters, unit)}"
            : $"linear decay from {N(StartFactor)} to {N(EndFactor)} x peak{Over(TotalIters, unit)}";

        internal override string ConstructionCode() => EndValue is null
            ? CSharp.New(typeof(LinearDecayShape), L(StartFactor), L(EndFactor), L(TotalIters))
            : CSharp.New(typeof(LinearDecayShape), L(StartFactor), L(EndFactor), L(TotalIters), L(EndValue));

        // An absolute end is another curve than the same number as a factor: written apart.
        internal override void WriteCanonical(StringBuilder t) => t.Append(EndValue is double end
            ? $"linear({N(StartFactor)},end={N(end)},{N(TotalIters)})"
            : $"linear({N(StartFactor)},{N(EndFactor)},{N(TotalIters)})");

        private sealed class LinearDecayTerm : Term
        {
            private readonly double _totalIters, _startFactor, _endFactor;
            private readonly double? _endValue;
            public LinearDecayTerm(LinearDecayShape l, double totalIters, double endFactor) : base(l)
            {
                _totalIters = totalIters;
                _startFactor = l.StartFactor;
                _endFactor = endFactor;
                _endValue = l.EndValue;
            }
            public override double Factor(double t) => LinearDecay.Factor(t, _totalIters, _startFactor, _endFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(LinearDecay), nameof(LinearDecay.Factor), time, L(_totalIters), L(_startFactor),
                    _endValue is double end ? fields.Over(end, _endFactor) : L(_endFactor));
        }
    }
}
