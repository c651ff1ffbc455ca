using System;

namespace ScheduleDsl.Benchmarks.PerStep
{
    /// <summary>Shared shape of every per-step schedule: ImageNet-like proportions (90 "epochs", warmup 5,
    /// decay x0.1 every 30) scaled to steps so long that no benchmark run passes the horizon: every
    /// implementation computes a live rate at every step and TorchSharp's OneCycleLR (which throws past
    /// its total steps) never ends.</summary>
    internal static class Shape
    {
        public const long Epoch = 20_000_000;
        public const long Horizon = 90 * Epoch;
        public const long StepSize = 30 * Epoch;
        public const long WarmupLength = 5 * Epoch;
        public const double Peak = 0.1;
        public const double Gamma = 0.1;
        public const double MinLr = 0.001;
        public const double WarmupStart = 0.01;
        /// <summary>Decay of the combined schedule: 0.1 on top of the cosine would end below 1e-4 (SDL0008).</summary>
        public const double CombinedGamma = 0.5;

        /// <summary>Batches per "epoch" of the plateau benchmark: one metric report per this many steps.</summary>
        public const int BatchesPerEpoch = 100;
        public const int PlateauPatience = 5;

        /// <summary>The three-phase SequentialLR runs on its own short time line, replayed from step 0 whenever a contender
        /// reaches its end: each phase costs something else (a constant, <c>Math.Pow</c> with a fractional exponent, a step
        /// decay), so every contender must spend the same share of its steps in each, whatever its speed. 90 "epochs" of
        /// 100 steps (one invocation each): a constant factor for 5, an exponential decay for 25, then step decay every 30.</summary>
        public const long SequentialHorizon = 90 * BatchesPerEpoch;
        public const long FirstMilestone = 5 * BatchesPerEpoch;
        public const long SecondMilestone = 30 * BatchesPerEpoch;
        public const long SequentialStepSize = 30 * BatchesPerEpoch;
        public const double PhaseFactor = 0.1;
        /// <summary>Per-step gamma of the exponential phase: x0.1 over its 25 "epochs" (0.1^(1/2500)).</summary>
        public const double PhaseGamma = 0.9990793899844618;
        public const double PlateauFactor = 0.5;

        /// <summary>DINO's weight decay (0.04 -> 0.4) and teacher momentum (0.996 -> 1).</summary>
        public const double WeightDecay = 0.04;
        public const double WeightDecayEnd = 0.4;
        public const double EmaDecay = 0.996;
    }

    [LearningRate(Shape.Peak), Steps(Shape.Horizon)]
    [StepDecay(Shape.StepSize, Shape.Gamma)]
    public partial class StepDecaySchedule { }

    [LearningRate(Shape.Peak), Steps(Shape.Horizon)]
    [Cosine(MinLr = Shape.MinLr)]
    public partial class CosineSchedule { }

    [LearningRate(Shape.Peak), Steps(Shape.Horizon)]
    [Warmup(Shape.WarmupLength, StartFactor = Shape.WarmupStart)]
    [Cosine(MinLr = Shape.MinLr)]
    [StepDecay(Shape.StepSize, Shape.CombinedGamma)]
    public partial class WarmupCosineStepSchedule { }

    [LearningRate(Shape.Peak), Steps(Shape.Horizon)]
    [OneCycle]
    public partial class OneCycleSchedule { }

    // PyTorch SequentialLR([ConstantLR, ExponentialLR, StepLR], milestones=[FirstMilestone, SecondMilestone]).
    [LearningRate(Shape.Peak), Steps(Shape.SequentialHorizon)]
    [ConstantFactor(Shape.PhaseFactor, TotalIters = Shape.FirstMilestone, Until = Shape.FirstMilestone)]
    [Exponential(Shape.PhaseGamma, From = Shape.FirstMilestone, Until = Shape.SecondMilestone)]
    [StepDecay(Shape.SequentialStepSize, Shape.Gamma, From = Shape.SecondMilestone)]
    public partial class SequentialSchedule { }

    [LearningRate(Shape.Peak), Steps]
    [ReduceOnPlateau(Patience = Shape.PlateauPatience, Factor = Shape.PlateauFactor)]
    public partial class PlateauSchedule { }

    // DINO's three schedules (issue 15): warmup-cosine rate, weight decay 0.04 -> 0.4, teacher EMA momentum 0.996 -> 1.
    [LearningRate(Shape.Peak), Steps(Shape.Horizon)]
    [Warmup(Shape.WarmupLength)]
    [Cosine(MinLr = Shape.MinLr)]
    public partial class DinoRateSchedule { }

    [WeightDecay(Shape.WeightDecay), Steps(Shape.Horizon)]
    [Cosine(EndValue = Shape.WeightDecayEnd)]
    public partial class DinoWeightDecaySchedule { }

