// Known limit of SDL0015: a plateau schedule received as IPlateauSchedule; whether its definition has a plateau is unknown.
using ScheduleDsl.Composition;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed class Trainer
    {
        public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train, optim.Optimizer optimizer, IPlateauSchedule schedule)
        {
            for (int epoch = 0; epoch < 60; epoch++)
            {
                foreach (var batch in train)
                {
                    optimizer.zero_grad();
                    Losses.Of(model, batch).backward();
                    optimizer.step();
                }
                schedule.Advance(); // miss: SDL0015
            }
        }
    }

    public static class Run
    {
        public static void Main(nn.Module<Tensor, Tensor> model, DataLoader train) =>
            new Trainer().Fit(model, train, optim.SGD(model.parameters(), 0.05), new PlateauSchedule());
    }
}
