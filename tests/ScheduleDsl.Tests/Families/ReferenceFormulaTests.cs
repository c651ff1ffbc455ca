using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>Every family against an independent reference written from the PyTorch / Hugging Face /
    /// Keras formula (absolute rates, iterative or looping forms), tolerance 1e-12 x peak.</summary>
    public class ReferenceFormulaTests
    {
        private static ScheduleDefinition Steps(double lr, double? horizon, params ScheduleComponent[] components) =>
            ScheduleDefinition.Create(lr, TimeUnit.Steps, horizon, components);

        private static void AssertMatches(ScheduleDefinition d, double[] expected, int? stepsPerEpoch = null) =>
            Run.AssertClose(expected, Run.Rates(d, expected.Length - 1, stepsPerEpoch), Run.ReferenceTolerance(d.LearningRate), d.Canonical);

        private static void AssertMatches(ScheduleDefinition d, int steps, Func<int, double> expected) =>
            AssertMatches(d, Run.Sequence(steps + 1, expected));

        [Theory]
        [InlineData(0.1, 30, 0.1, 400)]
        [InlineData(0.4, 7, 0.5, 300)]
        [InlineData(1e-3, 1, 0.97, 500)]
        public void StepDecay_is_StepLR(double lr, int stepSize, double gamma, int steps) =>
            AssertMatches(Steps(lr, null, new StepDecayShape(stepSize, gamma)), R.StepLR(lr, stepSize, gamma, steps));

        [Theory]
        [InlineData(0.1, new[] { 30, 60, 90 }, 0.1)]
        [InlineData(0.05, new[] { 10, 10, 150, 151, 151, 151 }, 0.5)]
        [InlineData(2.0, new[] { 0, 100 }, 0.3)]
        public void MultiStep_is_MultiStepLR(double lr, int[] milestones, double gamma) =>
            AssertMatches(Steps(lr, null, new MultiStepShape(new EquatableArray<double>(milestones.Select(m => (double)m)), gamma)),
                300, k => R.MultiStepLR(lr, milestones, gamma, k));

        [Theory]
        [InlineData(0.1, 0.95, 400)]
        [InlineData(3e-4, 0.999, 500)]
        public void Exponential_is_ExponentialLR(double lr, double gamma, int steps) =>
            AssertMatches(Steps(lr, null, new ExponentialShape(gamma)), R.ExponentialLR(lr, gamma, steps));

        [Theory]
        [InlineData(0.1, 0.96, 100.0, false)]
        [InlineData(0.1, 0.96, 100.0, true)]
        [InlineData(0.02, 0.5, 37.5, true)]
        [InlineData(1.0, 0.1, 250.0, false)]
        public void Exponential_is_Keras_ExponentialDecay(double lr, double rate, double decaySteps, bool staircase) =>
            AssertMatches(Steps(lr, null, new ExponentialShape(rate, decaySteps, staircase)), 500,
                k => R.KerasExponentialDecay(lr, decaySteps, rate, staircase, k));

        [Theory]
        [InlineData(0.1, 300, 1.0, 0.0)]
        [InlineData(0.1, 300, 2.0, 0.001)]
        [InlineData(0.5, 123, 0.5, 0.05)]
        [InlineData(1.0, 400, 3.0, 1.0)] // end rate = peak: constant
        public void Polynomial_is_Keras_PolynomialDecay(double lr, double decaySteps, double power, double endLr) =>
            AssertMatches(Steps(lr, null, new PolynomialShape(power, endLr, decaySteps)), 450,
                k => R.KerasPolynomialDecay(lr, decaySteps, endLr, power, k));

        [Theory]
        [InlineData(0.1, 250, 1.0)]
        [InlineData(0.3, 100, 0.5)]
        public void Polynomial_is_PolynomialLR(double lr, double totalIters, double power) =>
            AssertMatches(Steps(lr, null, new PolynomialShape(power, 0.0, totalIters)), 300, k => R.PolynomialLR(lr, totalIters, power, k));

        [Theory]
        [InlineData(0.1, 0.5, 1.0, false)]
        [InlineData(0.1, 0.5, 10.0, false)]
        [InlineData(0.1, 0.5, 10.0, true)]
        [InlineData(1.0, 2.0, 33.0, true)]
        [InlineData(0.01, 0.0, 5.0, true)]
        public void InverseTime_is_Keras_InverseTimeDecay(double lr, double decayRate, double decaySteps, bool staircase) =>
            AssertMatches(Steps(lr, null, new InverseTimeShape(decayRate, decaySteps, staircase)), 400,
                k => R.KerasInverseTimeDecay(lr, decaySteps, decayRate, staircase, k));

        /// <summary>[Warmup(W)] + [InverseSqrt] is Hugging Face's get_inverse_sqrt_schedule(W, timescale), warmup included.</summary>
        [Theory]
        [InlineData(0.1, 0, null)]
        [InlineData(0.1, 10, null)]
        [InlineData(5e-4, 100, null)]
        [InlineData(0.1, 40, 250.0)]
        [InlineData(0.1, 0, 30.0)]
        public void WarmupThenInverseSqrt_is_HuggingFace_inverse_sqrt(double lr, int warmup, double? timescale)
        {
            var components = warmup > 0
                ? new ScheduleComponent[] { new WarmupPhase(warmup), new InverseSqrtShape(timescale) }
                : new ScheduleComponent[] { new InverseSqrtShape(timescale) };
            AssertMatches(Steps(lr, null, components), 600, k => lr * R.InverseSqrtLambda(k, warmup, timescale));
        }

        [Theory]
        [InlineData(0.1, 0.1, 1.0, 50.0)]
        [InlineData(0.5, 1.0, 0.0, 300.0)]
        [InlineData(0.2, 0.5, 2.0, 200.0)]
        public void LinearDecay_is_LinearLR(double lr, double start, double end, double totalIters) =>
            AssertMatches(Steps(lr, null, new LinearDecayShape(start, end, totalIters)), 350, k => R.LinearLR(lr, start, end, totalIters, k));

        [Theory]
        [InlineData(0.1, 0.0, 50.0)]
        [InlineData(0.4, 0.25, 200.0)]
        public void LinearWarmup_is_LinearLR(double lr, double start, double length) =>
            AssertMatches(Steps(lr, null, new WarmupPhase(length, WarmupKind.Linear, start)), 300, k => R.LinearLR(lr, start, 1.0, length, k));

        [Theory]
        [InlineData(0.1, 1.0 / 3, 5.0)]
        [InlineData(0.3, 0.0, 100.0)]
        public void ConstantWarmup_is_ConstantLR(double lr, double factor, double length) =>
            AssertMatches(Steps(lr, null, new WarmupPhase(length, WarmupKind.Constant, factor)), 300, k => R.ConstantLR(lr, factor, length, k));

        [Theory]
        [InlineData(0.1, 0.0, 0.0, 60.0)]
        [InlineData(0.1, 0.2, 0.0, 60.0)]
        [InlineData(1.0, 0.05, 0.01, 250.0)]
        public void CosineWarmup_is_half_cosine_from_start_to_peak(double lr, double start, double unused, double length)
        {
            _ = unused;
            AssertMatches(Steps(lr, null, new WarmupPhase(length, WarmupKind.Cosine, start)), 300, k => R.CosineWarmup(lr, start, length, k));
        }

        [Theory]
        [InlineData(0.1, 0.01, 60.0)]
        [InlineData(1.0, 1e-4, 250.0)]
        [InlineData(0.3, 1.0, 20.0)]
        public void ExponentialWarmup_is_geometric_from_start_to_peak(double lr, double start, double length) =>
            AssertMatches(Steps(lr, null, new WarmupPhase(length, WarmupKind.Exponential, start)), 300, k => R.ExponentialWarmup(lr, start, length, k));

        [Theory]
        [InlineData(0.1, 0.0, 100.0)]
        [InlineData(0.05, 0.001, 300.0)]
        [InlineData(1.0, 0.25, 77.0)]
        public void Cosine_is_CosineAnnealingLR(double lr, double etaMin, double tMax) =>
            AssertMatches(Steps(lr, null, new CosineShape(etaMin, tMax)), 500, k => R.CosineAnnealingLR(lr, tMax, etaMin, k));

        /// <summary>Per step, and per batch (fractional epochs) with steps-per-epoch 1, 3, 8.</summary>
        [Theory]
        [InlineData(10.0, 1, 0.0, 1)]
        [InlineData(10.0, 1, 0.001, 3)]
        [InlineData(7.0, 2, 0.0, 1)]
        [InlineData(5.0, 2, 0.01, 8)]
        [InlineData(1.0, 3, 0.0, 1)]
        [InlineData(2.0, 3, 0.02, 3)]
        [InlineData(2.5, 3, 0.0, 8)]
        public void CosineRestarts_is_CosineAnnealingWarmRestarts(double t0, int tMult, double etaMin, int stepsPerEpoch)
        {
            const double lr = 0.1;
            var d = ScheduleDefinition.Create(lr, TimeUnit.Epochs, null, new CosineRestartsShape(t0, tMult, etaMin));
            AssertMatches(d, Run.Sequence(600 + 1, k => R.CosineAnnealingWarmRestarts(lr, t0, tMult, etaMin, (double)k / stepsPerEpoch)), stepsPerEpoch);
        }

        /// <summary>The rate is the peak exactly at every restart, even where PyTorch's logarithm rounds to the
        /// wrong period (log(243)/log(3) &lt; 5 puts epoch 121 of T0=1, Tmult=3 at the end of the previous period).</summary>
        [Theory]
        [InlineData(1.0, 2, new[] { 1.0, 3, 7, 15, 31, 63, 127, 255, 511, 1023 })]
        [InlineData(1.0, 3, new[] { 1.0, 4, 13, 40, 121, 364, 1093 })]
        [InlineData(3.0, 3, new[] { 3.0, 12, 39, 120, 363 })]
        [InlineData(10.0, 1, new[] { 10.0, 20, 30, 1000 })]
        public void CosineRestarts_restarts_exactly_at_period_boundaries(double t0, int tMult, double[] restarts)
        {
            var compiled = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, null, new CosineRestartsShape(t0, tMult, 0.001)).Compile();
            foreach (double t in restarts)
            {
                Assert.Equal(1.0, compiled.FactorAt(t));
                Assert.True(compiled.FactorAt(t - 1e-9) < 0.0101, $"just before {t} the rate is at its minimum");
            }
        }

        [Fact]
        public void PyTorchs_logarithm_misplaces_epoch_121_of_Tmult_3()
        {
            // PyTorch: n = int(math.log(epoch / T_0 * (T_mult - 1) + 1, T_mult)); this documents why the core corrects n.
            int n = (int)Math.Log(121.0 / 1 * (3 - 1) + 1, 3);
            Assert.Equal(4, n); // should be 5: epoch 121 starts the sixth period
        }

        [Theory]
        [InlineData(0.1, 0.01, 20, 20, "triangular", 1.0)]
        [InlineData(0.1, 0.001, 15, 35, "triangular", 1.0)]
        [InlineData(1.0, 0.1, 10, 5, "triangular2", 1.0)]
        [InlineData(0.3, 0.0, 25, 25, "triangular2", 1.0)]
        [InlineData(0.1, 0.01, 20, 20, "exp_range", 0.995)]
        [InlineData(1.0, 0.2, 7, 13, "exp_range", 0.99)]
        public void Cyclic_is_CyclicLR(double maxLr, double baseLr, int up, int down, string mode, double gamma)
        {
            var coreMode = mode switch { "triangular" => CyclicMode.Triangular, "triangular2" => CyclicMode.Triangular2, _ => CyclicMode.ExpRange };
            AssertMatches(Steps(maxLr, null, new CyclicShape(baseLr, up, down, coreMode, gamma)), 500,
                k => R.CyclicLR(baseLr, maxLr, up, down, mode, gamma, k));
        }

        [Theory]
        [InlineData(20, 20, "triangular", 1.0)]
        [InlineData(15, 35, "triangular2", 1.0)]
        [InlineData(7, 13, "exp_range", 0.99)]
        public void Cyclic_momentum_is_CyclicLR_momentum(int up, int down, string mode, double gamma)
        {
            var coreMode = mode switch { "triangular" => CyclicMode.Triangular, "triangular2" => CyclicMode.Triangular2, _ => CyclicMode.ExpRange };
            var schedule = new Schedule(Steps(0.1, null, new CyclicShape(0.01, up, down, coreMode, gamma)));
            Assert.True(schedule.CyclesMomentum);
            var core = Run.Sequence(400, k => { double m = schedule.CurrentMomentum(0.8, 0.9); schedule.Advance(); return m; });
            Run.AssertClose(Run.Sequence(400, k => R.CyclicMomentum(0.8, 0.9, up, down, mode, gamma, k)), core, 1e-12);
        }

        [Theory]
        [InlineData(0.1, 400, 0.3, "cos", 25.0, 1e4, false)]
        [InlineData(0.4, 300, 0.25, "linear", 10.0, 100.0, false)]
        [InlineData(1.0, 500, 0.3, "cos", 25.0, 1e4, true)]
        [InlineData(0.01, 333, 0.4, "linear", 5.0, 1e3, true)]
        [InlineData(0.1, 200, 0.123, "cos", 20.0, 50.0, false)]
        public void OneCycle_is_OneCycleLR(double maxLr, int total, double pct, string anneal, double div, double finalDiv, bool threePhase)
        {
            var d = Steps(maxLr, total, new OneCycleShape(pct, anneal == "cos" ? AnnealStrategy.Cos : AnnealStrategy.Linear, div, finalDiv, threePhase));
            // At step T PyTorch extrapolates the last phase (a linear anneal goes below zero there); rates are never negative in the core.
            AssertMatches(d, total, k => Math.Max(0.0, R.OneCycleLR(maxLr, total, pct, anneal, div, finalDiv, threePhase, 0.85, 0.95, k).Lr));
            var schedule = new Schedule(d);
            var momenta = Run.Sequence(total + 1, k => { double m = schedule.CurrentMomentum(0.85, 0.95); schedule.Advance(); return m; });
            Run.AssertClose(Run.Sequence(total + 1, k => R.OneCycleLR(maxLr, total, pct, anneal, div, finalDiv, threePhase, 0.85, 0.95, k).Momentum), momenta, 1e-12);
        }

        public static TheoryData<WsdCurve, WsdCurve, double, double> WsdCurves()
        {
            var data = new TheoryData<WsdCurve, WsdCurve, double, double>();
            foreach (WsdCurve warmup in Enum.GetValues<WsdCurve>())
                foreach (WsdCurve decay in Enum.GetValues<WsdCurve>())
                    data.Add(warmup, decay, warmup == decay ? 0.1 : 0.0, decay == WsdCurve.Cosine && warmup == WsdCurve.Linear ? 0.75 : 0.5);
            return data;
        }

        private static string Hf(WsdCurve c) => c switch { WsdCurve.Linear => "linear", WsdCurve.Cosine => "cosine", _ => "1-sqrt" };

        /// <summary>Hugging Face get_wsd_schedule, every warmup x decay curve; decay length from the horizon.</summary>
        [Theory]
        [MemberData(nameof(WsdCurves))]
        public void Wsd_is_HuggingFace_get_wsd_schedule(WsdCurve warmup, WsdCurve decay, double minRatio, double cycles)
        {
            var d = Steps(0.1, 400, new WsdShape(40, 160, null, warmup, decay, minRatio, cycles));
            AssertMatches(d, 420, k => 0.1 * R.WsdLambda(Math.Min(k, 400), 40, 160, 200, Hf(warmup), Hf(decay), minRatio, cycles));
        }

        [Theory]
        [InlineData(0.0, 100.0, 150.0)]
        [InlineData(25.0, 0.0, 275.0)]
        [InlineData(10.0, 50.0, 100.0)] // explicit decay ending before the horizon: min ratio afterwards
        public void Wsd_lengths_are_HuggingFace_lengths(double warmup, double stable, double decay)
        {
            var d = Steps(0.3, 300, new WsdShape(warmup, stable, decay, WsdCurve.Linear, WsdCurve.OneMinusSqrt, 0.05));
            AssertMatches(d, 300, k => 0.3 * R.WsdLambda(k, warmup, stable, decay, "linear", "1-sqrt", 0.05, 0.5));
        }
    }
}
