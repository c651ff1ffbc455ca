// SDL0013: the step schedule advanced after a TrainOneEpoch helper, so once per epoch.
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        private readonly StepCosine _schedule = new StepCosine();

        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader loader, optim.Optimizer optimizer)
        {
            for (int epoch = 0; epoch < 30; epoch++)
            {
                TrainOneEpoch(model, loader, optimizer);
                _schedule.Advance(); // expect: SDL0013
            }
        }

        private void TrainOneEpoch(nn.Module<Tensor, Tensor> model, DataLoader loader, optim.Optimizer optimizer)
        {
            foreach (var batch in loader)
            {
                foreach (var group in optimizer.ParamGroups) group.LearningRate = _schedule.CurrentRate;
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
            }
        }
    }
}
