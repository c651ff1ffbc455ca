// SDL0012: the driver stepped at the top of the batch loop.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine(loader.Count));
            for (int epoch = 0; epoch < 90; epoch++)
                foreach (var batch in loader)
                {
                    driver.Step(); // expect: SDL0012
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
        }
    }
}
