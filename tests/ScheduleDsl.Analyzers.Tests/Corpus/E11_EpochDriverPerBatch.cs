// SDL0014: a driver over an epoch schedule created without stepsPerEpoch, stepped per batch.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = new ScheduleDriver<EpochCosine>(optimizer, new EpochCosine());
            for (int epoch = 0; epoch < 90; epoch++)
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    driver.Step(); // expect: SDL0014
                }
        }
    }
}
