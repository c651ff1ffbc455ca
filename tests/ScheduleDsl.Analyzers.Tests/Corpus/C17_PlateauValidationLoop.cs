// Clean: reduce-on-plateau fed the validation loss by a validation loop in another method.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        private ScheduleDriver<PlateauSchedule>? _driver;

        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train, DataLoader validation)
        {
            var optimizer = optim.SGD(model.parameters(), PlateauSchedule.Peak);
            _driver = ScheduleDriver.Attach(optimizer, new PlateauSchedule());
            for (int epoch = 0; epoch < 60; epoch++)
            {
                foreach (var batch in train)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                _driver.Step();
                Validate(model, validation);
            }
        }

        private void Validate(nn.Module<Tensor, Tensor> model, DataLoader validation)
        {
            model.eval();
            double total = 0;
            using (no_grad())
                foreach (var batch in validation) total += Losses.Of(model, batch).item<float>();
            _driver!.ReportMetric(total / validation.Count);
        }
    }
}
