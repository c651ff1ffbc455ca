// Clean: a step-budgeted loop (while (true) with a break), the scheduler stepped after the optimizer.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var scheduler = new ScheduleLRScheduler<StepCosine>(optimizer, new StepCosine());
            long steps = 0;
            while (true)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    scheduler.step();
                    if (++steps == 20000) return;
                }
            }
        }
    }
}
