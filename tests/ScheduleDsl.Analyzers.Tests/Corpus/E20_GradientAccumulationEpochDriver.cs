// SDL0014: gradient accumulation, but the epoch schedule was created without stepsPerEpoch and is stepped per update.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.AdamW(model.parameters(), 1e-3);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
            for (int epoch = 0; epoch < 90; epoch++)
            {
                int i = 0;
                foreach (var batch in loader)
                {
                    Losses.Of(model, batch).backward();
                    if (++i % 8 != 0) continue;
                    optimizer.step();
                    optimizer.zero_grad();
                    driver.Step(); // expect: SDL0014
                }
            }
        }
    }
}
