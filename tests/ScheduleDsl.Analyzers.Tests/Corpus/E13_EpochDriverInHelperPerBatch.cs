// SDL0014: the driver (a field, created without stepsPerEpoch) stepped per batch inside TrainOneEpoch.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        private readonly optim.Optimizer _optimizer;
        private readonly ScheduleDriver<EpochCosine> _driver;

        public Trainer(nn.Module<Tensor, Tensor> model)
        {
            _optimizer = optim.SGD(model.parameters(), 0.1);
            _driver = ScheduleDriver.Attach(_optimizer, new EpochCosine());
        }

        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            for (int epoch = 0; epoch < 90; epoch++) TrainOneEpoch(model, loader);
        }

        private void TrainOneEpoch(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            foreach (var batch in loader)
            {
                _optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                _optimizer.step();
                _driver.Step(); // expect: SDL0014
            }
        }
    }
}
