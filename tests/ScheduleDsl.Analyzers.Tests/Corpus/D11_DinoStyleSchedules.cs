// Clean: DINO's three schedules on one training class (issue 15): the rate through the driver, the weight decay and
// the teacher's EMA decay read as values each step; a rising cosine is what the weight decay and the EMA decay mean.
using ScheduleDsl;
using ScheduleDsl.TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    public sealed partial class DinoTrainer
    {
        [LearningRate(5e-4), Epochs(100)] [Warmup(10)] [Cosine(MinLr = 1e-6)]
        public partial class Rate { }

        [WeightDecay(0.04), Epochs(100)] [Cosine(EndValue = 0.4)]
        public partial class WeightDecaySchedule { }

        [EmaDecay(0.996), Epochs(100)] [Cosine(EndValue = 1.0)]
        public partial class TeacherMomentum { }

        public void Train(nn.Module<Tensor, Tensor> student, nn.Module<Tensor, Tensor> teacher, DataLoader loader)
        {
            var optimizer = optim.AdamW(student.parameters(), Rate.Peak, weight_decay: WeightDecaySchedule.BaseValue);
            var driver = ScheduleDriver.Attach(optimizer, new Rate(loader.Count));
            var weightDecay = new WeightDecaySchedule(loader.Count);
            var momentum = new TeacherMomentum(loader.Count);
            for (int epoch = 0; epoch < 100; epoch++)
            {
                foreach (var batch in loader)
                {
                    optimizer.zero_grad();
                    Losses.Of(student, batch).backward();
                    Regularize(student, weightDecay.CurrentValue);
                    optimizer.step();
                    UpdateTeacher(teacher, student, momentum.CurrentValue);
                    driver.Step();
                    weightDecay.Advance();
                    momentum.Advance();
                }
            }
        }

        private static void Regularize(nn.Module<Tensor, Tensor> model, double weightDecay) { }

        private static void UpdateTeacher(nn.Module<Tensor, Tensor> teacher, nn.Module<Tensor, Tensor> student, double decay) { }
    }
}
