// Clean: ScheduleDriver.Attach(optimizer, definition) over a definition without plateau, per batch with stepsPerEpoch.
using ScheduleDsl;
using ScheduleDsl.Definition;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        private static readonly ScheduleDefinition Recipe =
            ScheduleDefinition.Create(0.4, TimeUnit.Epochs, 90, new WarmupPhase(5), new CosineShape(), new StepDecayShape(30, 0.1));

        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.4, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, Recipe, stepsPerEpoch: loader.Count);
            for (int epoch = 0; epoch < 90; epoch++)
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
