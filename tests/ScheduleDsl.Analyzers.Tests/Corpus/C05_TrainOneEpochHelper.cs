// Clean: a TrainOneEpoch helper given the optimizer and the driver, the schedule created with stepsPerEpoch.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
            var driver = ScheduleDriver.Attach(optimizer, new EpochCosine(stepsPerEpoch: loader.Count));
            for (int epoch = 0; epoch < 90; epoch++)
                TrainOneEpoch(model, loader, optimizer, driver);
        }

        private static void TrainOneEpoch(nn.Module<Tensor, Tensor> model, DataLoader loader, optim.Optimizer optimizer, ScheduleDriver<EpochCosine> driver)
        {
            model.train();
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
