using System;
using System.Collections.Generic;
using ScheduleDsl.Composition;
using ScheduleDsl.TorchSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScheduleDsl.Samples.Training
{
    /// <summary>The training loop shared by the samples' trainers: a two-layer network, SGD with momentum,
    /// cross-entropy, mini-batches reshuffled every epoch. Each derived trainer declares its own schedule
    /// with attributes (the generator leaves this base class alone).</summary>
    public abstract class SpiralTrainerBase
    {
        protected SpiralTrainerBase(SpiralData data, int batchSize)
        {
            Data = data;
            BatchSize = batchSize;
        }

        public SpiralData Data { get; }
        public int BatchSize { get; }

        /// <summary>Batches per epoch.</summary>
        public int StepsPerEpoch => (int)((Data.TrainCount + BatchSize - 1) / BatchSize);

        /// <summary>A fresh network, initialised from <paramref name="seed"/>.</summary>
        public static Sequential CreateModel(int seed)
        {
            random.manual_seed(seed);
            return nn.Sequential(
                ("hidden1", nn.Linear(2, 64)), ("relu1", nn.ReLU()),
                ("hidden2", nn.Linear(64, 64)), ("relu2", nn.ReLU()),
                ("output", nn.Linear(64, 3)));
        }

        /// <summary>SGD with momentum 0.9 over <paramref name="model"/>; the schedule sets its rate.</summary>
        public static SGD CreateOptimizer(Sequential model, double rate) => optim.SGD(model.parameters(), rate, momentum: 0.9);

        /// <summary>Trains <paramref name="model"/> for <paramref name="epochs"/> epochs, the rate set by
        /// <paramref name="driver"/> (ticked per batch, after the optimizer's step, as in PyTorch).
        /// <paramref name="afterOptimizerStep"/> runs between the two (an EMA teacher's update).</summary>
        protected TrainingRun Run<TSchedule>(Sequential model, optim.Optimizer optimizer, ScheduleDriver<TSchedule> driver, int epochs, int seed,
            Action<EpochResult>? onEpoch, Action? afterOptimizerStep = null)
            where TSchedule : ILearningRateSchedule
        {
            using var lossFunction = nn.CrossEntropyLoss();
            var results = new List<EpochResult>();
            var rates = new List<double>();
            using var shuffle = new Generator();
            shuffle.manual_seed(seed);

            for (int epoch = 0; epoch < epochs; epoch++)
            {
                double lossSum = 0;
                long seen = 0;
                using (NewDisposeScope())
                {
                    Tensor order = randperm(Data.TrainCount, generator: shuffle);
                    for (long start = 0; start < Data.TrainCount; start += BatchSize)
                    {
                        using var batchScope = NewDisposeScope();
                        long size = Math.Min(BatchSize, Data.TrainCount - start);
                        Tensor index = order.narrow(0, start, size);
                        Tensor inputs = Data.TrainInputs.index_select(0, index);
                        Tensor targets = Data.TrainTargets.index_select(0, index);

                        rates.Add(driver.Rate(0));
                        optimizer.zero_grad();
                        Tensor loss = lossFunction.forward(model.forward(inputs), targets);
                        loss.backward();
                        optimizer.step();
                        afterOptimizerStep?.Invoke();
                        driver.Step();

                        lossSum += loss.item<float>() * size;
                        seen += size;
                    }
                }

                var (validationLoss, accuracy) = Evaluate(model, lossFunction);
                var result = new EpochResult(epoch + 1, lossSum / seen, validationLoss, accuracy, rates[rates.Count - 1]);
                results.Add(result);
                onEpoch?.Invoke(result);
            }
            return new TrainingRun(results, rates);
        }

        /// <summary>Validation loss and accuracy of <paramref name="model"/>.</summary>
        protected (double Loss, double Accuracy) Evaluate(Sequential model, CrossEntropyLoss lossFunction)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            Tensor logits = model.forward(Data.ValidationInputs);
            double loss = lossFunction.forward(logits, Data.ValidationTargets).item<float>();
            double accuracy = logits.argmax(1).eq(Data.ValidationTargets).to_type(ScalarType.Float32).mean().item<float>();
            return (loss, accuracy);
        }
    }

    /// <summary>One finished epoch.</summary>
    public readonly record struct EpochResult(int Epoch, double TrainingLoss, double ValidationLoss, double ValidationAccuracy, double LearningRate);

    /// <summary>A whole run: per-epoch results and the rate used at every step.</summary>
    public sealed record TrainingRun(IReadOnlyList<EpochResult> Epochs, IReadOnlyList<double> Rates)
    {
        public EpochResult Final => Epochs[Epochs.Count - 1];
        public bool Diverged => double.IsNaN(Final.TrainingLoss) || double.IsInfinity(Final.TrainingLoss) || Final.ValidationAccuracy < 0.5;
    }
}
