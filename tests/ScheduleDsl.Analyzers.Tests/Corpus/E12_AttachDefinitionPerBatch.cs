// SDL0014: ScheduleDriver.Attach(optimizer, definition) over an epoch definition, no stepsPerEpoch, stepped per batch.
using ScheduleDsl;
using ScheduleDsl.Definition;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new WarmupPhase(5), new CosineShape());
            var driver = ScheduleDriver.Attach(optimizer, definition);
            for (int epoch = 0; epoch < 90; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    driver.Step(); // expect: SDL0014
                }
            }
        }
    }
}
