// Known limit of SDL0012: a tick made through a delegate (a method group) is not seen as a tick.
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
            var driver = ScheduleDriver.Attach(optimizer, new StepCosine());
            Action tick = driver.Step;
            foreach (var batch in loader)
            {
                tick(); // miss: SDL0012
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
            }
        }
    }
}
