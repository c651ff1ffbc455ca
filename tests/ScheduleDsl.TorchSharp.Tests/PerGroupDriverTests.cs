using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests
{
    /// <summary>The driver with PyTorch's per-group semantics, per-group lists, runtime LambdaLR and time travel; expected
    /// rates written from PyTorch's formulas.</summary>
    public class PerGroupDriverTests
    {
        private static void Close(double expected, double actual) =>
            Assert.True(Math.Abs(expected - actual) <= 1e-12 + 1e-9 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

        private static double TorchCosine(double baseLr, double etaMin, double t, double tMax) =>
            etaMin + (baseLr - etaMin) * (1 + Math.Cos(Math.PI * t / tMax)) / 2;

        private static ScheduleDefinition FineTune() =>
            ScheduleDefinition.Create(1e-3, TimeUnit.Epochs, 10, new CosineShape(1e-6)) with { Minimums = MinimumScaling.Absolute };

        [Fact]
        public void Absolute_minimums_drive_every_group_to_PyTorchs_eta_min()
        {
            // Backbone 1e-5, head 1e-3, CosineAnnealingLR(T_max=10, eta_min=1e-6).
            Optimizer optimizer = Fixtures.Optimizer("AdamW", Fixtures.Model(), 1e-5, 1e-3);
            var driver = ScheduleDriver.Attach(optimizer, FineTune());
            for (int epoch = 0; epoch <= 10; epoch++)
            {
                double[] rates = Fixtures.Rates(optimizer);
                Close(TorchCosine(1e-5, 1e-6, epoch, 10), rates[0]);
                Close(TorchCosine(1e-3, 1e-6, epoch, 10), rates[1]);
                Close(rates[0], driver.Rate(0));
                driver.Step();
            }
        }

        [Fact]
        public void Stepping_with_absolute_minimums_allocates_nothing()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 1e-5, 1e-4, 1e-3);
            var driver = ScheduleDriver.Attach(optimizer, FineTune(), stepsPerEpoch: 1000);
            for (int i = 0; i < 100; i++) driver.Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++) driver.Step();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void Per_group_lists_reach_the_optimizer()
        {
            // CyclicLR(base_lr=[1, 2], max_lr=[5, 6], step_size_up=4).
            var cyclic = ScheduleDefinition.Create(5, TimeUnit.Steps, null, new CyclicShape(1, 4)) with { Minimums = MinimumScaling.Absolute };
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.05, 0.5);
            var driver = ScheduleDriver.Attach(optimizer, cyclic,
                groups: new[] { new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(6) { CyclicBaseLr = 2 } });
            Assert.Equal(new[] { 5.0, 6.0 }, driver.BaseRates);
            for (int k = 0; k < 12; k++)
            {
                double cycle = Math.Floor(1 + k / 8.0), h = Math.Max(0, 1 - Math.Abs(k / 4.0 - 2 * cycle + 1));
                double[] rates = Fixtures.Rates(optimizer);
                Close(1 + 4 * h, rates[0]);
                Close(2 + 4 * h, rates[1]);
                driver.Step();
            }

            // ReduceLROnPlateau(min_lr=[0.4, 0.3]).
            var plateau = ScheduleDefinition.Create(0.5, TimeUnit.Epochs, null, new PlateauReduction(Patience: 0)) with { Minimums = MinimumScaling.Absolute };
            Optimizer two = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.5, 0.5);
            var reducing = ScheduleDriver.Attach(two, plateau,
                groups: new[] { new ParamGroup(0.5) { PlateauMinLr = 0.4 }, new ParamGroup(0.5) { PlateauMinLr = 0.3 } });
            reducing.ReportMetric(1);
            Assert.True(reducing.ReportMetric(2));
            Close(0.4, Fixtures.Rates(two)[0]);
            Close(0.3, Fixtures.Rates(two)[1]);
        }

        [Fact]
        public void Per_group_lists_are_checked_against_the_optimizer_at_attach()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.05, 0.5);
            var cyclic = ScheduleDefinition.Create(5, TimeUnit.Steps, null, new CyclicShape(1, 4)) with { Minimums = MinimumScaling.Absolute };
            var count = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, cyclic, groups: new[] { new ParamGroup(5) }));
            Assert.Equal("groups", count.ParamName);
            Assert.StartsWith("groups has 1 entries but the optimizer has 2 parameter groups", count.Message, StringComparison.Ordinal);
            var both = Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, cyclic, baseRates: new[] { 5.0, 6.0 },
                groups: new[] { new ParamGroup(5), new ParamGroup(6) }));
            Assert.Equal("baseRates", both.ParamName);
            var negative = Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleDriver.Attach(optimizer, cyclic,
                groups: new[] { new ParamGroup(5), new ParamGroup(6) { CyclicBaseLr = -2 } }));
            Assert.Equal("groups", negative.ParamName);
            // Nothing was written by the refused attaches.
            Assert.Equal(new[] { 0.05, 0.5 }, Fixtures.Rates(optimizer));
        }

        [Fact]
        public void Per_group_lambdas_drive_LambdaLR()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.05, 0.4);
            var driver = ScheduleDriver.Attach(optimizer, ScheduleDefinition.Create(0.05, TimeUnit.Epochs, null, new CustomShape("Lambda")),
                groups: new[]
                {
                    new ParamGroup(0.05) { CustomFactors = new Dictionary<string, RuntimeFactor> { ["Lambda"] = RuntimeFactor.OfTime(x => Math.Pow(0.9, x)) } },
                    new ParamGroup(0.4) { CustomFactors = new Dictionary<string, RuntimeFactor> { ["Lambda"] = RuntimeFactor.Multiplicative(_ => 0.8) } },
                });
            for (int epoch = 0; epoch < 10; epoch++)
            {
                Close(0.05 * Math.Pow(0.9, epoch), Fixtures.Rates(optimizer)[0]);
                Close(0.4 * Math.Pow(0.8, epoch), Fixtures.Rates(optimizer)[1]);
                driver.Step();
            }
            Assert.Throws<ArgumentException>(() => ScheduleDriver.Attach(optimizer, ScheduleDefinition.Create(0.05, TimeUnit.Epochs, null, new CustomShape("Lambda"))));
        }

        [Fact]
        public void Time_travel_and_resuming_at_a_step_in_one_call()
        {
            // CosineAnnealingWarmRestarts(T_0=10, eta_min=1e-10).step(1.3), then step().
            var restarts = ScheduleDefinition.Create(0.05, TimeUnit.Epochs, null, new CosineRestartsShape(10, 1, 1e-10)) with { Minimums = MinimumScaling.Absolute };
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.05, 0.5);
            var driver = ScheduleDriver.Attach(optimizer, restarts);
            driver.SetTime(1.3);
            Close(TorchCosine(0.5, 1e-10, 1.3, 10), Fixtures.Rates(optimizer)[1]);
            driver.Step();
            Close(TorchCosine(0.5, 1e-10, 2.3, 10), Fixtures.Rates(optimizer)[1]);
            var refused = Assert.Throws<ArgumentOutOfRangeException>(() => driver.SetTime(double.PositiveInfinity));
            Assert.Equal("time", refused.ParamName);
            Close(TorchCosine(0.5, 1e-10, 2.3, 10), Fixtures.Rates(optimizer)[1]);

            Optimizer resumedOptimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.05, 0.5);
            var resumed = ScheduleDriver.Attach(resumedOptimizer, restarts, startStep: 13);
            Assert.Equal(13, resumed.CurrentStep);
            Close(TorchCosine(0.05, 1e-10, 3, 10), Fixtures.Rates(resumedOptimizer)[0]);
            Close(TorchCosine(0.5, 1e-10, 3, 10), Fixtures.Rates(resumedOptimizer)[1]);
        }
    }
}
