// SDL0001: the warmup starts at half the peak, 0.3 at the first update.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.6), Epochs(90)] // expect: SDL0001
    [Warmup(5, StartFactor = 0.5)]
    [Cosine]
    public partial class WarmupStartsTooHighSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), WarmupStartsTooHighSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new WarmupStartsTooHighSchedule());
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
