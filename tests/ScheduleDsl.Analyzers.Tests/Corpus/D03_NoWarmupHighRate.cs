// SDL0001: a large-batch rate with no warmup at all (Goyal et al. warm up 5 of 90 epochs).
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(3.2 / 10), Epochs(90)] // expect: SDL0001
    [MultiStep(30, 60, 80)]
    public partial class NoWarmupHighRateSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), NoWarmupHighRateSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new NoWarmupHighRateSchedule());
            for (int epoch = 0; epoch < 90; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                driver.Step();
            }
        }
    }
}
