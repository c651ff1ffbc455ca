// Clean: the schedule held in a field typed as the interface, advanced after the optimizer.
using ScheduleDsl.Composition;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        private readonly ILearningRateSchedule _schedule = new StepCosine();

        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader, optim.Optimizer optimizer)
        {
            for (int epoch = 0; epoch < 10; epoch++)
            {
                foreach (var batch in loader)
                {
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = _schedule.PeakRate * _schedule.CurrentFactor;
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    _schedule.Advance();
                }
            }
        }
    }
}
