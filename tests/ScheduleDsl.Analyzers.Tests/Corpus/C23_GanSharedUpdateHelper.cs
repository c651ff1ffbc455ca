// Clean: a GAN with one update helper called for each network with its own optimizer and driver.
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
            var driverD = new ScheduleDriver<GanSchedule>(optD, new GanSchedule(loader.Count));
            var driverG = new ScheduleDriver<GanSchedule>(optG, new GanSchedule(loader.Count));
            for (int epoch = 0; epoch < 100; epoch++)
                foreach (var batch in loader)
                {
                    Update(optD, driverD, Losses.Of(discriminator, batch));
                    Update(optG, driverG, Losses.Of(generator, batch));
                }
        }

        private static void Update(optim.Optimizer optimizer, ScheduleDriver<GanSchedule> driver, Tensor loss)
        {
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            driver.Step();
        }
    }
}
