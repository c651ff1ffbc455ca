// SDL0015: a plateau schedule stepped every epoch but never given a metric.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train)
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
                driver.Step(); // expect: SDL0015
            }
        }
    }
}
