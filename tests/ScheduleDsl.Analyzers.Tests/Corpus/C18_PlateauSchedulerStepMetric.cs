// Clean: ScheduleLRScheduler over a plateau schedule, fed with scheduler.step(validationLoss) as in PyTorch.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train, DataLoader validation)
        {
            var optimizer = optim.SGD(model.parameters(), 0.05);
            var scheduler = new ScheduleLRScheduler<PlateauSchedule>(optimizer, new PlateauSchedule());
            for (int epoch = 0; epoch < 60; epoch++)
            {
                foreach (var batch in train)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                double loss = 0;
                foreach (var batch in validation) loss += Losses.Of(model, batch).item<float>();
                scheduler.step(loss / validation.Count);
            }
        }
    }
}
