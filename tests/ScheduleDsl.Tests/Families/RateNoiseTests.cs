using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Validation;
using Xunit;
using L = ScheduleDsl.Tests.Infrastructure.LibraryReferences;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>[RateNoise]: timm's scheduler noise with its draws from the documented counter-based generator.</summary>
    public class RateNoiseTests
    {
        private static double[] Noises(RateNoiseShape noise, int count) =>
            Enumerable.Range(0, count).Select(k => ScheduleDefinition.Create(1.0, TimeUnit.Steps, null, noise).Compile().RateAt(k) - 1.0).ToArray();

        [Theory]
        [InlineData(0.67, NoiseDistribution.Normal, 42, 0.0, double.NaN)]   // timm's defaults
        [InlineData(0.1, NoiseDistribution.Normal, 7, 5.0, 30.0)]
        [InlineData(0.3, NoiseDistribution.Uniform, -3, 0.0, 20.0)]
        [InlineData(1.0, NoiseDistribution.Uniform, 123456, 10.0, double.NaN)]
        public void Is_timm_add_noise_with_the_documented_generator(double pct, NoiseDistribution distribution, int seed, double start, double end)
        {
            var noise = new RateNoiseShape(pct, distribution, seed, start, double.IsNaN(end) ? null : end);
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, new CosineShape(1e-3, 50), noise) with { PastHorizon = PastHorizonPolicy.Continue };
            double[] expected = Run.Sequence(61, k => L.TimmNoisyRate(R.CosineAnnealingLR(0.1, 50, 1e-3, k), k, pct, distribution == NoiseDistribution.Normal,
                seed, start, double.IsNaN(end) ? double.PositiveInfinity : end));
            Run.AssertClose(expected, Run.Rates(d, 60), 1e-12 * 0.2, d.Canonical);
        }

        [Fact]
        public void Noise_applies_only_within_its_range()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, null, new WarmupPhase(2), new RateNoiseShape(0.5, NoiseDistribution.Uniform, 1, 3, 6));
            CompiledSchedule c = d.Compile();
            foreach (double t in new[] { 0.0, 1.5, 2.0, 4.9, 8.0, 8.5, 20 }) Assert.Equal(t < 2 ? 0.1 * t / 2 : 0.1, c.RateAt(t));  // warmup, before, from 6 on
            double[] inside = Enumerable.Range(0, 12).Select(k => c.RateAt(5 + k * 0.25)).ToArray();                           // s in [3, 6)
            Assert.All(inside, rate => Assert.NotEqual(0.1, rate));
        }

        [Fact]
        public void One_draw_per_whole_time_so_an_epoch_stepped_per_batch_keeps_its_noise()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 10, new RateNoiseShape(0.2, NoiseDistribution.Normal, 9));
            double[] perBatch = Run.Rates(d, 40, stepsPerEpoch: 4);
            double[] perEpoch = Run.Rates(d, 10);
            for (int k = 0; k < 40; k++) Assert.Equal(perEpoch[k / 4], perBatch[k]);
            Assert.Equal(10, perEpoch.Take(10).Distinct().Count());
        }

        [Fact]
        public void The_noise_depends_only_on_seed_and_time_so_a_resumed_run_sees_the_same()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 500, new LinearDecayShape(1, 0.1), new RateNoiseShape(0.3, NoiseDistribution.Normal, 5));
            var first = new Schedule(d);
            for (int k = 0; k < 137; k++) first.Advance();
            string saved = first.SaveState().ToString();
            double[] continued = Enumerable.Range(0, 50).Select(_ => { double r = first.CurrentRate; first.Advance(); return r; }).ToArray();

            var resumed = new Schedule(d);
            resumed.RestoreState(ScheduleState.Parse(saved));
            double[] after = Enumerable.Range(0, 50).Select(_ => { double r = resumed.CurrentRate; resumed.Advance(); return r; }).ToArray();
            Assert.Equal(continued, after);

            Assert.NotEqual(Noises(new RateNoiseShape(0.3, Seed: 5), 20), Noises(new RateNoiseShape(0.3, Seed: 6), 20));
            Assert.Equal(Noises(new RateNoiseShape(0.3, Seed: 5), 20), Noises(new RateNoiseShape(0.3, Seed: 5), 20));
        }

        [Fact]
        public void Uniform_noise_is_uniform_on_minus_pct_to_pct()
        {
            const int n = 20000;
            const double pct = 0.4;
            double[] noise = Noises(new RateNoiseShape(pct, NoiseDistribution.Uniform, 2024), n);
            Assert.All(noise, x => Assert.True(x >= -pct && x < pct, $"{x} outside [-{pct}, {pct})"));
            double sd = pct / Math.Sqrt(3);
            Assert.InRange(noise.Average(), -5 * sd / Math.Sqrt(n), 5 * sd / Math.Sqrt(n));
            Assert.InRange(noise.Select(x => x * x).Average() / (sd * sd), 0.95, 1.05);
            // Ten equal bins each hold a tenth, within five binomial standard deviations.
            double binSd = Math.Sqrt(n * 0.1 * 0.9);
            foreach (var bin in noise.GroupBy(x => (int)Math.Floor((x + pct) / (2 * pct) * 10)))
                Assert.InRange(bin.Count(), n / 10 - 5 * binSd, n / 10 + 5 * binSd);
        }

        [Theory]
        [InlineData(0.67)]   // timm's default: about half the standard normal draws are kept
        [InlineData(0.1)]    // about one in twelve kept: the truncated normal is almost flat
        public void Normal_noise_is_a_standard_normal_redrawn_until_below_pct(double pct)
        {
            const int n = 20000;
            double[] noise = Noises(new RateNoiseShape(pct, NoiseDistribution.Normal, 77), n);
            Assert.All(noise, x => Assert.True(Math.Abs(x) < pct, $"|{x}| >= {pct}"));
            // A standard normal conditioned on |z| < pct: P(|z| < pct/2 | |z| < pct) = (Phi(pct/2) - 1/2) / (Phi(pct) - 1/2).
            double expected = NormalMass(pct / 2) / NormalMass(pct);
            double observed = noise.Count(x => Math.Abs(x) < pct / 2) / (double)n;
            Assert.InRange(observed, expected - 5 * Math.Sqrt(expected * (1 - expected) / n), expected + 5 * Math.Sqrt(expected * (1 - expected) / n));
            Assert.InRange(noise.Average(), -5 * pct / Math.Sqrt(n), 5 * pct / Math.Sqrt(n));
        }

        // Integral of the standard normal density over [0, a], Simpson's rule.
        private static double NormalMass(double a)
        {
            const int steps = 2000;
            double h = a / steps, sum = 0;
            for (int i = 0; i <= steps; i++)
            {
                double w = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
                sum += w * Math.Exp(-(i * h) * (i * h) / 2);
            }
            return sum * h / 3 / Math.Sqrt(2 * Math.PI);
        }

        [Theory]
        [InlineData(1.5, NoiseDistribution.Uniform, 0.0, double.NaN, "Pct", "RateNoise.Pct = 1.5: must lie between 0 and 1.")]
        [InlineData(0.01, NoiseDistribution.Normal, 0.0, double.NaN, "Pct",
            "RateNoise.Pct = 0.01: must lie between 0.05 and 1 for normal noise (drawn until |noise| < Pct).")]
        [InlineData(0.1, NoiseDistribution.Normal, -1.0, double.NaN, "RangeStart", "RateNoise.RangeStart = -1: must be a finite number >= 0.")]
        [InlineData(0.1, NoiseDistribution.Normal, 10.0, 10.0, "RangeEnd", "RateNoise.RangeEnd = 10: must be a finite number greater than RangeStart = 10.")]
        public void Broken_arguments_are_refused_on_the_argument(double pct, NoiseDistribution distribution, double start, double end, string parameter, string message)
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new RateNoiseShape(pct, distribution, 1, start, double.IsNaN(end) ? null : end));
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.InvalidArgument, "RateNoise", parameter, message), (v.Kind, v.Component, v.Parameter, v.Message));
            var e = Assert.Throws<ScheduleValidationException>(() => new Schedule(d));
            Assert.Equal("RateNoise." + parameter, e.ParamName);
        }

        [Fact]
        public void Its_term_writes_the_call_it_computes()
        {
            var shape = new RateNoiseShape(0.2, NoiseDistribution.Uniform, 3, 1, 50);
            Term term = ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, shape).Compile().Shapes.Single();
            Assert.Equal("RateNoise.Factor(t, 0.2, NoiseDistribution.Uniform, 3, 1.0, 50.0)", term.ToString());
            Assert.Equal(1.0, term.Factor(0.5));
            Assert.Equal("uniform rate noise below 0.2 (seed 3) from 1 to 50 steps", shape.Describe("steps"));
            Assert.Equal(new[] { (1.0, "noise from"), (50.0, "noise until") }, shape.KeyTimes(0, 100).ToArray());
        }
    }
}
