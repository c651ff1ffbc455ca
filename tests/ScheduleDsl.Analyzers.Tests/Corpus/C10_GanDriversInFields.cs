// Clean: a GAN whose optimizers and drivers live in fields set by the constructor; the discriminator is updated first.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class GanTrainer
    {
        private readonly optim.Optimizer _optD;
        private readonly optim.Optimizer _optG;
        private readonly ScheduleDriver<GanSchedule> _schedD;
        private readonly ScheduleDriver<GanSchedule> _schedG;

        public GanTrainer(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, int batches)
        {
            _optD = optim.Adam(discriminator.parameters(), GanSchedule.Peak);
            _optG = optim.Adam(generator.parameters(), GanSchedule.Peak);
            _schedD = ScheduleDriver.Attach(_optD, new GanSchedule(batches));
            _schedG = ScheduleDriver.Attach(_optG, new GanSchedule(batches));
        }

        public void Epoch(DataLoader loader, nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator)
        {
            foreach (var batch in loader)
            {
                _optD.zero_grad();
                Losses.Of(discriminator, batch).backward();
                _optD.step();
                _optG.zero_grad();
                Losses.Of(generator, batch).backward();
                _schedD.Step();
                _optG.step();
                _schedG.Step();
            }
        }
    }
}
