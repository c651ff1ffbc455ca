using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.TorchSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScheduleDsl.Samples.Training
{
    /// <summary>DINO's schedules (Caron et al. 2021) on the spiral network: AdamW with a warmup-cosine rate, a weight decay
    /// annealed by a cosine from 0.04 to 0.4, and a teacher, the exponential moving average of the student
    /// (<c>teacher = m * teacher + (1 - m) * student</c> after every step), whose momentum m rises from 0.996 to 1 along a cosine.
    /// The student learns the labels (no self-distillation loss: the spirals are labelled); the teacher is evaluated beside it.
    /// All three schedules are declared here: the rate on the class, the other two as nested schedule classes.</summary>
    [LearningRate(0.01), Epochs(30)]
    [Warmup(3)]
    [Cosine(MinLr = 1e-4)]
    public sealed partial class DinoStyleTrainer : SpiralTrainerBase
    {
        /// <summary>DINO's <c>wd_schedule</c>: cosine from 0.04 to 0.4 over training, per batch.</summary>
        [WeightDecay(0.04), Epochs(30)]
        [Cosine(EndValue = 0.4)]
        public sealed partial class WeightDecaySchedule { }

        /// <summary>DINO's <c>momentum_schedule</c> of the teacher: cosine from 0.996 to 1 over training, per batch.</summary>
        [EmaDecay(0.996), Epochs(30)]
        [Cosine(EndValue = 1.0)]
        public sealed partial class TeacherMomentum { }

        public DinoStyleTrainer(SpiralData data, int batchSize) : base(data, batchSize) { }

        /// <summary>Epochs to train: the horizon declared above.</summary>
        public static int EpochCount => (int)LearningRateSchedule.Horizon;

        /// <summary>Trains a fresh student and its teacher; records, per batch, the rate, the decayed group's weight decay and the
        /// teacher momentum the run applied (read back from the optimizer's groups and from the schedule the update used).</summary>
        public DinoRun Train(int seed, Action<DinoEpoch>? onEpoch = null)
        {
            using Sequential student = CreateModel(seed);
            using Sequential teacher = CreateModel(seed); // the same initial weights
            foreach (Parameter p in teacher.parameters()) p.requires_grad = false;

            // DINO's two groups: weights decayed, biases (and norms) not.
            Parameter[] weights = student.parameters().Where(p => p.dim() > 1).ToArray();
            Parameter[] biases = student.parameters().Where(p => p.dim() <= 1).ToArray();
            using AdamW optimizer = optim.AdamW(new[]
            {
                new AdamW.ParamGroup(weights, new AdamW.Options { LearningRate = LearningRateSchedule.Peak, weight_decay = WeightDecaySchedule.BaseValue }),
                new AdamW.ParamGroup(biases, new AdamW.Options { LearningRate = LearningRateSchedule.Peak, weight_decay = 0.0 }),
            });
            var momentum = new TeacherMomentum(StepsPerEpoch);
            var driver = new ScheduleDriver<LearningRateSchedule>(optimizer, CreateLearningRateSchedule(StepsPerEpoch))
                .ScheduleWeightDecay(new WeightDecaySchedule(StepsPerEpoch))
                .Track(momentum);

            var applied = new List<DinoStep>();
            var groups = optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToArray();
            Parameter[] studentParameters = student.parameters().ToArray();
            Parameter[] teacherParameters = teacher.parameters().ToArray();
            using var lossFunction = nn.CrossEntropyLoss();
            var epochs = new List<DinoEpoch>();
            Run(student, optimizer, driver, EpochCount, seed, epoch =>
            {
                var (teacherLoss, teacherAccuracy) = Evaluate(teacher, lossFunction);
                DinoStep last = applied[applied.Count - 1];
                var result = new DinoEpoch(epoch.Epoch, epoch.TrainingLoss, epoch.ValidationAccuracy, teacherAccuracy, last.Rate, last.WeightDecay, last.TeacherMomentum);
                epochs.Add(result);
                onEpoch?.Invoke(result);
            },
            afterOptimizerStep: () =>
            {
                // The step just taken ran with these values; the teacher follows with this tick's momentum.
                double m = momentum.CurrentValue;
                applied.Add(new DinoStep(groups[0].LearningRate, groups[0].Options.weight_decay!.Value, groups[1].Options.weight_decay!.Value, m));
                using var noGrad = no_grad();
                for (int i = 0; i < studentParameters.Length; i++)
                    teacherParameters[i].mul_(m).add_(studentParameters[i].detach(), alpha: 1.0 - m);
            });
            return new DinoRun(epochs, applied);
        }
    }

    /// <summary>One finished epoch of the DINO-style run.</summary>
    public readonly record struct DinoEpoch(int Epoch, double TrainingLoss, double StudentAccuracy, double TeacherAccuracy,
        double LearningRate, double WeightDecay, double TeacherMomentum);

    /// <summary>What one step ran with: the rate and weight decay of the decayed group, the no-decay group's weight decay, and
    /// the teacher's momentum.</summary>
    public readonly record struct DinoStep(double Rate, double WeightDecay, double NoDecayWeightDecay, double TeacherMomentum);

    /// <summary>A DINO-style run: per epoch, and the values applied at every step.</summary>
    public sealed record DinoRun(IReadOnlyList<DinoEpoch> Epochs, IReadOnlyList<DinoStep> Applied)
    {
        public DinoEpoch Final => Epochs[Epochs.Count - 1];
    }
}
