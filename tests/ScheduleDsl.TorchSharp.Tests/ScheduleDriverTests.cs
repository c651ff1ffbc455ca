using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests
{
    public class ScheduleDriverTests
    {
        // 5 steps of linear warmup from 0, then cosine to 0 over the remaining 15 steps.
        private static readonly ScheduleDefinition WarmupCosine =
            ScheduleDefinition.Create(0.1, TimeUnit.Steps, 20, new WarmupPhase(5), new CosineShape());

        private static double WarmupCosineFactor(long t) =>
            t < 5 ? t / 5.0 : 0.5 * (1.0 + Math.Cos(Math.PI * Math.Min(t - 5, 15) / 15.0));

        public static TheoryData<string> Optimizers() => new(Fixtures.OptimizerNames);

        [Theory]
        [MemberData(nameof(Optimizers))]
        public void Every_group_gets_its_base_rate_times_the_factor_after_each_step(string name)
        {
            var (x, y) = Fixtures.Data();
            var model = Fixtures.Model();
            double[] bases = { 0.1, 0.02, 0.005 };
            Optimizer optimizer = Fixtures.Optimizer(name, model, bases);
            var driver = ScheduleDriver.Attach(optimizer, new Schedule(WarmupCosine));

            Assert.Equal(bases, driver.BaseRates);
            Assert.Equal(bases.Select(b => b * WarmupCosineFactor(0)), Fixtures.Rates(optimizer));
            for (long step = 1; step <= 25; step++) // past the horizon: held (the default policy)
            {
                Fixtures.TrainStep(model, optimizer, x, y);
                driver.Step();
                double[] expected = bases.Select(b => b * WarmupCosineFactor(step)).ToArray();
                double[] actual = Fixtures.Rates(optimizer);
                for (int g = 0; g < bases.Length; g++) Assert.Equal(expected[g], actual[g], 15);
                Assert.Equal(step, driver.CurrentStep);
            }
        }

        [Fact]
        public void Explicit_base_rates_replace_the_groups_initial_rates()
        {
            var model = Fixtures.Model();
            Optimizer optimizer = Fixtures.Optimizer("SGD", model, 1.0, 1.0);
            var driver = ScheduleDriver.Attach(optimizer, new Schedule(WarmupCosine), baseRates: new[] { 0.3, 0.03 });
            for (int i = 0; i < 7; i++) driver.Step();
            Assert.Equal(0.3 * WarmupCosineFactor(7), Fixtures.Rates(optimizer)[0], 15);
            Assert.Equal(0.03 * WarmupCosineFactor(7), Fixtures.Rates(optimizer)[1], 15);
            Assert.Equal(new[] { 0.3, 0.03 }, optimizer.ParamGroups.Select(g => g.InitialLearningRate));
        }

        // PyTorch OneCycleLR (cycle_momentum=True, anneal cos, pct_start 0.3, three_phase False), written out:
        // phase 1 ends at step pct*T - 1 (momentum max -> base), phase 2 at T - 1 (base -> max).
        private static double OneCycleMomentum(double step, double total, double baseM, double maxM)
        {
            static double Cos(double start, double end, double pct) => end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1.0);
            double end1 = 0.3 * total - 1.0;
            return step <= end1 ? Cos(maxM, baseM, step / end1) : Cos(baseM, maxM, (step - end1) / (total - 1.0 - end1));
        }

        [Theory]
        [InlineData("SGD")]
        [InlineData("RMSProp")]
        [InlineData("Adam")]
        [InlineData("AdamW")]
        public void One_cycle_momentum_follows_PyTorch(string name)
        {
            var model = Fixtures.Model();
            Optimizer optimizer = Fixtures.Optimizer(name, model, 0.1, 0.01);
            double beta2Before = optimizer.ParamGroups.First() is IBetas b0 ? b0.Betas.Item2 : double.NaN;
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 40, new OneCycleShape());
            var driver = ScheduleDriver.Attach(optimizer, definition, cycleMomentum: MomentumRange.OneCycle);

            for (int step = 0; step < 40; step++)
            {
                double expected = OneCycleMomentum(step, 40, 0.85, 0.95);
                foreach (double m in Fixtures.Momenta(optimizer)) Assert.Equal(expected, m, 14);
                Assert.Equal(expected, driver.CurrentMomentum!.Value, 14);
                if (optimizer.ParamGroups.First() is IBetas b) Assert.Equal(beta2Before, b.Betas.Item2); // beta2 untouched
                driver.Step();
            }
        }

        // PyTorch CyclicLR (triangular, cycle_momentum=True): cycle = floor(1 + t/(2s)), x = |t/s - 2 cycle + 1|,
        // lr = base + (max - base) * max(0, 1 - x), momentum = max_m - (max_m - base_m) * max(0, 1 - x).
        [Theory]
        [InlineData("SGD")]
        [InlineData("Adam")]
        public void Cyclic_rate_and_momentum_follow_PyTorch(string name)
        {
            var model = Fixtures.Model();
            Optimizer optimizer = Fixtures.Optimizer(name, model, 0.1, 0.05);
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, new CyclicShape(0.01, 4));
            var driver = ScheduleDriver.Attach(optimizer, definition, cycleMomentum: MomentumRange.Cyclic);
            for (int t = 0; t < 20; t++)
            {
                double cycle = Math.Floor(1.0 + t / 8.0);
                double height = Math.Max(0.0, 1.0 - Math.Abs(t / 4.0 - 2.0 * cycle + 1.0));
                // Each group's own base rate is its max_lr; base_lr scales with it (PyTorch would take per-group base_lr).
                Assert.Equal(0.1 * (0.1 + 0.9 * height), Fixtures.Rates(optimizer)[0], 14);
                Assert.Equal(0.05 * (0.1 + 0.9 * height), Fixtures.Rates(optimizer)[1], 14);
                foreach (double m in Fixtures.Momenta(optimizer)) Assert.Equal(0.9 - 0.1 * height, m, 14);
                driver.Step();
            }
        }

        [Fact]
        public void Momentum_cycling_on_an_optimizer_without_momentum_is_refused()
        {
            Optimizer optimizer = Fixtures.Optimizer("Adagrad", Fixtures.Model(), 0.1);
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 40, new OneCycleShape());
            var e = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, definition, cycleMomentum: MomentumRange.OneCycle));
            Assert.Equal("cycleMomentum", e.ParamName);
            Assert.Contains("Adagrad", e.Message);
            Assert.Contains("neither momentum nor betas", e.Message);
        }

        [Fact]
        public void Momentum_cycling_with_a_schedule_that_does_not_cycle_is_refused()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1);
            var e = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, WarmupCosine, cycleMomentum: MomentumRange.OneCycle));
            Assert.Equal("cycleMomentum", e.ParamName);
            Assert.Contains("only one-cycle and cyclic", e.Message);
        }

        [Fact]
        public void An_optimizer_without_parameter_groups_is_refused()
        {
            var optimizer = SGD(Array.Empty<SGD.ParamGroup>(), 0.1);
            var e = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, new Schedule(WarmupCosine)));
            Assert.Equal("optimizer", e.ParamName);
            Assert.Contains("no parameter groups", e.Message);
        }

        [Fact]
        public void Base_rates_must_match_the_groups()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.2);
            var e = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, new Schedule(WarmupCosine), baseRates: new[] { 0.1 }));
            Assert.Equal("baseRates", e.ParamName);
            var nan = Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleDriver.Attach(optimizer, new Schedule(WarmupCosine), baseRates: new[] { 0.1, double.NaN }));
            Assert.Equal("baseRates", nan.ParamName);
        }

        [Fact]
        public void Steps_per_epoch_is_required_for_a_cyclic_schedule_declared_in_epochs()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1);
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 10, new CyclicShape(0.01, 2));
            var e = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, definition));
            Assert.Equal("stepsPerEpoch", e.ParamName);
            Assert.Contains("stepsPerEpoch is missing", e.Message);

            var driver = ScheduleDriver.Attach(optimizer, definition, stepsPerEpoch: 10);
            Assert.Equal(0.01, Fixtures.Rates(optimizer)[0], 15); // a cycle starts at its base rate
            driver.Step();
            Assert.Equal(0.1, ((Schedule)driver.Schedule).CurrentTime, 15); // a tick is a tenth of an epoch
        }

        [Fact]
        public void Stepping_past_the_horizon_under_Throw_throws_and_keeps_the_last_rates()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1);
            var definition = WarmupCosine with { PastHorizon = PastHorizonPolicy.Throw };
            var driver = ScheduleDriver.Attach(optimizer, definition);
            for (int i = 0; i < 20; i++) driver.Step();
            double last = Fixtures.Rates(optimizer)[0];
            var e = Assert.Throws<InvalidOperationException>(() => driver.Step());
            Assert.Contains("PastHorizon(Throw)", e.Message);
            Assert.Equal(20, driver.CurrentStep);
            Assert.Equal(last, Fixtures.Rates(optimizer)[0]);
        }

        [Fact]
        public void Plateau_reduction_scales_every_group_and_a_NaN_metric_is_refused()
        {
            Optimizer optimizer = Fixtures.Optimizer("Adam", Fixtures.Model(), 0.1, 0.01);
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, null, new PlateauReduction(Patience: 1, Factor: 0.5));
            var driver = ScheduleDriver.Attach(optimizer, definition);

            Assert.False(driver.ReportMetric(1.0));
            Assert.False(driver.ReportMetric(1.0)); // one bad epoch: within patience
            var nan = Assert.Throws<ArgumentOutOfRangeException>(() => driver.ReportMetric(double.NaN));
            Assert.Equal("metric", nan.ParamName);
            Assert.Equal(new[] { 0.1, 0.01 }, Fixtures.Rates(optimizer));
            Assert.True(driver.ReportMetric(1.0)); // second bad epoch: reduce by 0.5
            Assert.Equal(0.05, Fixtures.Rates(optimizer)[0], 15);
            Assert.Equal(0.005, Fixtures.Rates(optimizer)[1], 15);
        }

        [Fact]
        public void Reporting_a_metric_without_plateau_reduction_is_refused()
        {
            var driver = ScheduleDriver.Attach(Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1), new Schedule(WarmupCosine));
            var e = Assert.Throws<InvalidOperationException>(() => driver.ReportMetric(0.5));
            Assert.Contains("ReduceOnPlateau", e.Message);
        }

        [Theory]
        [InlineData("SGD")]
        [InlineData("Adam")]
        [InlineData("RMSProp")]
        public void Stepping_allocates_nothing(string name)
        {
            Optimizer optimizer = Fixtures.Optimizer(name, Fixtures.Model(), 0.1, 0.01, 0.001);
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 5000, new OneCycleShape());
            var driver = ScheduleDriver.Attach(optimizer, definition, cycleMomentum: MomentumRange.OneCycle);
            for (int i = 0; i < 100; i++) driver.Step(); // JIT and tiering warm-up

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++) driver.Step();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(2100, driver.CurrentStep);
        }

        [Fact]
        public void State_text_round_trips_under_a_comma_culture_and_refuses_another_schedule()
        {
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            try
            {
                Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.025);
                var driver = ScheduleDriver.Attach(optimizer, new Schedule(WarmupCosine));
                for (int i = 0; i < 7; i++) driver.Step();
                string state = driver.SaveState();
                Assert.Contains("base-rates 0.1 0.025", state);

                var other = ScheduleDriver.Attach(Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.025), new Schedule(WarmupCosine));
                other.LoadState(state);
                Assert.Equal(7, other.CurrentStep);
                Assert.Equal(Fixtures.Rates(optimizer), Fixtures.Rates(other.Optimizer));

                var different = ScheduleDriver.Attach(Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.025),
                    new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 30, new CosineShape())));
                var e = Assert.Throws<ArgumentException>(() => different.LoadState(state));
                Assert.Equal("state", e.ParamName);
                Assert.Contains("different schedule", e.Message);
                Assert.Equal(0, different.CurrentStep);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }
    }
}
