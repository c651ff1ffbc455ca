using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp.Tests.Hyperparameters
{
    /// <summary>DINO's recipe in small: a warmup-cosine rate, a cosine weight decay 0.04 to 0.4, a teacher EMA momentum 0.996 to 1,
    /// and optimizers whose groups carry their own weight decay, read back through TorchSharp's own fields.</summary>
    internal static class HyperparameterFixtures
    {
        public const long Steps = 20;

        /// <summary>Every TorchSharp optimizer with a weight_decay option.</summary>
        public static readonly string[] WeightDecayOptimizers = { "SGD", "Adam", "AdamW", "RMSProp", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam", "ASGD" };

        public static ScheduleDefinition Rate => ScheduleDefinition.Create(0.1, TimeUnit.Steps, Steps, new WarmupPhase(5), new CosineShape());

        /// <summary>DINO's weight decay (0.04 to 0.4 over <see cref="Steps"/>), the generated class.</summary>
        public static DinoSchedules.WeightDecaySchedule WeightDecay() => new();

        /// <summary>DINO's teacher momentum (0.996 to 1 over <see cref="Steps"/>), the generated class.</summary>
        public static DinoSchedules.TeacherMomentum Ema() => new();

        /// <summary>An optimizer momentum from 0.95 to 0.85 over 10 steps, the generated class.</summary>
        public static DinoSchedules.MomentumSchedule Momentum() => new();

        /// <summary>The teacher momentum as the test-only closed form, for what a generated class cannot be made to do: refuse a
        /// tick past its end, or a state.</summary>
        public static CosineHyperparameter TestOnlyEma(long steps = Steps, bool throwPastEnd = false) =>
            new(HyperparameterKind.EmaDecay, "ema_decay", 0.996, 1.0, steps, throwPastEnd);

        /// <summary>An optimizer momentum from 0.95 to 0.85 over 10 steps, written out.</summary>
        public static double MomentumAt(long t) => 0.85 + (0.95 - 0.85) / 2.0 * (1.0 + Math.Cos(Math.PI * Math.Min(t, 10) / 10.0));

        /// <summary>DINO's teacher momentum, written out: 1 + (0.996 - 1) / 2 * (1 + cos(pi t / T)).</summary>
        public static double DinoTeacherMomentum(double t) => 1.0 + (0.996 - 1.0) / 2.0 * (1.0 + Math.Cos(Math.PI * Math.Min(t, Steps) / Steps));

        /// <summary>DINO's cosine weight decay, written out: 0.4 + (0.04 - 0.4) / 2 * (1 + cos(pi t / T)).</summary>
        public static double DinoWeightDecay(long t) => 0.4 + (0.04 - 0.4) / 2.0 * (1.0 + Math.Cos(Math.PI * Math.Min(t, Steps) / Steps));

        /// <summary>The optimizer <paramref name="name"/> over <paramref name="model"/> with one group per weight decay (parameters
        /// dealt round-robin), every group at rate 0.1 (SGD and RMSProp with momentum 0.9).</summary>
        public static optim.Optimizer Optimizer(string name, nn.Module model, params double[] weightDecays)
        {
            Parameter[] all = model.parameters().ToArray();
            Parameter[] Part(int g) => all.Where((_, i) => i % weightDecays.Length == g).ToArray();
            var groups = Enumerable.Range(0, weightDecays.Length);
            return name switch
            {
                "SGD" => optim.SGD(groups.Select(g => new SGD.ParamGroup(Part(g), new SGD.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1, momentum: 0.9),
                "Adam" => optim.Adam(groups.Select(g => new Adam.ParamGroup(Part(g), new Adam.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                "AdamW" => optim.AdamW(groups.Select(g => new AdamW.ParamGroup(Part(g), new AdamW.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                "RMSProp" => optim.RMSProp(groups.Select(g => new RMSProp.ParamGroup(Part(g), new RMSProp.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1, momentum: 0.9),
                "Adagrad" => optim.Adagrad(groups.Select(g => new Adagrad.ParamGroup(Part(g), new Adagrad.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                "Adadelta" => optim.Adadelta(groups.Select(g => new Adadelta.ParamGroup(Part(g), new Adadelta.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                "Adamax" => optim.Adamax(groups.Select(g => new Adamax.ParamGroup(Part(g), new Adamax.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                "NAdam" => optim.NAdam(groups.Select(g => new NAdam.ParamGroup(Part(g), new NAdam.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                "RAdam" => optim.RAdam(groups.Select(g => new RAdam.ParamGroup(Part(g), new RAdam.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                "ASGD" => optim.ASGD(groups.Select(g => new ASGD.ParamGroup(Part(g), new ASGD.Options { LearningRate = 0.1, weight_decay = weightDecays[g] })), 0.1),
                _ => throw new ArgumentException(name),
            };
        }

        /// <summary>Each group's weight_decay, read from TorchSharp's own field (by reflection: every optimizer declares its own).</summary>
        public static double[] WeightDecays(optim.Optimizer optimizer) =>
            optimizer.ParamGroups.Cast<global::TorchSharp.Modules.ParamGroup>()
                .Select(g => (double?)g.Options.GetType().GetField("weight_decay")!.GetValue(g.Options) ?? double.NaN).ToArray();
    }
}
