// SDL0013: a schedule in steps advanced once per epoch, after the batch loop.
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
            for (int epoch = 0; epoch < 30; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                driver.Step(); // expect: SDL0013
            }
        }
    }
}
