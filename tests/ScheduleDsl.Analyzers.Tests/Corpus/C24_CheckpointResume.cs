// Clean: resuming from a checkpoint, then the usual loop; the state saved after each epoch.
using System.IO;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Resume(nn.Module<Tensor, Tensor> model, DataLoader loader, string checkpoint)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine(loader.Count));
            driver.LoadState(File.ReadAllText(checkpoint));
            long start = driver.CurrentStep / loader.Count;
            for (long epoch = start; epoch < 90; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    driver.Step();
                }
                File.WriteAllText(checkpoint, driver.SaveState());
            }
        }
    }
}
