// Clean: an async training loop over an async stream of batches.
using System.Threading.Tasks;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public async Task TrainAsync(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine(stepsPerEpoch: loader.Count));
            for (int epoch = 0; epoch < 90; epoch++)
            {
                await foreach (var batch in loader.ReadAsync())
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    driver.Step();
                }
                await Task.Yield();
            }
        }
    }
}
