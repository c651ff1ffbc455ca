// Known limit of SDL0013: the step schedule advanced in an end-of-epoch callback (a lambda) is not placed in the epoch loop.
using System;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader, optim.Optimizer optimizer)
        {
            var schedule = new StepCosine();
            Action endOfEpoch = () => schedule.Advance(); // miss: SDL0013
            for (int epoch = 0; epoch < 30; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                endOfEpoch();
            }
        }
    }
}
