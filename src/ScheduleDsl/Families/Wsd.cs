using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>Shape of a warmup-stable-decay phase, as Hugging Face's <c>warmup_type</c> / <c>decay_type</c>.</summary>
    public enum WsdCurve
    {
        /// <summary>Straight line.</summary>
        Linear,
        /// <summary>Half cosine.</summary>
        Cosine,
        /// <summary><c>1 - sqrt</c>.</summary>
        OneMinusSqrt,
    }
}

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl.Families
{
    /// <summary>Warmup-stable-decay, Hugging Face <c>get_wsd_schedule</c>.</summary>
    public static class Wsd
    {
        /// <summary>Factor at step <paramref name="t"/>.</summary>
        public static double Factor(double t, double warmup, double stable, double decay,
            WsdCurve warmupCurve, WsdCurve decayCurve, double minLrRatio, double numCycles)
        {
            double factor;
            if (t < warmup)
            {
                double progress = t / Math.Max(1.0, warmup);
                factor = warmupCurve switch
                {
                    WsdCurve.Linear => progress,
                    WsdCurve.Cosine => 0.5 * (1.0 - Math.Cos(Math.PI * progress)),
                    _ => 1.0 - Math.Sqrt(1.0 - progress),
                };
            }
            else if (t < warmup + stable)
            {
                return 1.0;
            }
            else if (t < warmup + stable + decay)
            {
                double progress = (t - warmup - stable) / Math.Max(1.0, decay);
                factor = decayCurve switch
                {
                    WsdCurve.Linear => 1.0 - progress,
                    WsdCurve.Cosine => 0.5 * (1.0 + Math.Cos(Math.PI * numCycles * 2.0 * progress)),
                    _ => 1.0 - Math.Sqrt(progress),
                };
            }
            else
            {
                return minLrRatio;
            }
            return Math.Max(0.0, factor * (1.0 - minLrRatio) + minLrRatio);
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>Hugging Face <c>get_wsd_schedule</c>; <c>DecayLength</c> defaults to what the horizon leaves.</summary>
    public sealed record WsdShape(double WarmupLength, double StableLength, double? DecayLength = null,
        WsdCurve WarmupCurve = WsdCurve.Linear, WsdCurve DecayCurve = WsdCurve.Cosine,
        double MinLrRatio = 0.0, double NumCycles = 0.5) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(WsdAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.WholeSchedule;
        /// <inheritdoc/>
        public override bool NeedsHorizon => DecayLength is null;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new WsdShape(a.Double(nameof(WarmupLength)), a.Double(nameof(StableLength)));
            if (a.Has(nameof(DecayLength))) c = c with { DecayLength = a.Double(nameof(DecayLength)) };
            if (a.Has(nameof(WarmupCurve))) c = c with { WarmupCurve = a.Enum(nameof(WarmupCurve), c.WarmupCurve) };
            if (a.Has(nameof(DecayCurve))) c = c with { DecayCurve = a.Enum(nameof(DecayCurve), c.DecayCurve) };
            if (a.Has(nameof(MinLrRatio))) c = c with { MinLrRatio = a.Double(nameof(MinLrRatio)) };
            if (a.Has(nameof(NumCycles))) c = c with { NumCycles = a.Double(nameof(NumCycles)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.NonNegative(nameof(WarmupLength), WarmupLength);
            check.NonNegative(nameof(StableLength), StableLength);
            check.OptionalPositive(nameof(DecayLength), DecayLength);
            check.InRange(nameof(MinLrRatio), MinLrRatio, 0, 1);
            check.Positive(nameof(NumCycles), NumCycles);
            if (ScheduleRules.Checks.IsFinite(NumCycles) && !ScheduleRules.Checks.IsFinite(Math.PI * NumCycles * 2.0))
                check.Invalid(nameof(NumCycles), NumCycles, "is too large: 2 * pi * NumCycles overflows to infinity (the cosine decay would be NaN)");
            if (DecayLength is null && check.ComponentHorizon is double h && WarmupLength + StableLength >= h)
                check.Add(RuleKind.PrefixExceedsHorizon, nameof(StableLength), -1,
                    $"Wsd warmup and stable phases last {N(WarmupLength + StableLength)} but the horizon is {N(h)}: no time is left to decay.");
        }

        // Hugging Face maps both phases into [MinLrRatio, 1] (factor * (1 - MinLrRatio) + MinLrRatio): the warmup starts at
        // MinLrRatio, the decay ends there.
        internal override double? SmallestFactor(double maxTime, double peak) => MinLrRatio;

        internal override Term ToTerm(TermContext context) =>
            new WsdTerm(this, DecayLength ?? context.Remaining - WarmupLength - StableLength);

        internal override string Describe(string unit) =>
            $"warmup-stable-decay ({N(WarmupLength)} {unit} {WarmupCurve.ToString().ToLowerInvariant()} warmup, {N(StableLength)} stable, {DecayCurve.ToString().ToLowerInvariant()} decay{Over(DecayLength, unit)} to {N(MinLrRatio)} x peak)";

        internal override string ConstructionCode() =>
            CSharp.New(typeof(WsdShape), L(WarmupLength), L(StableLength), L(DecayLength), CSharp.Literal(WarmupCurve), CSharp.Literal(DecayCurve), L(MinLrRatio), L(NumCycles));

        internal override void WriteCanonical(StringBuilder t) =>
            t.Append($"wsd({N(WarmupLength)},{N(StableLength)},{N(DecayLength)},{WarmupCurve},{DecayCurve},{N(MinLrRatio)},{N(NumCycles)})");

        private sealed class WsdTerm : Term
        {
            private readonly WsdShape _w;
            private readonly double _decayLength;
            public WsdTerm(WsdShape w, double decayLength) : base(w)
            {
                _w = w;
                _decayLength = decayLength;
            }
            public override double Factor(double t) =>
                Wsd.Factor(t, _w.WarmupLength, _w.StableLength, _decayLength, _w.WarmupCurve, _w.DecayCurve, _w.MinLrRatio, _w.NumCycles);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Wsd), nameof(Wsd.Factor), time, L(_w.WarmupLength), L(_w.StableLength), L(_decayLength),
                    CSharp.Literal(_w.WarmupCurve), CSharp.Literal(_w.DecayCurve), L(_w.MinLrRatio), L(_w.NumCycles));
        }
    }
}
