// SDL0001: the hold is declared before the warmup, so training starts at the full 0.4 (the warmup comes too late).
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.4), Epochs(90)] // expect: SDL0001
    [Hold(3)]
    [Warmup(5)]
    [Cosine]
    public partial class HoldBeforeWarmupSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), HoldBeforeWarmupSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new HoldBeforeWarmupSchedule());
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
