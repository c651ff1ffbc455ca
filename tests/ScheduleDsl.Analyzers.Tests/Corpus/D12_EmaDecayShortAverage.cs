// SDL0021: an EMA decay of 0.8 averages over about 5 updates (a teacher's is 0.99-0.9999; 0.8 was meant as 0.998?).
using ScheduleDsl;
using static TorchSharp.torch;

namespace Corpus
{
    [EmaDecay(0.8), Epochs(50)] // expect: SDL0021
    [Cosine(EndValue = 1.0)]
    public partial class ShortAverageTeacher { }

    public sealed class MeanTeacher
    {
        public void Train(nn.Module<Tensor, Tensor> student, nn.Module<Tensor, Tensor> teacher, DataLoader loader)
        {
            var optimizer = optim.SGD(student.parameters(), 0.01, momentum: 0.9);
            var decay = new ShortAverageTeacher(loader.Count);
            for (int epoch = 0; epoch < 50; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(student, batch).backward();
                    optimizer.step();
                    Blend(teacher, student, decay.CurrentValue);
                    decay.Advance();
                }
            }
        }

        private static void Blend(nn.Module<Tensor, Tensor> teacher, nn.Module<Tensor, Tensor> student, double decay) { }
    }
}
