// Clean: the training step as a lambda, stepping the schedule after the optimizer.
using System;
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
            Action<(Tensor Input, Tensor Target)> step = batch =>
            {
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
                scheduler.step();
            };
            for (int epoch = 0; epoch < 20; epoch++)
                foreach (var batch in loader) step(batch);
        }
    }
}
