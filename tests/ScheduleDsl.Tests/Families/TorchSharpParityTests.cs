using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using static TorchSharp.torch.optim;
using Cyc = TorchSharp.torch.optim.lr_scheduler.impl.CyclicLR;
using One = TorchSharp.torch.optim.lr_scheduler.impl.OneCycleLR;
using Sched = TorchSharp.torch.optim.lr_scheduler;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>Every family with a TorchSharp scheduler, against that scheduler driving a real SGD optimizer:
    /// the rate in the optimizer's param group after each <c>step()</c>, tolerance 1e-9 x peak (TorchSharp
    /// mostly uses PyTorch's recursive forms, which drift).</summary>
    public class TorchSharpParityTests
    {
        private static ScheduleDefinition Steps(double lr, double? horizon, params ScheduleComponent[] components) =>
            ScheduleDefinition.Create(lr, TimeUnit.Steps, horizon, components);

        private static void AssertMatches(ScheduleDefinition d, System.Func<Optimizer, Sched.LRScheduler> make, int steps)
        {
            double[] torch = TorchDriver.Rates(new[] { d.LearningRate }, make, steps)[0];
            Run.AssertClose(torch, Run.Rates(d, steps), Run.TorchTolerance(d.LearningRate), d.Canonical);
        }

        [Theory]
        [InlineData(0.1, 30, 0.1, 400)]
        [InlineData(0.4, 7, 0.5, 300)]
        [InlineData(1e-3, 1, 0.97, 500)]
        public void StepDecay_matches_StepLR(double lr, int stepSize, double gamma, int steps) =>
            AssertMatches(Steps(lr, null, new StepDecayShape(stepSize, gamma)), o => Sched.StepLR(o, stepSize, gamma), steps);

        [Theory]
        [InlineData(0.1, new[] { 30, 60, 90 }, 0.1, 300)]
        [InlineData(0.05, new[] { 1, 2, 150, 151 }, 0.5, 400)]
        [InlineData(2.0, new[] { 100 }, 0.3, 250)]
        public void MultiStep_matches_MultiStepLR(double lr, int[] milestones, double gamma, int steps) =>
            AssertMatches(Steps(lr, null, new MultiStepShape(new EquatableArray<double>(milestones.Select(m => (double)m)), gamma)),
                o => Sched.MultiStepLR(o, milestones, gamma), steps);

        [Theory]
        [InlineData(0.1, 0.95, 400)]
        [InlineData(3e-4, 0.999, 500)]
        [InlineData(1.0, 0.5, 200)]
        public void Exponential_matches_ExponentialLR(double lr, double gamma, int steps) =>
            AssertMatches(Steps(lr, null, new ExponentialShape(gamma)), o => Sched.ExponentialLR(o, gamma), steps);

        [Theory]
        [InlineData(0.1, 300, 1.0, 400)]
        [InlineData(0.02, 250, 2.0, 300)]
        [InlineData(1.0, 200, 0.5, 300)]
        [InlineData(0.3, 333, 3.0, 400)]
        public void Polynomial_matches_PolynomialLR(double lr, int totalIters, double power, int steps) =>
            AssertMatches(Steps(lr, null, new PolynomialShape(power, 0.0, totalIters)), o => Sched.PolynomialLR(o, totalIters, power), steps);

        [Theory]
        [InlineData(0.1, 0.1, 1.0, 50, 300)]
        [InlineData(0.5, 0.25, 1.0, 200, 300)]
        public void LinearWarmup_matches_LinearLR(double lr, double start, double end, int totalIters, int steps) =>
            AssertMatches(Steps(lr, null, new WarmupPhase(totalIters, WarmupKind.Linear, start)),
                o => Sched.LinearLR(o, start, end, totalIters), steps);

        [Theory]
        [InlineData(0.1, 1.0, 0.1, 300, 400)]
        [InlineData(0.7, 0.9, 0.05, 123, 300)]
        [InlineData(0.2, 0.5, 2.0, 200, 300)]
        public void LinearDecay_matches_LinearLR(double lr, double start, double end, int totalIters, int steps) =>
            AssertMatches(Steps(lr, null, new LinearDecayShape(start, end, totalIters)),
                o => Sched.LinearLR(o, start, end, totalIters), steps);

        [Theory]
        [InlineData(0.1, 1.0 / 3, 5, 300)]
        [InlineData(0.3, 0.1, 100, 300)]
        [InlineData(2.0, 0.5, 250, 400)]
        public void ConstantWarmup_matches_ConstantLR(double lr, double factor, int totalIters, int steps) =>
            AssertMatches(Steps(lr, null, new WarmupPhase(totalIters, WarmupKind.Constant, factor)),
                o => Sched.ConstantLR(o, factor, totalIters), steps);

        [Theory]
        [InlineData(0.1, 0.0, 100, 400)] // past T_max the closed form rises again, as PyTorch's does
        [InlineData(0.05, 0.001, 300, 300)]
        [InlineData(1.0, 0.25, 77, 500)]
        public void Cosine_matches_CosineAnnealingLR(double lr, double etaMin, int tMax, int steps) =>
            AssertMatches(Steps(lr, null, new CosineShape(etaMin, tMax)), o => Sched.CosineAnnealingLR(o, tMax, etaMin), steps);

        [Theory]
        [InlineData(0.1, 0.01, 20, 20, "triangular", 400)]
        [InlineData(0.1, 0.001, 15, 35, "triangular", 400)]
        [InlineData(1.0, 0.1, 10, 5, "triangular2", 300)]
        [InlineData(0.3, 0.0, 25, 25, "triangular2", 500)]
        public void Cyclic_matches_CyclicLR(double maxLr, double baseLr, int up, int down, string mode, int steps)
        {
            var coreMode = mode == "triangular" ? CyclicMode.Triangular : CyclicMode.Triangular2;
            var torchMode = mode == "triangular" ? Cyc.Mode.Triangular : Cyc.Mode.Triangular2;
            AssertMatches(Steps(maxLr, null, new CyclicShape(baseLr, up, down, coreMode)),
                o => Sched.CyclicLR(o, baseLr, maxLr, up, down, torchMode, cycle_momentum: false), steps);
        }

        /// <summary>TorchSharp's exp_range default scales per cycle (see TorchSharpDepartureTests); given PyTorch's
        /// own scale function (gamma^iteration, scale mode iterations) it agrees with the core.</summary>
        [Theory]
        [InlineData(0.1, 0.01, 20, 20, 0.995, 400)]
        [InlineData(1.0, 0.2, 7, 13, 0.99, 300)]
        public void CyclicExpRange_matches_CyclicLR_with_PyTorchs_scale_function(double maxLr, double baseLr, int up, int down, double gamma, int steps) =>
            AssertMatches(Steps(maxLr, null, new CyclicShape(baseLr, up, down, CyclicMode.ExpRange, gamma)),
                o => Sched.CyclicLR(o, baseLr, maxLr, up, down, Cyc.Mode.ExpRange, gamma,
                    scale_fn: x => System.Math.Pow(gamma, x), scale_mode: Cyc.ScaleMode.Iterations, cycle_momentum: false), steps);

        /// <summary>Up to <c>T - 1</c>; at <c>T</c> TorchSharp returns 0 (see TorchSharpDepartureTests).</summary>
        [Theory]
        [InlineData(0.1, 400, 0.3, "cos", 25.0, 1e4, false)]
        [InlineData(0.4, 300, 0.25, "linear", 10.0, 100.0, false)]
        [InlineData(1.0, 500, 0.3, "cos", 25.0, 1e4, true)]
        [InlineData(0.01, 333, 0.4, "linear", 5.0, 1e3, true)]
        [InlineData(0.1, 200, 0.123, "cos", 20.0, 50.0, false)]
        public void OneCycle_matches_OneCycleLR(double maxLr, int total, double pct, string anneal, double div, double finalDiv, bool threePhase)
        {
            var d = Steps(maxLr, total, new OneCycleShape(pct, anneal == "cos" ? AnnealStrategy.Cos : AnnealStrategy.Linear, div, finalDiv, threePhase));
            double[] torch = TorchDriver.Rates(new[] { maxLr }, o => Sched.OneCycleLR(o, maxLr, total, pct_start: pct,
                anneal_strategy: anneal == "cos" ? One.AnnealStrategy.Cos : One.AnnealStrategy.Linear, cycle_momentum: false,
                div_factor: div, final_div_factor: finalDiv, three_phase: threePhase), total - 1)[0];
            Run.AssertClose(torch, Run.Rates(d, total - 1), Run.TorchTolerance(maxLr), d.Canonical);
        }

        /// <summary>Momentum of one-cycle: TorchSharp (group 0) cycles it as PyTorch does.</summary>
        [Theory]
        [InlineData(400, 0.3, "cos", false)]
        [InlineData(300, 0.25, "linear", true)]
        public void OneCycle_momentum_matches_OneCycleLR(int total, double pct, string anneal, bool threePhase)
        {
            var d = Steps(0.1, total, new OneCycleShape(pct, anneal == "cos" ? AnnealStrategy.Cos : AnnealStrategy.Linear, ThreePhase: threePhase));
            var (_, momenta) = TorchDriver.Record(new[] { 0.1 }, 0.9, o => Sched.OneCycleLR(o, 0.1, total, pct_start: pct,
                anneal_strategy: anneal == "cos" ? One.AnnealStrategy.Cos : One.AnnealStrategy.Linear, three_phase: threePhase,
                base_momentum: 0.85, max_momentum: 0.95), total - 1, s => s.step());
            var schedule = new Schedule(d);
            var core = Run.Sequence(total, k => { double m = schedule.CurrentMomentum(0.85, 0.95); schedule.Advance(); return m; });
            Run.AssertClose(momenta[0], core, 1e-9, d.Canonical);
        }

        [Theory]
        [InlineData(0.1, 0.1, 10, 200, 0.0, 400)]
        [InlineData(0.4, 0.01, 5, 95, 0.004, 300)]
        [InlineData(0.05, 0.5, 50, 250, 0.0, 300)]
        public void WarmupThenCosine_matches_SequentialLR_of_LinearLR_and_CosineAnnealingLR(double lr, double start, int warmup, int decay, double etaMin, int steps)
        {
            // Warmup(W) + Cosine over what the horizon leaves: SequentialLR([LinearLR(start, 1, W), CosineAnnealingLR(T - W)], [W]).
            var d = Steps(lr, warmup + decay, new WarmupPhase(warmup, WarmupKind.Linear, start), new CosineShape(etaMin));
            AssertMatches(d with { PastHorizon = PastHorizonPolicy.Continue }, o => Sched.SequentialLR(o, new[]
            {
                Sched.LinearLR(o, start, 1.0, warmup),
                Sched.CosineAnnealingLR(o, decay, etaMin),
            }, new[] { warmup }), steps);
        }

        [Fact]
        public void ConstantWarmupThenStep_matches_SequentialLR_of_ConstantLR_and_StepLR()
        {
            var d = Steps(0.2, null, new WarmupPhase(20, WarmupKind.Constant, 0.1), new StepDecayShape(40, 0.5));
            AssertMatches(d, o => Sched.SequentialLR(o, new[] { Sched.ConstantLR(o, 0.1, 20), Sched.StepLR(o, 40, 0.5) }, new[] { 20 }), 400);
        }

        [Fact]
        public void StepTimesExponential_matches_ChainedLR()
        {
            var d = Steps(0.1, null, new StepDecayShape(30, 0.5), new ExponentialShape(0.99));
            AssertMatches(d, o => Sched.ChainedLR(new[] { Sched.StepLR(o, 30, 0.5), Sched.ExponentialLR(o, 0.99) }), 400);
        }

        [Fact]
        public void MultiStepTimesCosine_matches_ChainedLR()
        {
            var d = Steps(0.3, null, new MultiStepShape(new EquatableArray<double>(new[] { 50.0, 120.0 }), 0.2), new CosineShape(0.0, 250));
            AssertMatches(d, o => Sched.ChainedLR(new[] { Sched.MultiStepLR(o, new[] { 50, 120 }, 0.2), Sched.CosineAnnealingLR(o, 250, 0.0) }), 240);
        }

        [Fact]
        public void ExponentialTimesPolynomial_matches_ChainedLR()
        {
            var d = Steps(1.0, null, new ExponentialShape(0.995), new PolynomialShape(2.0, 0.0, 300));
            AssertMatches(d, o => Sched.ChainedLR(new[] { Sched.ExponentialLR(o, 0.995), Sched.PolynomialLR(o, 300, 2.0) }), 299);
        }
    }
}
