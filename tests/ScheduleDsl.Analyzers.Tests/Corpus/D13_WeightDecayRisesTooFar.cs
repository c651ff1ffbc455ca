// SDL0021: a weight decay annealed to 4 (DINO's 0.4 with a slipped decimal point).
using ScheduleDsl;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed partial class SelfSupervised
    {
        [WeightDecay(0.04), Epochs(100)] // expect: SDL0021
        [Cosine(EndValue = 4)]
        public partial class Decay { }

        public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader)
        {
            var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9);
            var decay = new Decay();
            for (int epoch = 0; epoch < 100; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    (Losses.Of(model, batch) + decay.CurrentValue * L2(model)).backward();
                    optimizer.step();
                }
                decay.Advance();
            }
        }

        private static Tensor L2(nn.Module<Tensor, Tensor> model) => tensor(0.0);
    }
}
