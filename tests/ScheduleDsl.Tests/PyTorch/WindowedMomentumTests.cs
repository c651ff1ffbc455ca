using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.PyTorch.Reference;
using Xunit;

namespace ScheduleDsl.Tests.PyTorch
{
    /// <summary>A windowed cyclic or one-cycle component is a phase of PyTorch's <c>SequentialLR</c>: inside its window it
    /// sets the rate and cycles momentum on its own time (the active scheduler's <c>get_lr</c> does); outside it leaves
    /// momentum alone. Checked against the reference's <c>SequentialLR</c> and against PyTorch's formulas written out.</summary>
    public class WindowedMomentumTests
    {
        private const double Tolerance = 1e-12;

        // Rate and momentum after t = 0..steps-1 ticks of a reference SequentialLR (t = 0: after construction).
        private static (double[] Lr, double[] Momentum) RunReference(TorchOptimizer o, LrScheduler sequence, int steps)
        {
            var lr = new double[steps];
            var momentum = new double[steps];
            for (int t = 0; t < steps; t++)
            {
                if (t > 0) sequence.Step();
                lr[t] = o.Groups[0].Lr;
                momentum[t] = o.Groups[0].Momentum!.Value;
            }
            return (lr, momentum);
        }

        private static (double[] Lr, double[] Momentum) RunCore(ScheduleDefinition d, double baseRate, double baseMomentum, double maxMomentum, int steps)
        {
            var schedule = new Schedule(d);
            var lr = new double[steps];
            var momentum = new double[steps];
            for (int t = 0; t < steps; t++)
            {
                if (t > 0) schedule.Advance();
                lr[t] = schedule.GroupRate(baseRate);
                momentum[t] = schedule.CurrentMomentum(baseMomentum, maxMomentum);
            }
            return (lr, momentum);
        }

        private static void Close(double expected, double actual, string what, int t) =>
            Assert.True(Math.Abs(expected - actual) <= Tolerance + 1e-9 * Math.Abs(expected), $"{what} at t = {t}: expected {expected:R}, got {actual:R}");

        /// <summary>PyTorch <c>SequentialLR([CosineAnnealingLR(T_max=20, eta_min=0.1), CyclicLR(base_lr=0.1, max_lr=0.3,
        /// step_size_up=1, step_size_down=3)], milestones=[21])</c> on SGD(lr=0.5): the cosine from 0.5, then the cycle
        /// between the absolute rates 0.1 and 0.3 from its own epoch 0, momentum 0.9 until the handover, then cycled.</summary>
        [Fact]
        public void Cosine_then_cyclic_as_SequentialLR_gives_PyTorchs_rates_and_momentum()
        {
            var o = TorchOptimizer.Sgd(0.5);
            var cosine = new CosineAnnealingLR(o, 20, 0.1);
            var cyclic = new CyclicLR(o, new[] { 0.1 }, new[] { 0.3 }, 1, 3);
            var reference = RunReference(o, new SequentialLR(o, new LrScheduler[] { cosine, cyclic }, new long[] { 21 }), 40);

            ScheduleDefinition d = ScheduleDefinition.Create(0.5, TimeUnit.Steps, null,
                new CosineShape(0.1, 20) { Until = 21 }, new CyclicShape(0.1, 1, 3) { MaxLr = 0.3, From = 21 }) with { Minimums = MinimumScaling.Absolute };
            var core = RunCore(d, 0.5, 0.8, 0.9, 40);
            for (int t = 0; t < 40; t++)
            {
                // PyTorch's formulas: eta_min + (base - eta_min)(1 + cos(pi t / T)) / 2; base_lr + (max_lr - base_lr) * h, h the cycle's height.
                double local = t - 21, cycle = Math.Floor(1 + local / 4), x = 1 + local / 4 - cycle;
                double h = x <= 0.25 ? x / 0.25 : (x - 1) / (0.25 - 1);
                double lr = t < 21 ? 0.1 + 0.4 * (1 + Math.Cos(Math.PI * t / 20)) / 2 : 0.1 + 0.2 * h;
                double momentum = t < 21 ? 0.9 : 0.9 - 0.1 * h;
                Close(lr, reference.Lr[t], "reference rate", t);
                Close(momentum, reference.Momentum[t], "reference momentum", t);
                Close(lr, core.Lr[t], "core rate", t);
                Close(momentum, core.Momentum[t], "core momentum", t);
            }
            Assert.True(core.Lr.Max() <= 0.5 && core.Lr.Skip(21).Max() <= 0.3 + 1e-15, "the cycle stays below its max_lr (pytorch#21965)");
        }

