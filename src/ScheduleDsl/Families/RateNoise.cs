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
    /// <summary>The distribution of <see cref="Families.RateNoise"/> (timm's <c>noise_type</c>).</summary>
    public enum NoiseDistribution
    {
        /// <summary>A standard normal draw, redrawn until <c>|noise| &lt; pct</c> (timm's resampling loop).</summary>
        Normal,
        /// <summary><c>2 * (u - 0.5) * pct</c>, u uniform in [0, 1).</summary>
        Uniform,
    }
}

namespace ScheduleDsl.Families
{
    /// <summary>Seeded rate noise, timm's scheduler noise (<c>noise_range_t</c>, <c>noise_pct</c>, <c>noise_type</c>,
    /// <c>noise_seed</c>): the rate is multiplied by <c>1 + noise</c> while <c>rangeStart &lt;= t &lt; rangeEnd</c>.
    /// timm seeds a <c>torch.Generator</c> with <c>seed + t</c>; here the draws of whole time <c>k = floor(t)</c> are
    /// successive outputs of SplitMix64 started at <c>Mix(Mix(seed + G) + k * G)</c> (G = 0x9E3779B97F4A7C15, Mix =
    /// SplitMix64's finaliser), so the noise depends only on the seed and the whole time: deterministic and resumable.</summary>
    public static class RateNoise
    {
        private const ulong Golden = 0x9E3779B97F4A7C15UL;

        /// <summary>Normal draws rejected before the noise is taken as 0; with <c>pct &gt;= 0.05</c> (the smallest accepted)
        /// a draw is kept with probability 0.04 or more, so reaching this bound has probability below 1e-170.</summary>
        public const int MaxNormalDraws = 10000;

        /// <summary>Factor at time <paramref name="t"/>: <c>1 + noise(floor(t))</c> inside the range, 1 outside
        /// (<paramref name="rangeEnd"/> may be infinite).</summary>
        public static double Factor(double t, double pct, NoiseDistribution distribution, int seed, double rangeStart, double rangeEnd) =>
            t >= rangeStart && t < rangeEnd ? 1.0 + Noise(WholeTime(t), pct, distribution, seed) : 1.0;

        /// <summary>The noise of whole time <paramref name="k"/>: in <c>(-pct, pct)</c> (normal) or <c>[-pct, pct)</c> (uniform).</summary>
        public static double Noise(ulong k, double pct, NoiseDistribution distribution, int seed)
        {
            ulong state = TickState(seed, k);
            if (distribution == NoiseDistribution.Uniform) return 2.0 * (Next(ref state) - 0.5) * pct;
            for (int draw = 0; draw < MaxNormalDraws; draw++)
            {
                // Box-Muller's cosine branch: 1 - u lies in (0, 1], so the logarithm is finite.
                double u1 = Next(ref state), u2 = Next(ref state);
                double noise = Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2);
                if (Math.Abs(noise) < pct) return noise;
            }
            return 0.0;
        }

        /// <summary>The whole time <c>floor(t)</c> as the generator's counter (0 below 0, saturated far beyond any schedule).</summary>
        public static ulong WholeTime(double t) => t >= 1.8e19 ? ulong.MaxValue : t >= 1.0 ? (ulong)Math.Floor(t) : 0UL;

        /// <summary>The SplitMix64 state the draws of whole time <paramref name="k"/> start from.</summary>
        public static ulong TickState(int seed, ulong k) => unchecked(Mix(Mix((ulong)(long)seed + Golden) + k * Golden));

        /// <summary>SplitMix64's next output as a double in [0, 1) (its top 53 bits).</summary>
        public static double Next(ref ulong state)
        {
            state = unchecked(state + Golden);
            return (Mix(state) >> 11) * (1.0 / 9007199254740992.0);
        }

