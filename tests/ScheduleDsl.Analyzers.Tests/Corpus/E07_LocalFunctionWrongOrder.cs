// SDL0012: inside the step local function the driver moves before the optimizer.
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

            void Update(Tensor loss)
            {
                optimizer.zero_grad();
                loss.backward();
                driver.Step(); // expect: SDL0012
                optimizer.step();
            }

            for (int epoch = 0; epoch < 10; epoch++)
                foreach (var batch in loader) Update(Losses.Of(model, batch));
        }
    }
}
