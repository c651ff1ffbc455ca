using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>How a restart decay shrinks each cycle.</summary>
    public enum RestartDecayMode
    {
        /// <summary>The cycle's top rate is <c>peak * decay^i</c>, the minimum is kept (timm <c>CosineLRScheduler</c> <c>cycle_decay</c>).</summary>
        Peak,
        /// <summary>The distance from the minimum to the peak is scaled by <c>decay^i</c> (Keras <c>CosineDecayRestarts</c> <c>m_mul</c>).</summary>
        Amplitude,
    }
}

namespace ScheduleDsl.Families
{
    /// <summary>Cosine annealing with warm restarts, PyTorch <c>CosineAnnealingWarmRestarts</c>:
    /// periods <c>T0, T0*Tmult, T0*Tmult^2, ...</c>, each a cosine from the peak to the minimum. The overload with a
    /// decay and a cycle limit adds timm's <c>cycle_decay</c> / <c>cycle_limit</c> and Keras' <c>m_mul</c>.</summary>
    public static class CosineRestarts
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double t0, double tMult, double minFactor)
        {
            Cycle(t, t0, tMult, out double tCur, out double tI);
            return Cosine.Factor(tCur, tI, minFactor);
        }

        /// <summary>Factor at time <paramref name="t"/> with cycle <c>i</c> (from 0) decayed by <c>decay^i</c> as
        /// <paramref name="mode"/> says, and, once <paramref name="cycleLimit"/> cycles have run (0: never), the minimum held
        /// (timm). Peak: <c>min + 0.5 (decay^i - min)(1 + cos(pi tCur / Ti))</c> (timm); amplitude:
        /// <c>(1 - min) 0.5 decay^i (1 + cos(pi tCur / Ti)) + min</c> (Keras, <c>alpha</c> = min).</summary>
        public static double Factor(double t, double t0, double tMult, double minFactor, double decay, RestartDecayMode mode, double cycleLimit)
        {
            double i = Cycle(t, t0, tMult, out double tCur, out double tI);
            if (cycleLimit > 0 && i >= cycleLimit) return minFactor;
            double gamma = Math.Pow(decay, i);
            double cos = 1.0 + Math.Cos(Math.PI * tCur / tI);
            return mode == RestartDecayMode.Peak
                ? minFactor + 0.5 * (gamma - minFactor) * cos
                : (1.0 - minFactor) * (0.5 * gamma * cos) + minFactor;
        }

        /// <summary>The index of the cycle holding <paramref name="t"/> (from 0), the time since it began and its length.</summary>
        private static double Cycle(double t, double t0, double tMult, out double tCur, out double tI)
        {
            if (tMult == 1.0)
            {
                double n1 = Math.Floor(t / t0);
                tCur = t - t0 * n1;
                tI = t0;
                return n1;
            }
            // PyTorch takes n from a logarithm; the two corrections keep n exact where
            // rounding puts t on the wrong side of a restart.
            double n = Math.Floor(Math.Log(t / t0 * (tMult - 1.0) + 1.0) / Math.Log(tMult));
            if (t0 * (Math.Pow(tMult, n) - 1.0) / (tMult - 1.0) > t) n -= 1.0;
            else if (t0 * (Math.Pow(tMult, n + 1.0) - 1.0) / (tMult - 1.0) <= t) n += 1.0;
            tCur = t - t0 * (Math.Pow(tMult, n) - 1.0) / (tMult - 1.0);
            tI = t0 * Math.Pow(tMult, n);
            return n;
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>CosineAnnealingWarmRestarts</c>, with timm's restart decay and cycle limit (<c>cycle_decay</c>,
    /// <c>cycle_limit</c>) and Keras' <c>m_mul</c> (<see cref="DecayMode"/> <c>Amplitude</c>). <c>CycleLimit</c> 0: no limit.</summary>
    /// <remarks>The minimum is <c>MinLr</c> or, spelled for any hyperparameter, <c>EndValue</c> (at most the base value).</remarks>
    public sealed record CosineRestartsShape(double T0, int TMult = 1, double MinLr = 0.0, double Decay = 1.0,
        RestartDecayMode DecayMode = RestartDecayMode.Peak, int CycleLimit = 0, double? EndValue = null) : ScheduleComponent
    {
        /// <summary>The value at the end of each period: <see cref="EndValue"/> when declared, else <see cref="MinLr"/>.</summary>
        public double End => EndValue ?? MinLr;

        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(CosineRestartsAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        // The plain PyTorch form: its description, canonical text and generated call stay as they were.
        private bool IsPlain => Decay == 1.0 && DecayMode == RestartDecayMode.Peak && CycleLimit == 0;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new CosineRestartsShape(a.Double(nameof(T0)));
            if (a.Has(nameof(TMult))) c = c with { TMult = a.Int(nameof(TMult)) };
            string? end = a.OneOf(nameof(MinLr), nameof(EndValue));
            if (end == nameof(MinLr)) c = c with { MinLr = a.Double(nameof(MinLr)) };
            if (end == nameof(EndValue)) c = c with { EndValue = a.Double(nameof(EndValue)) };
            if (a.Has(nameof(Decay))) c = c with { Decay = a.Double(nameof(Decay)) };
            if (a.Has(nameof(DecayMode))) c = c with { DecayMode = a.Enum(nameof(DecayMode), c.DecayMode) };
            if (a.Has(nameof(CycleLimit))) c = c with { CycleLimit = a.Int(nameof(CycleLimit)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.Positive(nameof(T0), T0);
            if (TMult < 1) check.Invalid(nameof(TMult), TMult, "must be an integer >= 1");
            if (EndValue is double endValue && MinLr != 0.0)
                check.Invalid(nameof(EndValue), endValue, $"MinLr = {N(MinLr)} is declared too; both are the end value, declare one of them");
            check.AtMostPeak(EndValue is null ? nameof(MinLr) : nameof(EndValue), End);
            // Above 1 each cycle would grow until the rate overflows.
            check.InRange(nameof(Decay), Decay, 0.0, 1.0);
            if (CycleLimit < 0) check.Invalid(nameof(CycleLimit), CycleLimit, "must be an integer >= 0 (0: no limit)");
            check.TimeScale(nameof(T0), T0);
            // Derived: the restart count's logarithm and the next cycle's end must stay finite up to the latest time.
            if (ScheduleRules.Checks.IsFinite(T0) && T0 > 0 && ScheduleRules.Checks.IsFinite(TMult) && TMult > 1
                && !ScheduleRules.Checks.IsFinite((check.MaxTime / T0 * (TMult - 1.0) + 1.0) * TMult * T0))
                check.Invalid(nameof(TMult), TMult, $"is too large: the cycle lengths T0 * TMult^n overflow to infinity before time {N(check.MaxTime)}");
        }

        // Each cycle anneals to the minimum; a cycle peak shrunk by Decay^i may fall below it (to 0 for Decay 0).
        internal override double? SmallestFactor(double maxTime, double peak) =>
            DecayMode == RestartDecayMode.Peak && Decay < 1.0 ? Math.Min(End / peak, CycleLimit > 0 ? Math.Pow(Decay, CycleLimit - 1) : 0.0) : Math.Min(1.0, End / peak);

        internal override Term ToTerm(TermContext context) => new CosineRestartsTerm(this, End / context.Peak);

        internal override string Describe(string unit) =>
            $"cosine annealing to {N(End)} with warm restarts every {N(T0)} {unit}{(TMult > 1 ? $" (period x{TMult} each time)" : "")}"
            + (Decay != 1.0 ? $", {(DecayMode == RestartDecayMode.Peak ? "cycle peak" : "cycle amplitude")} x{N(Decay)} per restart" : "")
            + (CycleLimit > 0 ? $", held at the minimum after {CycleLimit} cycle{(CycleLimit > 1 ? "s" : "")}" : "");

        internal override string ConstructionCode() => EndValue is not null
            ? CSharp.New(typeof(CosineRestartsShape), L(T0), CSharp.Literal(TMult), L(MinLr), L(Decay), CSharp.Literal(DecayMode), CSharp.Literal(CycleLimit), L(EndValue))
            : IsPlain
            ? CSharp.New(typeof(CosineRestartsShape), L(T0), CSharp.Literal(TMult), L(MinLr))
            : CSharp.New(typeof(CosineRestartsShape), L(T0), CSharp.Literal(TMult), L(MinLr), L(Decay), CSharp.Literal(DecayMode), CSharp.Literal(CycleLimit));

        internal override void WriteCanonical(StringBuilder t)
        {
            // The end as MinLr writes it: the two spellings of one curve share a fingerprint.
            if (IsPlain) t.Append($"restarts({N(T0)},{TMult},{N(End)})");
            else t.Append($"restarts({N(T0)},{TMult},{N(End)},{N(Decay)},{DecayMode},{CycleLimit})");
        }

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span)
        {
            if (CycleLimit <= 0) yield break;
            // The end of the last cycle that runs: T0 (1 + m + ... + m^(limit-1)).
            double end = 0, period = T0;
            for (int k = 0; k < CycleLimit && end < span; k++, period *= TMult) end += period;
            yield return (start + end, "cycle limit");
        }

        internal override double? PreviewLength => 3 * T0;

        private sealed class CosineRestartsTerm : Term
        {
            private readonly double _t0, _tMult, _minFactor, _decay, _cycleLimit, _minLr;
            private readonly RestartDecayMode _mode;
            private readonly bool _plain;
            public CosineRestartsTerm(CosineRestartsShape r, double minFactor) : base(r)
            {
                _minLr = r.End;
                _t0 = r.T0;
                _tMult = r.TMult;
                _minFactor = minFactor;
                _decay = r.Decay;
                _mode = r.DecayMode;
                _cycleLimit = r.CycleLimit;
                _plain = r.IsPlain;
            }
            public override double Factor(double t) => _plain
                ? CosineRestarts.Factor(t, _t0, _tMult, _minFactor)
                : CosineRestarts.Factor(t, _t0, _tMult, _minFactor, _decay, _mode, _cycleLimit);
            internal override string Expression(string time, StaticArrays fields) => _plain
                ? CSharp.Call(typeof(CosineRestarts), nameof(CosineRestarts.Factor), time, L(_t0), L(_tMult), fields.Over(_minLr, _minFactor))
                : CSharp.Call(typeof(CosineRestarts), nameof(CosineRestarts.Factor), time, L(_t0), L(_tMult), fields.Over(_minLr, _minFactor), L(_decay),
                    CSharp.Literal(_mode), L(_cycleLimit));
        }
    }
}