    [EmaDecay(Shape.EmaDecay), Steps(Shape.Horizon)]
    [Cosine(EndValue = 1.0)]
    public partial class DinoTeacherMomentumSchedule { }

    /// <summary>The floor: each schedule's closed form written inline, as a user would without any library
    /// (same formulas as the core's families, PyTorch's conventions). Also the reference the benchmark setup
    /// checks the generated schedules against, so the contenders are known to compute the same rates.</summary>
    internal static class HandWritten
    {
        public static double StepDecay(long step) => Shape.Peak * Math.Pow(Shape.Gamma, Math.Floor(Clamp(step) / (double)Shape.StepSize));

        public static double Cosine(long step) => CosineRate(Clamp(step), Shape.Horizon);

        public static double WarmupCosineStep(long step)
        {
            double t = Clamp(step);
            if (t < Shape.WarmupLength)
                return Shape.Peak * (Shape.WarmupStart + (1.0 - Shape.WarmupStart) * t / Shape.WarmupLength);
            double s = t - Shape.WarmupLength;
            return CosineRate(s, Shape.Horizon - Shape.WarmupLength) * Math.Pow(Shape.CombinedGamma, Math.Floor(s / Shape.StepSize));
        }

        public static double Sequential(long step)
        {
            double t = Math.Min(step, Shape.SequentialHorizon);
            if (t < Shape.FirstMilestone) return Shape.Peak * Shape.PhaseFactor;
            if (t < Shape.SecondMilestone) return Shape.Peak * Math.Pow(Shape.PhaseGamma, t - Shape.FirstMilestone);
            return Shape.Peak * Math.Pow(Shape.Gamma, Math.Floor((t - Shape.SecondMilestone) / Shape.SequentialStepSize));
        }

        /// <summary>PyTorch's OneCycleLR (cos anneal, pct_start 0.3, div 25, final div 1e4): the rate and the
        /// momentum (cycled between 0.85 and 0.95).</summary>
        public static double OneCycle(long step, out double momentum)
        {
            const double initial = Shape.Peak / 25.0, final = initial / 1e4;
            double t = Clamp(step);
            double rampEnd = 0.3 * Shape.Horizon - 1.0, end = Shape.Horizon - 1.0;
            if (t <= rampEnd)
            {
                double p = t / rampEnd;
                momentum = Anneal(0.95, 0.85, p);
                return Anneal(initial, Shape.Peak, p);
            }
            double q = Math.Min((t - rampEnd) / (end - rampEnd), 1.0);
            momentum = Anneal(0.85, 0.95, q);
            return Anneal(Shape.Peak, final, q);
        }

        /// <summary>DINO: a linear warmup from 0, then a cosine to the minimum.</summary>
        public static double DinoRate(long step)
        {
            double t = Clamp(step);
            return t < Shape.WarmupLength ? Shape.Peak * t / Shape.WarmupLength : CosineRate(t - Shape.WarmupLength, Shape.Horizon - Shape.WarmupLength);
        }

        /// <summary>DINO's cosine_scheduler from <paramref name="start"/> to <paramref name="end"/> over the horizon.</summary>
        public static double DinoCosine(long step, double start, double end) => Anneal(start, end, Clamp(step) / Shape.Horizon);

        private static double CosineRate(double t, double period) =>
            Shape.MinLr + (Shape.Peak - Shape.MinLr) * (1.0 + Math.Cos(Math.PI * t / period)) / 2.0;

        private static double Anneal(double start, double end, double p) => end + (start - end) / 2.0 * (Math.Cos(Math.PI * p) + 1.0);

        private static double Clamp(long step) => Math.Min(step, Shape.Horizon);
    }

    /// <summary>Hand-written reduce-on-plateau (PyTorch's rule: mode min, relative threshold 1e-4, eps 1e-8).</summary>
    internal struct HandWrittenPlateau
    {
        private double _best;
        private int _bad;

        public HandWrittenPlateau(double rate)
        {
            Rate = rate;
            _best = double.PositiveInfinity;
            _bad = 0;
        }

        public double Rate { get; private set; }

        public void Report(double metric)
        {
            if (metric < _best * (1.0 - 1e-4)) { _best = metric; _bad = 0; }
            else _bad++;
            if (_bad <= Shape.PlateauPatience) return;
            double reduced = Rate * Shape.PlateauFactor;
            if (Rate - reduced > 1e-8) Rate = reduced;
            _bad = 0;
        }
    }

    /// <summary>Validation losses for the plateau benchmarks: 16 improving epochs, then 16 flat ones, repeated.</summary>
    internal static class Metrics
    {
        public static readonly double[] Losses = Build();

        private static double[] Build()
        {
            var losses = new double[32];
            for (int e = 0; e < losses.Length; e++) losses[e] = 1.0 / (1.0 + 0.05 * Math.Min(e, 15));
            return losses;
        }
    }
}
