using System;
using System.IO;
using System.Linq;
using ScheduleDsl.Composition;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static ScheduleDsl.TorchSharp.Tests.Hyperparameters.HyperparameterFixtures;
using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp.Tests.Hyperparameters
{
    /// <summary>Weight decay, momentum and tracked scalars scheduled beside the rate, read back from TorchSharp's groups and checked
    /// against the closed forms written here.</summary>
    public class HyperparameterDriverTests
    {
        private static double RateFactor(long t) => t < 5 ? t / 5.0 : 0.5 * (1.0 + Math.Cos(Math.PI * Math.Min(t - 5, 15) / 15.0));

        public static TheoryData<string> WeightDecayOptimizerNames() => new(WeightDecayOptimizers);

        [Theory]
        [MemberData(nameof(WeightDecayOptimizerNames))]
        public void Weight_decay_follows_DINOs_cosine_in_the_decayed_group_and_the_no_decay_group_stays_0(string name)
        {
            var (x, y) = Fixtures.Data();
            var model = Fixtures.Model();
            optim.Optimizer optimizer = Optimizer(name, model, 0.04, 0.0); // DINO: regularized weights, then biases and norms
            var driver = ScheduleDriver.Attach(optimizer, Rate).ScheduleWeightDecay(WeightDecay());

            Assert.Equal(new[] { 0.04, 0.0 }, driver.BaseWeightDecays);
            for (long t = 0; t <= Steps + 3; t++) // past the end: held
            {
                double[] decays = WeightDecays(optimizer);
                Assert.Equal(DinoWeightDecay(t), decays[0], 1e-15);
                Assert.Equal(0.0, decays[1]);
                Assert.Equal(DinoWeightDecay(t), driver.WeightDecay(0), 1e-15);
                Assert.All(Fixtures.Rates(optimizer), r => Assert.Equal(0.1 * RateFactor(t), r, 1e-15));
                Fixtures.TrainStep(model, optimizer, x, y);
                driver.Step();
            }
        }

        [Fact]
        public void AdamW_decays_the_weights_by_the_scheduled_value_at_each_step()
        {
            // A zero gradient leaves AdamW's moments at 0, so a step only applies the decoupled decay: p <- p * (1 - lr * wd).
            var weight = new Parameter(torch.ones(3, dtype: ScalarType.Float64));
            var optimizer = optim.AdamW(new[] { weight }, lr: 0.5, weight_decay: 0.04);
            var driver = ScheduleDriver.Attach(optimizer, ScheduleDsl.Definition.ScheduleDefinition.Create(0.5, TimeUnit.Steps, null))
                .ScheduleWeightDecay(WeightDecay());
            double expected = 1.0;
            for (long t = 0; t < 8; t++)
            {
                optimizer.zero_grad();
                (weight * 0.0).sum().backward();
                optimizer.step();
                expected *= 1.0 - 0.5 * DinoWeightDecay(t);
                Assert.Equal(expected, weight.data<double>()[0], 14);
                driver.Step();
            }
        }

        [Fact]
        public void Explicit_base_weight_decays_replace_the_groups_own()
        {
            optim.Optimizer optimizer = Optimizer("AdamW", Fixtures.Model(), 0.0, 0.0);
            var driver = ScheduleDriver.Attach(optimizer, Rate).ScheduleWeightDecay(WeightDecay(), new[] { 0.08, 0.0 });
            for (int i = 0; i < 6; i++) driver.Step();
            Assert.Equal(0.08 * DinoWeightDecay(6) / 0.04, WeightDecays(optimizer)[0], 1e-15);
            Assert.Equal(0.0, WeightDecays(optimizer)[1]);
        }

        [Theory]
        [InlineData("SGD")]
        [InlineData("RMSProp")]
        [InlineData("Adam")]
        [InlineData("AdamW")]
        [InlineData("NAdam")]
        public void Scheduled_momentum_is_written_as_momentum_or_beta1(string name)
        {
            optim.Optimizer optimizer = Optimizer(name, Fixtures.Model(), 0.0, 0.0);
            double beta2 = optimizer.ParamGroups.First() is optim.IBetas b ? b.Betas.Item2 : double.NaN;
            var driver = ScheduleDriver.Attach(optimizer, Rate).ScheduleMomentum(Momentum());
            for (long t = 0; t < 14; t++) // past the end: held
            {
                double expected = MomentumAt(t);
                Assert.All(Fixtures.Momenta(optimizer), m => Assert.Equal(expected, m, 1e-15));
                Assert.Equal(expected, driver.CurrentMomentum!.Value, 1e-15);
                if (optimizer.ParamGroups.First() is optim.IBetas betas) Assert.Equal(beta2, betas.Betas.Item2);
                driver.Step();
            }
        }

        [Fact]
        public void A_tracked_EMA_decay_moves_with_the_rate_and_is_read_from_the_instance()
        {
            var ema = Ema();
            var driver = ScheduleDriver.Attach(Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1), Rate).Track(ema);
            Assert.Same(ema, Assert.Single(driver.Tracked));
            for (long t = 0; t <= Steps; t++)
            {
                Assert.Equal(DinoTeacherMomentum(t), ema.CurrentValue, 1e-15);
                Assert.Equal(t, ema.CurrentStep);
                driver.Step();
            }
        }

        [Fact]
        public void Wrong_kinds_and_options_are_refused_naming_the_rule_and_change_nothing()
        {
            optim.Optimizer adamW = Optimizer("AdamW", Fixtures.Model(), 0.04, 0.0);
            var driver = ScheduleDriver.Attach(adamW, Rate);

            var kind = Assert.Throws<ArgumentException>(() => driver.ScheduleWeightDecay(Ema()));
            Assert.Equal("schedule", kind.ParamName);
            Assert.Contains("is a EmaDecay schedule; ScheduleWeightDecay takes a WeightDecay schedule", kind.Message);
            var track = Assert.Throws<ArgumentException>(() => driver.Track(WeightDecay()));
            Assert.Contains("use ScheduleWeightDecay", track.Message);
            var momentumKind = Assert.Throws<ArgumentException>(() => driver.ScheduleMomentum(WeightDecay()));
            Assert.Contains("ScheduleMomentum takes a Momentum schedule", momentumKind.Message);

            var ahead = WeightDecay();
            ahead.Advance();
            var tick = Assert.Throws<ArgumentException>(() => driver.ScheduleWeightDecay(ahead));
            Assert.Contains("is at tick 1 but the driver at tick 0", tick.Message);

            driver.Track(Ema());
            var twice = Assert.Throws<ArgumentException>(() => driver.Track(Ema()));
            Assert.Contains("a schedule named \"ema_decay\" is already tracked", twice.Message);

            Assert.Null(driver.WeightDecaySchedule);
            Assert.Equal(new[] { 0.04, 0.0 }, WeightDecays(adamW));
            Assert.Single(driver.Tracked);
        }

        [Fact]
        public void Weight_decay_on_an_optimizer_without_the_option_or_with_every_group_at_0_is_refused()
        {
            var model = Fixtures.Model();
            var rprop = optim.Rprop(model.parameters(), 0.01);
            var none = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(rprop, Rate).ScheduleWeightDecay(WeightDecay()));
            Assert.Equal("schedule", none.ParamName);
            Assert.Contains("parameter group 0 of Rprop has no weight_decay option", none.Message);

            optim.Optimizer zero = Optimizer("AdamW", Fixtures.Model(), 0.0, 0.0);
            var driver = ScheduleDriver.Attach(zero, Rate);
            var allZero = Assert.Throws<ArgumentException>(() => driver.ScheduleWeightDecay(WeightDecay()));
            Assert.Contains("every parameter group of AdamW has weight decay 0", allZero.Message);
            Assert.Contains("weight_decay: 0.04", allZero.Message);
            Assert.Null(driver.WeightDecaySchedule);

            var count = Assert.Throws<ArgumentException>(() => driver.ScheduleWeightDecay(WeightDecay(), new[] { 0.04 }));
            Assert.Equal("baseWeightDecays", count.ParamName);
            var nan = Assert.Throws<ArgumentOutOfRangeException>(() => driver.ScheduleWeightDecay(WeightDecay(), new[] { 0.04, double.NaN }));
            Assert.Equal("baseWeightDecays", nan.ParamName);
            Assert.Equal(new[] { 0.0, 0.0 }, WeightDecays(zero));
        }

        [Fact]
        public void Momentum_is_refused_when_the_rate_cycles_it_or_the_optimizer_has_none()
        {
            var momentum = Momentum();
            var oneCycle = ScheduleDsl.Definition.ScheduleDefinition.Create(0.1, TimeUnit.Steps, 40, new ScheduleDsl.Definition.OneCycleShape());
            optim.Optimizer sgd = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1);
            var cycling = ScheduleDriver.Attach(sgd, oneCycle, cycleMomentum: MomentumRange.OneCycle);
            double before = Fixtures.Momenta(sgd)[0];
            var cycled = Assert.Throws<ArgumentException>(() => cycling.ScheduleMomentum(momentum));
            Assert.Equal("schedule", cycled.ParamName);
            Assert.Contains("already cycles momentum", cycled.Message);
            Assert.Equal(before, Fixtures.Momenta(sgd)[0]);
            Assert.Null(cycling.MomentumSchedule);

            var adagrad = ScheduleDriver.Attach(Fixtures.Optimizer("Adagrad", Fixtures.Model(), 0.1), Rate);
            var none = Assert.Throws<ArgumentException>(() => adagrad.ScheduleMomentum(momentum));
            Assert.Contains("Adagrad has neither momentum nor betas", none.Message);

            // The generator refuses such a declaration at compile time; a hand-written IHyperparameterSchedule reaches the driver.
            var tooHigh = new CosineHyperparameter(HyperparameterKind.Momentum, "momentum", 1.5, 0.9, 10);
            var range = Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleDriver.Attach(Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1), Rate).ScheduleMomentum(tooHigh));
            Assert.Contains("momentum must be within [0, 1]", range.Message);
        }

        [Fact]
        public void A_tick_refused_by_any_schedule_leaves_every_schedule_and_group_where_it_was()
        {
            optim.Optimizer optimizer = Optimizer("AdamW", Fixtures.Model(), 0.04, 0.0);
            var weightDecay = WeightDecay();
            var ema = TestOnlyEma(steps: 5, throwPastEnd: true);
            var driver = ScheduleDriver.Attach(optimizer, Rate).ScheduleWeightDecay(weightDecay).Track(ema);
            for (int i = 0; i < 5; i++) driver.Step();
            double[] rates = Fixtures.Rates(optimizer), decays = WeightDecays(optimizer);

            Assert.Throws<InvalidOperationException>(() => driver.Step());
            Assert.Equal(5, driver.CurrentStep);
            Assert.Equal(5, weightDecay.CurrentStep);
            Assert.Equal(5, ema.CurrentStep);
            Assert.Equal(rates, Fixtures.Rates(optimizer));
            Assert.Equal(decays, WeightDecays(optimizer));

            var seek = Assert.Throws<ArgumentOutOfRangeException>(() => driver.Seek(9));
            Assert.Equal("step", seek.ParamName);
            Assert.Equal(5, driver.CurrentStep);
            Assert.Equal(5, weightDecay.CurrentStep);
            Assert.Throws<ArgumentOutOfRangeException>(() => driver.SetTime(7.5));
            Assert.Equal(5, weightDecay.CurrentStep);
            Assert.Equal(decays, WeightDecays(optimizer));
        }

        [Fact]
        public void Seek_and_SetTime_move_every_schedule()
        {
            optim.Optimizer optimizer = Optimizer("AdamW", Fixtures.Model(), 0.04, 0.0);
            var ema = Ema();
            var driver = ScheduleDriver.Attach(optimizer, Rate).ScheduleWeightDecay(WeightDecay()).Track(ema);
            driver.Seek(12);
            Assert.Equal(12, ema.CurrentStep);
            Assert.Equal(DinoWeightDecay(12), WeightDecays(optimizer)[0], 1e-15);
            Assert.Equal(0.1 * RateFactor(12), Fixtures.Rates(optimizer)[0], 1e-15);

            driver.SetTime(7.5);
            double wd = 0.4 + (0.04 - 0.4) / 2.0 * (1.0 + Math.Cos(Math.PI * 7.5 / Steps));
            Assert.Equal(wd, WeightDecays(optimizer)[0], 1e-15);
            Assert.Equal(DinoTeacherMomentum(7.5), ema.CurrentValue, 1e-15);
            driver.Step(); // 8.5
            Assert.Equal(0.4 + (0.04 - 0.4) / 2.0 * (1.0 + Math.Cos(Math.PI * 8.5 / Steps)), WeightDecays(optimizer)[0], 1e-15);
        }

        [Fact]
        public void Stepping_with_rate_weight_decay_and_a_tracked_EMA_allocates_nothing()
        {
            optim.Optimizer optimizer = Optimizer("AdamW", Fixtures.Model(), 0.04, 0.0);
            var momentum = Momentum();
            var driver = ScheduleDriver.Attach(optimizer, Rate) // the generated classes, as a training loop runs them
                .ScheduleWeightDecay(WeightDecay()).ScheduleMomentum(momentum).Track(Ema());
            for (int i = 0; i < 100; i++) driver.Step(); // JIT and tiering warm-up

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++) driver.Step();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(2100, momentum.CurrentStep);
        }
    }
}
