// Clean: a hold before the warmup is fine when the peak itself is low.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.05), Epochs(90)]
    [Hold(2)]
    [Warmup(3)]
    [StepDecay(30, 0.1)]
    public partial class HoldAtLowRateSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), HoldAtLowRateSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new HoldAtLowRateSchedule());
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
