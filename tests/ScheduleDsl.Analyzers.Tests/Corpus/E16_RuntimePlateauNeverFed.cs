// SDL0015: a runtime schedule whose definition has plateau reduction, never given a metric.
using ScheduleDsl;
using ScheduleDsl.Definition;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train)
        {
            var optimizer = optim.SGD(model.parameters(), 0.05);
            var definition = ScheduleDefinition.Create(0.05, TimeUnit.Epochs, 60, new WarmupPhase(2), new PlateauReduction(Patience: 5));
            var driver = ScheduleDriver.Attach(optimizer, definition);
            for (int epoch = 0; epoch < 60; epoch++)
            {
                foreach (var batch in train)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                driver.Step(); // expect: SDL0015
            }
        }
    }
}
