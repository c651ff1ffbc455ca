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
    /// <summary>Exponential decay: PyTorch <c>ExponentialLR</c> (<c>gamma^t</c>) and Keras
    /// <c>ExponentialDecay</c> (<c>gamma^(t / decaySteps)</c>, floored when staircase).</summary>
    public static class Exponential
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double gamma, double decaySteps, bool staircase)
        {
            double p = t / decaySteps;
            return Math.Pow(gamma, staircase ? Math.Floor(p) : p);
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>ExponentialLR</c> / Keras <c>ExponentialDecay</c>.</summary>
    public sealed record ExponentialShape(double Gamma, double DecaySteps = 1.0, bool Staircase = false) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(ExponentialAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new ExponentialShape(a.Double(nameof(Gamma)));
            if (a.Has(nameof(DecaySteps))) c = c with { DecaySteps = a.Double(nameof(DecaySteps)) };
            if (a.Has(nameof(Staircase))) c = c with { Staircase = a.Bool(nameof(Staircase)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.Positive(nameof(Gamma), Gamma);
            check.DecayFactor(nameof(Gamma), Gamma);
            check.Positive(nameof(DecaySteps), DecaySteps);
            check.TimeScale(nameof(DecaySteps), DecaySteps);
            check.BoundedGrowth(nameof(Gamma), Gamma, check.MaxTime / DecaySteps);
        }

        internal override double LargestFactor(double maxTime, double peak) => Gamma > 1 ? Math.Pow(Gamma, maxTime / DecaySteps) : 1.0;

        internal override double? SmallestFactor(double maxTime, double peak) => Gamma < 1 ? Math.Pow(Gamma, maxTime / DecaySteps) : 1.0;

        internal override Term ToTerm(TermContext context) => new ExponentialTerm(this);

        internal override string Describe(string unit) => $"exponential decay by {N(Gamma)} per {N(DecaySteps)} {unit}{(Staircase ? " (staircase)" : "")}";

        internal override string ConstructionCode() => CSharp.New(typeof(ExponentialShape), L(Gamma), L(DecaySteps), CSharp.Literal(Staircase));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"exp({N(Gamma)},{N(DecaySteps)},{Staircase})");

        private sealed class ExponentialTerm : Term
        {
            private readonly ExponentialShape _e;
            public ExponentialTerm(ExponentialShape e) : base(e) => _e = e;
            public override double Factor(double t) => Exponential.Factor(t, _e.Gamma, _e.DecaySteps, _e.Staircase);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Exponential), nameof(Exponential.Factor), time, L(_e.Gamma), L(_e.DecaySteps), CSharp.Literal(_e.Staircase));
        }
    }
}
