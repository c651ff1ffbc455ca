// Clean: warmup first, then a hold at the peak, then the decay (the order the curve needs).
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.4), Epochs(90)]
    [Warmup(5)]
    [Hold(3)]
    [Cosine]
    public partial class WarmupThenHoldSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), WarmupThenHoldSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new WarmupThenHoldSchedule());
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
