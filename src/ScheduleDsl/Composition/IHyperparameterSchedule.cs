namespace ScheduleDsl.Composition
{
    /// <summary>Which training hyperparameter a schedule drives; decides which analyzer rules apply and what the
    /// TorchSharp driver writes (weight decay and momentum into the optimizer, others are read by the loop).</summary>
    public enum HyperparameterKind
    {
        /// <summary>The learning rate (<c>[LearningRate]</c>).</summary>
        LearningRate,
        /// <summary>Weight decay (<c>weight_decay</c>), at least 0.</summary>
        WeightDecay,
        /// <summary>Optimizer momentum (SGD/RMSProp <c>momentum</c>, Adam's beta1), within [0, 1].</summary>
        Momentum,
        /// <summary>Decay of an exponential moving average (a teacher's EMA momentum), within [0, 1].</summary>
        EmaDecay,
        /// <summary>A softmax or distillation temperature, greater than 0.</summary>
        Temperature,
        /// <summary>Any other scalar (loss weight, dropout, teacher-forcing ratio), named by the user.</summary>
        Other,
    }

    /// <summary>A schedule of one scalar hyperparameter: implemented by generated classes declared with a hyperparameter
    /// marker (<c>[WeightDecay]</c>, <c>[Momentum]</c>, <c>[EmaDecay]</c>, <c>[Temperature]</c>, <c>[Hyperparameter]</c>) and
    /// by the runtime <see cref="Schedule"/>. Every member is allocation-free.</summary>
    public interface IHyperparameterSchedule
    {
        /// <summary>What the schedule drives.</summary>
        HyperparameterKind Kind { get; }

        /// <summary>Name for logs and checkpoints (<c>lr</c>, <c>weight_decay</c>, <c>momentum</c>, <c>ema_decay</c>,
        /// <c>temperature</c>, or the declared name).</summary>
        string Name { get; }

        /// <summary>Declared value (the base the schedule's factors scale).</summary>
        double BaseValue { get; }

        /// <summary>Value now: <see cref="BaseValue"/> x <see cref="CurrentFactor"/>.</summary>
        double CurrentValue { get; }

        /// <summary>Factor of the declared value now (the driver scales each param group's own initial value by it).</summary>
        double CurrentFactor { get; }

        /// <summary>Ticks taken so far.</summary>
        long CurrentStep { get; }

        /// <summary>Fingerprint of the schedule's definition.</summary>
        ulong Fingerprint { get; }

        /// <summary>Moves one tick forward.</summary>
        void Advance();

        /// <summary>Moves to tick <paramref name="step"/>.</summary>
        void Seek(long step);

        /// <summary>Moves to any (fractional) <paramref name="time"/> in the declared unit.</summary>
        void SetTime(double time);

        /// <summary>Position (and plateau state), tagged with the fingerprint.</summary>
        ScheduleState SaveState();

        /// <summary>Resumes from <paramref name="state"/>; refuses a state of another definition.</summary>
        void RestoreState(ScheduleState state);
    }
}
