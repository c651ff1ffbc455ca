// SDL0012: the schedule advanced before optimizer.step() in the batch loop: the first rate is skipped.
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var schedule = new StepCosine();
            for (int epoch = 0; epoch < 10; epoch++)
            {
                foreach (var batch in loader)
                {
                    schedule.Advance(); // expect: SDL0012
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.CurrentRate;
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
            }
        }
    }
}
