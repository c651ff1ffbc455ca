using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using TorchSharp;
using Xunit;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace ScheduleDsl.TorchSharp.Tests
{
    public class ScheduleLRSchedulerTests
    {
        private static readonly ScheduleDefinition Definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 12,
            new WarmupPhase(3), new MultiStepShape(new EquatableArray<double>(new[] { 4.0, 7.0 }), 0.5));

        // Warmup 0 -> 1 over 3 epochs, then x0.5 at 4 and 7 epochs after the warmup.
        private static double Factor(int epoch) =>
            epoch < 3 ? epoch / 3.0 : Math.Pow(0.5, (epoch - 3 >= 4 ? 1 : 0) + (epoch - 3 >= 7 ? 1 : 0));

        [Fact]
        public void Code_written_for_TorchSharp_schedulers_gets_the_same_rates_as_the_driver()
        {
            Optimizer viaAdapter = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.01);
            Optimizer viaDriver = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.01);
            LRScheduler scheduler = new ScheduleLRScheduler<Schedule>(viaAdapter, new Schedule(Definition));
            var driver = ScheduleDriver.Attach(viaDriver, new Schedule(Definition));

            for (int epoch = 0; epoch < 15; epoch++)
            {
                double[] rates = Fixtures.Rates(viaAdapter);
                Assert.Equal(Fixtures.Rates(viaDriver), rates);
                Assert.Equal(rates, scheduler.get_last_lr().ToArray());
                Assert.Equal(0.1 * Factor(Math.Min(epoch, 12)), rates[0], 15);
                Assert.Equal(0.01 * Factor(Math.Min(epoch, 12)), rates[1], 15);
                scheduler.step();
                driver.Step();
            }
        }

        [Fact]
        public void Step_with_an_epoch_jumps_there()
        {
            Optimizer optimizer = Fixtures.Optimizer("Adam", Fixtures.Model(), 0.1);
            var scheduler = new ScheduleLRScheduler<Schedule>(optimizer, new Schedule(Definition));
            scheduler.step(10);
            Assert.Equal(0.1 * Factor(10), scheduler.get_last_lr().Single(), 15);
            Assert.Equal(10, scheduler.Driver.CurrentStep);
            scheduler.step();
            Assert.Equal(0.1 * Factor(11), Fixtures.Rates(optimizer)[0], 15);
        }

        [Fact]
        public void Step_with_a_metric_feeds_plateau_reduction()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.2);
            var definition = ScheduleDefinition.Create(0.2, TimeUnit.Epochs, null, new PlateauReduction(Patience: 0, Factor: 0.1));
            var scheduler = new ScheduleLRScheduler<Schedule>(optimizer, new Schedule(definition));
            scheduler.step(1.0);
            Assert.Equal(0.2, scheduler.get_last_lr().Single(), 15);
            scheduler.step(1.5); // worse, patience 0: reduce
            Assert.Equal(0.02, scheduler.get_last_lr().Single(), 15);
            Assert.Equal(0.02, Fixtures.Rates(optimizer)[0], 15);
        }
    }
}
