// Clean: a runtime Schedule built from a definition without plateau, stepped per epoch (no metric needed).
using ScheduleDsl;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new WarmupPhase(5), new CosineShape());
            var schedule = new Schedule(definition);
            var optimizer = optim.SGD(model.parameters(), 0.1);
            for (int epoch = 0; epoch < 90; epoch++)
            {
                foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.CurrentRate;
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                schedule.Advance();
            }
        }
    }
}
