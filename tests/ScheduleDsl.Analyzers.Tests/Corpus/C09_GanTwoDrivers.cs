// Clean: a GAN, each optimizer with its own driver, each driver stepped right after its own optimizer.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class GanTrainer
    {
        public void Train(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, DataLoader loader)
        {
            var optD = optim.Adam(discriminator.parameters(), GanSchedule.Peak);
            var optG = optim.Adam(generator.parameters(), GanSchedule.Peak);
            var schedD = ScheduleDriver.Attach(optD, new GanSchedule(loader.Count));
            var schedG = ScheduleDriver.Attach(optG, new GanSchedule(loader.Count));
            for (int epoch = 0; epoch < 100; epoch++)
            {
                foreach (var batch in loader)
                {
                    optD.zero_grad();
                    Losses.Of(discriminator, batch).backward();
                    optD.step();
                    schedD.Step();

                    optG.zero_grad();
                    Losses.Of(generator, batch).backward();
                    optG.step();
                    schedG.Step();
                }
            }
        }
    }
}
