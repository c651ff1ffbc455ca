// Clean: PyTorch's ConstantLR warmup at 0.1 x peak (0.05) for 5 epochs, then the decay.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    [LearningRate(0.5), Epochs(90)]
    [Warmup(5, Kind = ScheduleDsl.WarmupKind.Constant, StartFactor = 0.1)]
    [Exponential(0.97)]
    public partial class ConstantWarmupLowStartSchedule { }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), ConstantWarmupLowStartSchedule.Peak, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new ConstantWarmupLowStartSchedule());
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
