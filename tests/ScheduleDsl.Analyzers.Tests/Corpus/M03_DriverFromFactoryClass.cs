// Known limit of SDL0014: a driver built by another class's factory; how its schedule was created is not visible.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public static class Drivers
    {
        public static ScheduleDriver<EpochCosine> For(optim.Optimizer optimizer) => ScheduleDriver.Attach(optimizer, new EpochCosine());
    }

    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = Drivers.For(optimizer);
            for (int epoch = 0; epoch < 90; epoch++)
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    driver.Step(); // miss: SDL0014
                }
        }
    }
}
