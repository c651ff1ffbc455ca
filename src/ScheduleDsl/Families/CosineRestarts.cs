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
    /// <summary>Cosine annealing with warm restarts, PyTorch <c>CosineAnnealingWarmRestarts</c>:
    /// periods <c>T0, T0*Tmult, T0*Tmult^2, ...</c>, each a cosine from the peak to the minimum.</summary>
    public static class CosineRestarts
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double t0, double tMult, double minFactor)
        {
            double tCur, tI;
            if (tMult == 1.0)
            {
                tCur = t - t0 * Math.Floor(t / t0);
                tI = t0;
            }
            else
            {
                // PyTorch takes n from a logarithm; the two corrections keep n exact where
                // rounding puts t on the wrong side of a restart.
                double n = Math.Floor(Math.Log(t / t0 * (tMult - 1.0) + 1.0) / Math.Log(tMult));
                if (t0 * (Math.Pow(tMult, n) - 1.0) / (tMult - 1.0) > t) n -= 1.0;
                else if (t0 * (Math.Pow(tMult, n + 1.0) - 1.0) / (tMult - 1.0) <= t) n += 1.0;
                tCur = t - t0 * (Math.Pow(tMult, n) - 1.0) / (tMult - 1.0);
                tI = t0 * Math.Pow(tMult, n);
            }
            return Cosine.Factor(tCur, tI, minFactor);
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>CosineAnnealingWarmRestarts</c>.</summary>
    public sealed record CosineRestartsShape(double T0, int TMult = 1, double MinLr = 0.0) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(CosineRestartsAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new CosineRestartsShape(a.Double(nameof(T0)));
            if (a.Has(nameof(TMult))) c = c with { TMult = a.Int(nameof(TMult)) };
            if (a.Has(nameof(MinLr))) c = c with { MinLr = a.Double(nameof(MinLr)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.Positive(nameof(T0), T0);
            if (TMult < 1) check.Invalid(nameof(TMult), TMult, "must be an integer >= 1");
            check.AtMostPeak(nameof(MinLr), MinLr);
            check.TimeScale(nameof(T0), T0);
            // Derived: the restart count's logarithm and the next cycle's end must stay finite up to the latest time.
            if (ScheduleRules.Checks.IsFinite(T0) && T0 > 0 && ScheduleRules.Checks.IsFinite(TMult) && TMult > 1
                && !ScheduleRules.Checks.IsFinite((check.MaxTime / T0 * (TMult - 1.0) + 1.0) * TMult * T0))
                check.Invalid(nameof(TMult), TMult, $"is too large: the cycle lengths T0 * TMult^n overflow to infinity before time {N(check.MaxTime)}");
        }

        internal override Term ToTerm(TermContext context) => new CosineRestartsTerm(this, MinLr / context.Peak);

        internal override string Describe(string unit) =>
            $"cosine annealing to {N(MinLr)} with warm restarts every {N(T0)} {unit}{(TMult > 1 ? $" (period x{TMult} each time)" : "")}";

        internal override string ConstructionCode() => CSharp.New(typeof(CosineRestartsShape), L(T0), CSharp.Literal(TMult), L(MinLr));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"restarts({N(T0)},{TMult},{N(MinLr)})");

        internal override double? PreviewLength => 3 * T0;

        private sealed class CosineRestartsTerm : Term
        {
            private readonly double _t0, _tMult, _minFactor;
            public CosineRestartsTerm(CosineRestartsShape r, double minFactor) : base(r)
            {
                _t0 = r.T0;
                _tMult = r.TMult;
                _minFactor = minFactor;
            }
            public override double Factor(double t) => CosineRestarts.Factor(t, _t0, _tMult, _minFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(CosineRestarts), nameof(CosineRestarts.Factor), time, L(_t0), L(_tMult), L(_minFactor));
        }
    }
}
