// Clean: the epoch's training in a helper, the epoch schedule stepped after it.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        private readonly nn.Module<Tensor, Tensor> _model;
        private readonly optim.Optimizer _optimizer;

        public Trainer(nn.Module<Tensor, Tensor> model)
        {
            _model = model;
            _optimizer = optim.SGD(model.parameters(), 0.1);
        }

        public void Fit(DataLoader loader)
        {
            var driver = ScheduleDriver.Attach(_optimizer, new EpochCosine());
            for (int epoch = 0; epoch < 90; epoch++)
            {
                double loss = TrainOneEpoch(loader);
                System.Console.WriteLine($"epoch {epoch}: {loss}");
                driver.Step();
            }
        }

        private double TrainOneEpoch(DataLoader loader)
        {
            double total = 0;
            foreach (var batch in loader)
            {
                _optimizer.zero_grad();
                var loss = Losses.Of(_model, batch);
                loss.backward();
                _optimizer.step();
                total += loss.item<float>();
            }
            return total;
        }
    }
}
