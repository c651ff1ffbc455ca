// Clean: the plateau driver handed to a validator class that reports the metric (not visible from this class).
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Validator
    {
        public void Run(nn.Module<Tensor, Tensor> model, DataLoader validation, ScheduleDriver<PlateauSchedule> driver)
        {
            double loss = 0;
            foreach (var batch in validation) loss += Losses.Of(model, batch).item<float>();
            driver.ReportMetric(loss / validation.Count);
        }
    }

    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train, DataLoader validation, Validator validator)
        {
            var optimizer = optim.SGD(model.parameters(), 0.05);
            var driver = ScheduleDriver.Attach(optimizer, new PlateauSchedule());
            for (int epoch = 0; epoch < 60; epoch++)
            {
                foreach (var batch in train)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                driver.Step();
                validator.Run(model, validation, driver);
            }
        }
    }
}
