// SDL0020: StepDecay(30, 1.5) multiplies the rate by 1.5 every 30 epochs (meant: divide).
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.05), Epochs(90)]
    [Warmup(3)]
    [StepDecay(30, 1.5)] // expect: SDL0020
    public partial class StepDecayGrowsSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), StepDecayGrowsSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new StepDecayGrowsSchedule());
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
