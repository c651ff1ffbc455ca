using System;
using System.Linq;
using ScheduleDsl.Samples.Training;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Samples.Tests
{
    [Collection("samples")]
    public sealed class LessonExperiment
    {
        private readonly ITestOutputHelper _out;
        public LessonExperiment(ITestOutputHelper output) => _out = output;

        [Theory]
        [InlineData(1.5)]
        [InlineData(3.0)]
        public void Experiment(double peak)
        {
            using SpiralData data = new SampleOptions("/tmp/x", Quick: true).CreateData();
            foreach (int seed in new[] { 1, 2, 3, 4, 5 })
            {
                var cold = new NoWarmupTrainer(data, 32).Train(seed, null, peak);
                var warm = new WarmupTrainer(data, 32).Train(seed, null, peak);
                Console.WriteLine($"EXP peak {peak} seed {seed}: cold {cold.Final.ValidationAccuracy:F3} loss {cold.Final.TrainingLoss:F3} max5 {cold.Epochs.Take(5).Max(e => e.TrainingLoss):F3} | warm {warm.Final.ValidationAccuracy:F3} loss {warm.Final.TrainingLoss:F3} max5 {warm.Epochs.Take(5).Max(e => e.TrainingLoss):F3}");
            }
        }
    }
}
