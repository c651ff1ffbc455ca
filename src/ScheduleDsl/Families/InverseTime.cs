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
    /// <summary>Inverse-time (time-based) decay, Keras <c>InverseTimeDecay</c>:
    /// <c>1 / (1 + decayRate * t / decaySteps)</c>, <c>t / decaySteps</c> floored when staircase.</summary>
    public static class InverseTime
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double decayRate, double decaySteps, bool staircase)
        {
            double p = t / decaySteps;
            return 1.0 / (1.0 + decayRate * (staircase ? Math.Floor(p) : p));
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>Keras <c>InverseTimeDecay</c> (time-based decay).</summary>
    public sealed record InverseTimeShape(double DecayRate, double DecaySteps = 1.0, bool Staircase = false) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(InverseTimeAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new InverseTimeShape(a.Double(nameof(DecayRate)));
            if (a.Has(nameof(DecaySteps))) c = c with { DecaySteps = a.Double(nameof(DecaySteps)) };
            if (a.Has(nameof(Staircase))) c = c with { Staircase = a.Bool(nameof(Staircase)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.NonNegative(nameof(DecayRate), DecayRate);
            check.Positive(nameof(DecaySteps), DecaySteps);
            check.TimeScale(nameof(DecaySteps), DecaySteps);
        }

        internal override double? SmallestFactor(double maxTime, double peak) => 1.0 / (1.0 + DecayRate * maxTime / DecaySteps);

        internal override Term ToTerm(TermContext context) => new InverseTimeTerm(this);

        internal override string Describe(string unit) =>
            $"inverse-time decay (rate {N(DecayRate)} per {N(DecaySteps)} {unit}{(Staircase ? ", staircase" : "")})";

        internal override string ConstructionCode() => CSharp.New(typeof(InverseTimeShape), L(DecayRate), L(DecaySteps), CSharp.Literal(Staircase));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"invtime({N(DecayRate)},{N(DecaySteps)},{Staircase})");

        private sealed class InverseTimeTerm : Term
        {
            private readonly InverseTimeShape _i;
            public InverseTimeTerm(InverseTimeShape i) : base(i) => _i = i;
            public override double Factor(double t) => InverseTime.Factor(t, _i.DecayRate, _i.DecaySteps, _i.Staircase);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(InverseTime), nameof(InverseTime.Factor), time, L(_i.DecayRate), L(_i.DecaySteps), CSharp.Literal(_i.Staircase));
        }
    }
}
