// SDL0020: an exponential 'decay' with gamma 1.05 per epoch.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.01), Epochs(20)]
    [Exponential(1.05)] // expect: SDL0020
    public partial class ExponentialGrowsSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), ExponentialGrowsSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new ExponentialGrowsSchedule());
            for (int epoch = 0; epoch < 20; epoch++)
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
