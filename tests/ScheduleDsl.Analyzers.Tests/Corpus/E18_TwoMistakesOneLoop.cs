// SDL0012 and SDL0014 on one call: an epoch schedule without stepsPerEpoch, stepped per batch and too early.
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
                foreach (var batch in loader)
                {
                    driver.Step(); // expect: SDL0012, SDL0014
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
        }
    }
}
