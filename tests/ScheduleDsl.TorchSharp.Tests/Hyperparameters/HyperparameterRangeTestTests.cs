using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static ScheduleDsl.TorchSharp.Tests.Hyperparameters.HyperparameterFixtures;
using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp.Tests.Hyperparameters
{
    public class HyperparameterRangeTestTests
    {
        [Fact]
        public void The_range_test_runs_at_the_drivers_values_records_them_and_restores_them()
        {
            var model = Fixtures.Model();
            var (x, y) = Fixtures.Data();
            optim.Optimizer optimizer = Optimizer("AdamW", model, 0.04, 0.0);
            var ema = Ema();
            var driver = ScheduleDriver.Attach(optimizer, Rate).ScheduleWeightDecay(WeightDecay()).ScheduleMomentum(Momentum()).Track(ema);
            for (int i = 0; i < 6; i++) driver.Step();
            double[] rates = Fixtures.Rates(optimizer), decays = WeightDecays(optimizer);
            var groups = optimizer.ParamGroups.Cast<global::TorchSharp.Modules.ParamGroup>().ToArray();
            ((global::TorchSharp.Modules.AdamW.Options)groups[0].Options).weight_decay = 0.7; // changed by hand: the test runs at the driver's value

            double?[] during = null!;
            RangeTestResult result = LearningRateFinder.Run(model, driver, i =>
            {
                if (i == 0) during = WeightDecays(optimizer).Select(v => (double?)v).ToArray();
                if (i == 3) ((global::TorchSharp.Modules.AdamW.Options)groups[0].Options).weight_decay = 0.9; // the loss callback meddles
                return nn.functional.mse_loss(model.call(x), y);
            }, new RangeTestOptions { Iterations = 8 });

            Assert.Equal(DinoWeightDecay(6), result.WeightDecays[0]!.Value, 1e-15);
            Assert.Equal(0.0, result.WeightDecays[1]);
            Assert.Equal(result.WeightDecays[0], during[0]); // the driver's value, not the one set by hand
            double expectedMomentum = MomentumAt(6);
            Assert.All(result.Momenta, m => Assert.Equal(expectedMomentum, m!.Value, 1e-15));
            Assert.Equal(ema.CurrentValue, result.Tracked["ema_decay"]);

            // Restored: the rates, the weight decay and the momentum the driver gives at tick 6, and no schedule moved.
            Assert.Equal(rates, Fixtures.Rates(optimizer));
            Assert.Equal(decays, WeightDecays(optimizer));
            Assert.All(Fixtures.Momenta(optimizer), m => Assert.Equal(expectedMomentum, m, 1e-15));
            Assert.Equal(6, driver.CurrentStep);
            Assert.Equal(6, ema.CurrentStep);
        }

        [Fact]
        public void Without_a_driver_the_groups_own_values_are_recorded()
        {
            var model = Fixtures.Model();
            var (x, y) = Fixtures.Data();
            optim.Optimizer sgd = Optimizer("SGD", model, 0.01, 0.0);
            RangeTestResult result = LearningRateFinder.Run(model, sgd, _ => nn.functional.mse_loss(model.call(x), y), new RangeTestOptions { Iterations = 4 });
            Assert.Equal(new double?[] { 0.01, 0.0 }, result.WeightDecays);
            Assert.Equal(new double?[] { 0.9, 0.9 }, result.Momenta);
            Assert.Empty(result.Tracked);

            var rprop = optim.Rprop(model.parameters(), 0.01);
            RangeTestResult none = LearningRateFinder.Run(model, rprop, _ => nn.functional.mse_loss(model.call(x), y), new RangeTestOptions { Iterations = 4 });
            Assert.Equal(new double?[] { null }, none.WeightDecays);
            Assert.Equal(new double?[] { null }, none.Momenta);
        }
    }
}
