// Clean: batches pulled with an enumerator in a while loop, the driver stepped after the optimizer.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.Adam(model.parameters(), 1e-3);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine(loader.Count));
            int epoch = 0;
            while (epoch++ < 90)
            {
                using var batches = loader.GetEnumerator();
                while (batches.MoveNext())
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batches.Current).backward();
                    optimizer.step();
                    driver.Step();
                }
            }
        }
    }
}
