// SDL0012: PyTorch's classic mistake, scheduler.step() before optimizer.step().
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
            var scheduler = new ScheduleLRScheduler<StepCosine>(optimizer, new StepCosine());
            for (int epoch = 0; epoch < 10; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    scheduler.step(); // expect: SDL0012
                    optimizer.step();
                }
            }
        }
    }
}