        /// <summary>SplitMix64's finaliser (Steele, Lea and Flood; the mixer of Java's SplittableRandom).</summary>
        public static ulong Mix(ulong z)
        {
            unchecked
            {
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>timm's scheduler noise: the rate times <c>1 + noise</c> while <c>RangeStart &lt;= t &lt; RangeEnd</c>
    /// (<c>RangeEnd</c> not set: no end), one draw per whole unit of time, seeded.</summary>
    public sealed record RateNoiseShape(double Pct = 0.67, NoiseDistribution Distribution = NoiseDistribution.Normal, int Seed = 42,
        double RangeStart = 0.0, double? RangeEnd = null) : ScheduleComponent
    {
        /// <summary>The smallest <c>Pct</c> normal noise accepts (its draws are redrawn until <c>|noise| &lt; Pct</c>).</summary>
        public const double MinNormalPct = 0.05;

        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(RateNoiseAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new RateNoiseShape();
            if (a.Has(nameof(Pct))) c = c with { Pct = a.Double(nameof(Pct)) };
            if (a.Has(nameof(Distribution))) c = c with { Distribution = a.Enum(nameof(Distribution), c.Distribution) };
            if (a.Has(nameof(Seed))) c = c with { Seed = a.Int(nameof(Seed)) };
            if (a.Has(nameof(RangeStart))) c = c with { RangeStart = a.Double(nameof(RangeStart)) };
            if (a.Has(nameof(RangeEnd))) c = c with { RangeEnd = a.Double(nameof(RangeEnd)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            // Up to 1 the factor 1 + noise stays >= 0; normal noise needs room to be drawn.
            if (Distribution == NoiseDistribution.Normal)
            {
                if (!(ScheduleRules.Checks.IsFinite(Pct) && Pct >= MinNormalPct && Pct <= 1.0))
                    check.Invalid(nameof(Pct), Pct, $"must lie between {N(MinNormalPct)} and 1 for normal noise (drawn until |noise| < Pct)");
            }
            else check.InRange(nameof(Pct), Pct, 0.0, 1.0);
            check.NonNegative(nameof(RangeStart), RangeStart);
            if (RangeEnd is double end && !(ScheduleRules.Checks.IsFinite(end) && end > RangeStart))
                check.Invalid(nameof(RangeEnd), end, $"must be a finite number greater than RangeStart = {N(RangeStart)}");
        }

        // The rate times 1 + noise, |noise| below Pct (uniform noise reaches -Pct).
        internal override double LargestFactor(double maxTime, double peak) => 1.0 + Pct;

        internal override double? SmallestFactor(double maxTime, double peak) => 1.0 - Pct;

        internal override Term ToTerm(TermContext context) => new RateNoiseTerm(this);

        internal override string Describe(string unit) =>
            $"{Distribution.ToString().ToLowerInvariant()} rate noise below {N(Pct)} (seed {Seed}) from {N(RangeStart)}"
            + (RangeEnd is double end ? $" to {N(end)}" : "") + $" {unit}";

        internal override string ConstructionCode() =>
            CSharp.New(typeof(RateNoiseShape), L(Pct), CSharp.Literal(Distribution), CSharp.Literal(Seed), L(RangeStart), L(RangeEnd));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"noise({N(Pct)},{Distribution},{Seed},{N(RangeStart)},{N(RangeEnd)})");

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span)
        {
            if (RangeStart > 0) yield return (start + RangeStart, "noise from");
            if (RangeEnd is double end) yield return (start + end, "noise until");
        }

        internal override double? PreviewLength => RangeEnd;

        private sealed class RateNoiseTerm : Term
        {
            private readonly double _pct, _start, _end;
            private readonly NoiseDistribution _distribution;
            private readonly int _seed;
            public RateNoiseTerm(RateNoiseShape n) : base(n)
            {
                _pct = n.Pct;
                _distribution = n.Distribution;
                _seed = n.Seed;
                _start = n.RangeStart;
                _end = n.RangeEnd ?? double.PositiveInfinity;
            }
            public override double Factor(double t) => RateNoise.Factor(t, _pct, _distribution, _seed, _start, _end);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(RateNoise), nameof(RateNoise.Factor), time, L(_pct), CSharp.Literal(_distribution), CSharp.Literal(_seed), L(_start), L(_end));
        }
    }
}
