using System;
using ScheduleDsl.TorchSharp;
using TorchSharp.Modules;

namespace ScheduleDsl.Samples.Training
{
    /// <summary>The main sample's trainer. Its learning rate is declared right here: a peak of 0.2 for SGD
    /// with momentum, a linear warmup over the first 3 of 30 epochs, then cosine annealing down to 1e-3.
    /// Being a training class (a base class, state), it gets a nested <c>LearningRateSchedule</c> and a
    /// <c>CreateLearningRateSchedule</c> factory from the generator.</summary>
    [LearningRate(0.2), Epochs(30)]
    [Warmup(3)]
    [Cosine(MinLr = 1e-3)]
    [Optimizer(OptimizerKind.Sgd, Momentum = 0.9)]
    public sealed partial class SpiralTrainer : SpiralTrainerBase
    {
        public SpiralTrainer(SpiralData data, int batchSize) : base(data, batchSize) { }

        /// <summary>Epochs to train: the horizon declared above.</summary>
        public static int EpochCount => (int)LearningRateSchedule.Horizon;

        /// <summary>Trains a fresh network. <paramref name="peakRate"/> replaces the declared peak (the
        /// declared shape then scales it, e.g. with a rate picked by the range test).
        /// <paramref name="tensorBoard"/>, when given, receives the rate and momentum of every step (the driver's
        /// <c>LogTo</c>) and the losses and accuracy of every epoch.</summary>
        public TrainingRun Train(int seed, Action<EpochResult>? onEpoch = null, double? peakRate = null, SummaryWriter? tensorBoard = null)
        {
            using Sequential model = CreateModel(seed);
            double peak = peakRate ?? LearningRateSchedule.Peak;
            using SGD optimizer = CreateOptimizer(model, peak);
            // Ticked per batch: the warmup and the cosine see fractional epochs, so the rate moves smoothly.
            var driver = new ScheduleDriver<LearningRateSchedule>(optimizer, CreateLearningRateSchedule(StepsPerEpoch), baseRates: new[] { peak });
            if (tensorBoard is null) return Run(model, optimizer, driver, EpochCount, seed, onEpoch);

            driver.LogTo(tensorBoard);
            return Run(model, optimizer, driver, EpochCount, seed, epoch =>
            {
                int step = epoch.Epoch * StepsPerEpoch; // the epoch's scalars at its last step, beside the rates
                tensorBoard.add_scalar("loss/train", (float)epoch.TrainingLoss, step, walltime: null);
                tensorBoard.add_scalar("loss/validation", (float)epoch.ValidationLoss, step, walltime: null);
                tensorBoard.add_scalar("accuracy/validation", (float)epoch.ValidationAccuracy, step, walltime: null);
                onEpoch?.Invoke(epoch);
            });
        }
    }
}
