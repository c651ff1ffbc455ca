// Clean: one training step in a local function, the schedule stepped after the optimizer inside it.
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, new StepCosine());

            void TrainStep((Tensor Input, Tensor Target) batch)
            {
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
                driver.Step();
            }

            for (int epoch = 0; epoch < 20; epoch++)
                foreach (var batch in loader)
                    TrainStep(batch);
        }
    }
}
