// SDL0012: a ScheduleLRScheduler held as TorchSharp's LRScheduler base type, stepped before the optimizer.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            LRScheduler scheduler = new ScheduleLRScheduler<StepCosine>(optimizer, new StepCosine());
            for (int epoch = 0; epoch < 10; epoch++)
                foreach (var batch in loader)
                {
                    scheduler.step(); // expect: SDL0012
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
        }
    }
}
