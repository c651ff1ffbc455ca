// Clean: optimizer and driver as properties set in the constructor; a validation loop in the same epoch loop.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public Trainer(nn.Module<Tensor, Tensor> model, int batchesPerEpoch)
        {
            Model = model;
            Optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
            Driver = new ScheduleDriver<EpochCosine>(Optimizer, new EpochCosine(batchesPerEpoch));
        }

        public nn.Module<Tensor, Tensor> Model { get; }
        public optim.Optimizer Optimizer { get; }
        public ScheduleDriver<EpochCosine> Driver { get; }

        public void Fit(DataLoader train, DataLoader validation)
        {
            for (int epoch = 0; epoch < 90; epoch++)
            {
                Model.train();
                foreach (var batch in train)
                {
                    Optimizer.zero_grad();
                    Losses.Of(Model, batch).backward();
                    Optimizer.step();
                    Driver.Step();
                }
                Model.eval();
                double loss = 0;
                foreach (var batch in validation) loss += Losses.Of(Model, batch).item<float>();
                System.Console.WriteLine($"epoch {epoch}: validation {loss / validation.Count}, rate {Driver.Rate(0)}");
            }
        }
    }
}
