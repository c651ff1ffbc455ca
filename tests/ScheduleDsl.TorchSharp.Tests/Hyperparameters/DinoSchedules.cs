namespace ScheduleDsl.TorchSharp.Tests.Hyperparameters
{
    /// <summary>The driver tests' schedules as a user declares them (the generated classes), over the fixtures' 20 steps; the tests
    /// compare what they apply with the closed forms written in the tests.</summary>
    internal sealed partial class DinoSchedules
    {
        /// <summary>DINO's weight decay: cosine from 0.04 to 0.4.</summary>
        [WeightDecay(0.04), Steps(20)]
        [Cosine(EndValue = 0.4)]
        public sealed partial class WeightDecaySchedule { }

        /// <summary>DINO's teacher momentum: cosine from 0.996 to 1.</summary>
        [EmaDecay(0.996), Steps(20)]
        [Cosine(EndValue = 1.0)]
        public sealed partial class TeacherMomentum { }

        /// <summary>The teacher momentum over twice the steps: another definition, so another fingerprint.</summary>
        [EmaDecay(0.996), Steps(40)]
        [Cosine(EndValue = 1.0)]
        public sealed partial class LongerTeacherMomentum { }

        /// <summary>An optimizer momentum annealed down: cosine from 0.95 to 0.85 over 10 steps, then held.</summary>
        [Momentum(0.95), Steps(10)]
        [Cosine(EndValue = 0.85)]
        public sealed partial class MomentumSchedule { }
    }
}
