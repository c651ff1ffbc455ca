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
    /// <summary>Step decay, PyTorch <c>StepLR</c>: <c>gamma^floor(t / stepSize)</c>.</summary>
    public static class StepDecay
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double stepSize, double gamma) =>
            Math.Pow(gamma, Math.Floor(t / stepSize));
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>StepLR</c>.</summary>
    public sealed record StepDecayShape(double StepSize, double Gamma = 0.1) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(StepDecayAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new StepDecayShape(a.Double(nameof(StepSize)));
            if (a.Has(nameof(Gamma))) c = c with { Gamma = a.Double(nameof(Gamma)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.Positive(nameof(StepSize), StepSize);
            check.Positive(nameof(Gamma), Gamma);
            check.DecayFactor(nameof(Gamma), Gamma);
            check.TimeScale(nameof(StepSize), StepSize);
            check.BoundedGrowth(nameof(Gamma), Gamma, Math.Floor(check.MaxTime / StepSize));
        }

        internal override double LargestFactor(double maxTime, double peak) => Gamma > 1 ? Math.Pow(Gamma, Math.Floor(maxTime / StepSize)) : 1.0;

        internal override double? SmallestFactor(double maxTime, double peak) => Gamma < 1 ? Math.Pow(Gamma, Math.Floor(maxTime / StepSize)) : 1.0;

        internal override Term ToTerm(TermContext context) => new StepDecayTerm(this);

        internal override string Describe(string unit) => $"step decay by {N(Gamma)} every {N(StepSize)} {unit}";

        internal override string ConstructionCode() => CSharp.New(typeof(StepDecayShape), L(StepSize), L(Gamma));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"step({N(StepSize)},{N(Gamma)})");

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span)
        {
            for (int k = 1; k <= 8 && start + k * StepSize < span; k++) yield return (start + k * StepSize, "decay");
        }

        internal override double? PreviewLength => 4 * StepSize;

        private sealed class StepDecayTerm : Term
        {
            private readonly StepDecayShape _s;
            public StepDecayTerm(StepDecayShape s) : base(s) => _s = s;
            public override double Factor(double t) => StepDecay.Factor(t, _s.StepSize, _s.Gamma);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(StepDecay), nameof(StepDecay.Factor), time, L(_s.StepSize), L(_s.Gamma));
        }
    }
}
