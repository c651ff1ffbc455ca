// Clean: the README loop. An epoch schedule that knows the batches per epoch, driven per batch after optimizer.step().
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            using var optimizer = optim.SGD(model.parameters(), EpochCosine.Peak, momentum: 0.9);
            var driver = new ScheduleDriver<EpochCosine>(optimizer, new EpochCosine(stepsPerEpoch: loader.Count));
            for (int epoch = 0; epoch < EpochCosine.Horizon; epoch++)
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
