// SDL0012: the epoch schedule stepped at the start of the epoch, before the epoch's optimizer steps.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
            for (int epoch = 0; epoch < 90; epoch++)
            {
                driver.Step(); // expect: SDL0012
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
            }
        }
    }
}
