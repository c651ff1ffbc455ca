// Clean: the schedule declared on the training class; the generated factory given the batches per epoch.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public abstract class TrainerBase
    {
        protected int Seed { get; } = 42;
    }

    [LearningRate(0.2), Epochs(30)]
    [Warmup(3)]
    [Cosine(MinLr = 1e-3)]
    public sealed partial class Trainer : TrainerBase
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            using var optimizer = optim.SGD(model.parameters(), LearningRateSchedule.Peak, momentum: 0.9);
            var schedule = CreateLearningRateSchedule(stepsPerEpoch: loader.Count);
            var driver = new ScheduleDriver<LearningRateSchedule>(optimizer, schedule);
            for (int epoch = 0; epoch < LearningRateSchedule.Horizon; epoch++)
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    driver.Step();
                }
        }
    }
}
