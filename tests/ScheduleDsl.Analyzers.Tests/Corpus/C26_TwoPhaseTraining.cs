// Clean: a short warmup phase then the main phase, both stepping the same driver after the optimizer.
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
            foreach (var batch in loader)
            {
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
                driver.Step();
            }
            for (int epoch = 1; epoch < 20; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    driver.Step();
                }
            }
        }
    }
}
