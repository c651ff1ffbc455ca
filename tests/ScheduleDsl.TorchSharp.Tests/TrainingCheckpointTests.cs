using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests
{
    public sealed class TrainingCheckpointTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "sdl-checkpoint-" + Guid.NewGuid().ToString("N"));

        private static readonly ScheduleDefinition OneCycle = ScheduleDefinition.Create(0.05, TimeUnit.Steps, 16, new OneCycleShape());

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private static (List<double> Losses, List<double[]> Rates, List<double[]> Momenta) Train(
            nn.Module<Tensor, Tensor> model, Optimizer optimizer, ScheduleDriver<Schedule> driver, int steps)
        {
            var (x, y) = Fixtures.Data();
            var result = (new List<double>(), new List<double[]>(), new List<double[]>());
            for (int i = 0; i < steps; i++)
            {
                result.Item2.Add(Fixtures.Rates(optimizer));
                result.Item3.Add(Fixtures.Momenta(optimizer));
                result.Item1.Add(Fixtures.TrainStep(model, optimizer, x, y));
                driver.Step();
            }
            return result;
        }

        [Theory]
        [InlineData("SGD")]
        [InlineData("Adam")]
        [InlineData("AdamW")]
        public void A_resumed_run_continues_with_identical_rates_and_losses(string name)
        {
            // One run straight through.
            var model = Fixtures.Model(seed: 3);
            Optimizer optimizer = Fixtures.Optimizer(name, model, 0.05, 0.01);
            var driver = ScheduleDriver.Attach(optimizer, OneCycle, cycleMomentum: MomentumRange.OneCycle);
            var straight = Train(model, optimizer, driver, 16);

            // The same run stopped after 7 steps, saved, and resumed in fresh objects built from another seed.
            var first = Fixtures.Model(seed: 3);
            Optimizer firstOptimizer = Fixtures.Optimizer(name, first, 0.05, 0.01);
            var firstDriver = ScheduleDriver.Attach(firstOptimizer, OneCycle, cycleMomentum: MomentumRange.OneCycle);
            var head = Train(first, firstOptimizer, firstDriver, 7);
            TrainingCheckpoint.Save(_folder, first, firstOptimizer, firstDriver);

            var resumed = Fixtures.Model(seed: 99);
            Optimizer resumedOptimizer = Fixtures.Optimizer(name, resumed, 0.05, 0.01);
            var resumedDriver = ScheduleDriver.Attach(resumedOptimizer, OneCycle, cycleMomentum: MomentumRange.OneCycle);
            TrainingCheckpoint.Load(_folder, resumed, resumedOptimizer, resumedDriver);
            Assert.Equal(7, resumedDriver.CurrentStep);
            var tail = Train(resumed, resumedOptimizer, resumedDriver, 9);

            Assert.Equal(straight.Rates, head.Rates.Concat(tail.Rates));
            Assert.Equal(straight.Momenta, head.Momenta.Concat(tail.Momenta));
            Assert.Equal(straight.Losses, head.Losses.Concat(tail.Losses)); // bit for bit
            Assert.True(straight.Losses[^1] < straight.Losses[0]); // it did train
        }

        [Fact]
        public void A_checkpoint_of_another_schedule_is_refused_and_nothing_is_loaded()
        {
            var model = Fixtures.Model(seed: 3);
            Optimizer optimizer = Fixtures.Optimizer("SGD", model, 0.05);
            var driver = ScheduleDriver.Attach(optimizer, OneCycle);
            Train(model, optimizer, driver, 3);
            TrainingCheckpoint.Save(_folder, model, optimizer, driver);

            var other = Fixtures.Model(seed: 4);
            float[] before = other.parameters().First().data<float>().ToArray();
            Optimizer otherOptimizer = Fixtures.Optimizer("SGD", other, 0.05);
            var otherDriver = ScheduleDriver.Attach(otherOptimizer,
                ScheduleDefinition.Create(0.05, TimeUnit.Steps, 16, new CosineShape()));
            var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(_folder, other, otherOptimizer, otherDriver));
            Assert.Contains("different schedule", e.Message);
            Assert.Contains(TrainingCheckpoint.ScheduleFile, e.Message);
            Assert.Equal(before, other.parameters().First().data<float>().ToArray());
            Assert.Equal(0, otherDriver.CurrentStep);
        }

        [Fact]
        public void A_missing_file_is_named()
        {
            var model = Fixtures.Model();
            Optimizer optimizer = Fixtures.Optimizer("SGD", model, 0.05);
            var driver = ScheduleDriver.Attach(optimizer, OneCycle);
            Directory.CreateDirectory(_folder);
            var e = Assert.Throws<FileNotFoundException>(() => TrainingCheckpoint.Load(_folder, model, optimizer, driver));
            Assert.Contains(TrainingCheckpoint.ModelFile, e.Message);
        }
    }
}
