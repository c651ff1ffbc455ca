// Clean: gradient accumulation, the optimizer stepped every 4 batches and the schedule with it.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        private const int Accumulate = 4;

        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.AdamW(model.parameters(), 1e-3);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine(stepsPerEpoch: loader.Count / Accumulate));
            for (int epoch = 0; epoch < 90; epoch++)
            {
                int i = 0;
                foreach (var batch in loader)
                {
                    (Losses.Of(model, batch) / Accumulate).backward();
                    if (++i % Accumulate == 0)
                    {
                        optimizer.step();
                        optimizer.zero_grad();
                        driver.Step();
                    }
                }
            }
        }
    }
}
