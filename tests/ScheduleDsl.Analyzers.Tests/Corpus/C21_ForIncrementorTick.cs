// Clean: the driver stepped in the for loop's incrementor, which runs after the body's optimizer step.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, (Tensor Input, Tensor Target)[] batches)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, new StepCosine());
            for (int step = 0; step < 20000; driver.Step(), step++)
            {
                var batch = batches[step % batches.Length];
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
            }
        }
    }
}
