// Clean: a schedule in steps driven by hand (the rate written to the group), advanced after every optimizer step.
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader, int epochs)
        {
            var optimizer = optim.SGD(model.parameters(), StepCosine.Peak);
            var schedule = new StepCosine();
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                foreach (var batch in loader)
                {
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.CurrentRate;
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    schedule.Advance();
                }
            }
        }
    }
}
