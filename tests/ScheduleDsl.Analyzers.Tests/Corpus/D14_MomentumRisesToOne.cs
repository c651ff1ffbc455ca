// SDL0021: a momentum raised to 1 (the velocity would never decay); one-cycle recipes stop at 0.95.
using ScheduleDsl;
using static TorchSharp.torch;

namespace Corpus
{
    [Momentum(0.85), Steps(5000)] // expect: SDL0021
    [Cosine(EndValue = 1.0)]
    public partial class MomentumRamp { }

    public sealed class MomentumTrainer
    {
        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.1, momentum: MomentumRamp.BaseValue);
            var momentum = new MomentumRamp();
            foreach (var batch in loader)
            {
                optimizer.zero_grad();
                Losses.Of(model, batch).backward();
                optimizer.step();
                SetMomentum(optimizer, momentum.CurrentValue);
                momentum.Advance();
            }
        }

        private static void SetMomentum(optim.Optimizer optimizer, double momentum) { }
    }
}
