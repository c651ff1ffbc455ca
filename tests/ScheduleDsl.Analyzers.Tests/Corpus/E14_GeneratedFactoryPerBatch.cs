// SDL0014: the generated factory called without stepsPerEpoch, the schedule advanced per batch.
using ScheduleDsl;
using static TorchSharp.torch;

namespace Corpus
{
    public abstract class TrainerBase { }

    [LearningRate(0.1), Epochs(30)]
    [Warmup(2)]
    [Cosine]
    public sealed partial class Trainer : TrainerBase
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var schedule = CreateLearningRateSchedule();
            for (int epoch = 0; epoch < 30; epoch++)
                foreach (var batch in loader)
                {
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.CurrentRate;
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                    schedule.Advance(); // expect: SDL0014
                }
        }
    }
}
