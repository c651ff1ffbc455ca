// SDL0001: the floor applies last, so the warmup starts at the floor, 0.2, not at 0.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.5), Epochs(90)] // expect: SDL0001
    [Warmup(5)]
    [Cosine]
    [Floor(0.2)]
    public partial class FloorAboveThresholdSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), FloorAboveThresholdSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new FloorAboveThresholdSchedule());
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
