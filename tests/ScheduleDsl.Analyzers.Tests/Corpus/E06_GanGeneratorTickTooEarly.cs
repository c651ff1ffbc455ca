// SDL0012 on the generator's driver only: it is stepped after the discriminator's optimizer but before its own.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class GanTrainer
    {
        public void Train(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, DataLoader loader)
        {
            var optD = optim.Adam(discriminator.parameters(), 2e-4);
            var optG = optim.Adam(generator.parameters(), 2e-4);
            var schedD = ScheduleDriver.Attach(optD, new GanSchedule(loader.Count));
            var schedG = ScheduleDriver.Attach(optG, new GanSchedule(loader.Count));
            for (int epoch = 0; epoch < 100; epoch++)
                foreach (var batch in loader)
                {
                    optD.zero_grad();
                    Losses.Of(discriminator, batch).backward();
                    optD.step();
                    schedD.Step();
                    schedG.Step(); // expect: SDL0012
                    optG.zero_grad();
                    Losses.Of(generator, batch).backward();
                    optG.step();
                }
        }
    }
}
