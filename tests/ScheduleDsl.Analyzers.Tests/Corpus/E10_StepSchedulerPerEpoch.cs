// SDL0013: ScheduleLRScheduler over a schedule in steps, stepped per epoch as PyTorch's StepLR would be.
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
            for (int epoch = 0; epoch < 30; epoch++)
            {
                int seen = 0;
                while (seen < loader.Count)
                {
                    optimizer.zero_grad();
                    optimizer.step();
                    seen++;
                }
                scheduler.step(); // expect: SDL0013
            }
        }
    }
}
