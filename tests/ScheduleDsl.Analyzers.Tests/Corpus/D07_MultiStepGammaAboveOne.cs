// SDL0020: MultiStep with Gamma = 2 doubles the rate at each milestone.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.02), Epochs(90)]
    [MultiStep(new[] { 30.0, 60 }, Gamma = 2)] // expect: SDL0020
    public partial class MultiStepGammaAboveOneSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), MultiStepGammaAboveOneSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new MultiStepGammaAboveOneSchedule());
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
