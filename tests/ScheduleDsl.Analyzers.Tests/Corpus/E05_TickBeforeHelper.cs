// SDL0012: the schedule stepped before the TrainOneEpoch helper that steps the optimizer.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
            for (int epoch = 0; epoch < 90; epoch++)
            {
                driver.Step(); // expect: SDL0012
                TrainOneEpoch(model, loader, optimizer);
            }
        }

        private static void TrainOneEpoch(nn.Module<Tensor, Tensor> model, DataLoader loader, optim.Optimizer optimizer)
        {
            foreach (var batch in loader)
            {
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
            }
        }
    }
}