        /// <summary>PyTorch <c>SequentialLR([OneCycleLR(max_lr=0.01, total_steps=10), ConstantLR + ExponentialLR...])</c>:
        /// the one-cycle cycles momentum in its window (0.95 -> 0.85 -> 0.95) and leaves it at max_momentum when it hands over.
        /// The next phase starts from OneCycleLR's initial_lr (max_lr / div_factor), which the constant factor 1/25 expresses.</summary>
        [Fact]
        public void One_cycle_in_a_window_cycles_momentum_there_only()
        {
            var o = TorchOptimizer.Sgd(0.01);
            var oneCycle = new OneCycleLR(o, new[] { 0.01 }, 10, baseMomentum: new[] { 0.85 }, maxMomentum: new[] { 0.95 });
            var exponential = new ExponentialLR(o, 0.9);
            var reference = RunReference(o, new SequentialLR(o, new LrScheduler[] { oneCycle, exponential }, new long[] { 10 }), 20);

            ScheduleDefinition d = ScheduleDefinition.Create(0.01, TimeUnit.Steps, null,
                new OneCycleShape() { Until = 10 }, new ConstantFactorShape(1.0 / 25, 1e6) { From = 10 }, new ExponentialShape(0.9) { From = 10 });
            var core = RunCore(d, 0.01, 0.85, 0.95, 20);
            for (int t = 0; t < 20; t++)
            {
                Close(reference.Lr[t], core.Lr[t], "rate", t);
                Close(reference.Momentum[t], core.Momentum[t], "momentum", t);
            }
            // In the window the momentum moves; from the handover on it is max_momentum.
            Assert.Contains(core.Momentum.Take(10), m => m < 0.9);
            Assert.All(core.Momentum.Skip(10), m => Assert.Equal(0.95, m));
        }

        /// <summary>A cyclic phase before another: momentum is max_momentum before the window (PyTorch's CyclicLR sets it at
        /// construction) and cycled inside it; a non-cycling phase after it leaves it at max as well.</summary>
        [Fact]
        public void Cyclic_between_two_phases_cycles_momentum_only_inside_its_window()
        {
            ScheduleDefinition d = ScheduleDefinition.Create(1.0, TimeUnit.Steps, null,
                new ConstantFactorShape(0.5, 1e6) { Until = 5 },
                new CyclicShape(0.2, 2, 2) { From = 5, Until = 13 },
                new ExponentialShape(0.9) { From = 13 });
            CompiledSchedule compiled = d.Compile();
            Assert.True(compiled.CyclesMomentum);
            Assert.Null(compiled.MomentumTerm);
            var core = RunCore(d, 1.0, 0.8, 0.9, 20);
            for (int t = 0; t < 20; t++)
            {
                double local = t - 5, x = 1 + local / 4 - Math.Floor(1 + local / 4);
                double h = x <= 0.5 ? x / 0.5 : (x - 1) / (0.5 - 1);
                bool inside = t >= 5 && t < 13;
                Close(inside ? 0.9 - 0.1 * h : 0.9, core.Momentum[t], "momentum", t);
                Close(t < 5 ? 0.5 : inside ? 0.2 + 0.8 * h : Math.Pow(0.9, t - 13), core.Lr[t], "rate", t);
            }
        }

        /// <summary>PyTorch leaves momentum where the last active cycling scheduler put it; the core gives max_momentum
        /// outside the window. They agree when the window ends on a cycle boundary (the cases above); a window ending
        /// mid-cycle departs after it (documented in docs/schedule-semantics.md, "Momentum cycling").</summary>
        [Fact]
        public void After_a_window_ending_mid_cycle_momentum_is_max_not_PyTorchs_last_value()
        {
            var o = TorchOptimizer.Sgd(1.0);
            var cyclic = new CyclicLR(o, new[] { 0.2 }, new[] { 1.0 }, 2, 2);
            var exponential = new ExponentialLR(o, 0.9);
            var reference = RunReference(o, new SequentialLR(o, new LrScheduler[] { cyclic, exponential }, new long[] { 7 }), 10);
            ScheduleDefinition d = ScheduleDefinition.Create(1.0, TimeUnit.Steps, null,
                new CyclicShape(0.2, 2, 2) { Until = 7 }, new ExponentialShape(0.9) { From = 7 });
            var core = RunCore(d, 1.0, 0.8, 0.9, 10);
            for (int t = 0; t < 7; t++) Close(reference.Momentum[t], core.Momentum[t], "momentum in the window", t);
            for (int t = 7; t < 10; t++)
            {
                Close(reference.Momentum[6], reference.Momentum[t], "PyTorch keeps the last cycled value", t);
                Assert.Equal(0.9, core.Momentum[t]);
            }
            Assert.NotEqual(0.9, reference.Momentum[6], 6);
        }
    }
}
