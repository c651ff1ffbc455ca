// SDL0015: ScheduleLRScheduler over a plateau schedule stepped with step() only, never step(metric).
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train)
        {
            var optimizer = optim.SGD(model.parameters(), 0.05);
            var scheduler = new ScheduleLRScheduler<PlateauSchedule>(optimizer, new PlateauSchedule());
            for (int epoch = 0; epoch < 60; epoch++)
            {
                foreach (var batch in train)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                scheduler.step(); // expect: SDL0015
            }
        }
    }
}
