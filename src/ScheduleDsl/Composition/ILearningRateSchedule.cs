namespace ScheduleDsl.Composition
{
    /// <summary>What a training loop needs from a schedule: implemented by generated schedule classes and
    /// by <see cref="Schedule"/>, consumed by the TorchSharp adapter. Every member is allocation-free.</summary>
    public interface ILearningRateSchedule
    {
        /// <summary>Declared peak rate (the rate of a group whose base rate is the peak).</summary>
        double PeakRate { get; }

        /// <summary>Ticks taken so far.</summary>
        long CurrentStep { get; }

        /// <summary>Factor of each group's base rate now (plateau reduction and floor included).</summary>
        double CurrentFactor { get; }

        /// <summary>Whether the schedule cycles momentum (one-cycle, cyclic), as PyTorch does with <c>cycle_momentum</c>.</summary>
        bool CyclesMomentum { get; }

        /// <summary>Momentum now, cycled between <paramref name="baseMomentum"/> and <paramref name="maxMomentum"/>
        /// inversely to the rate; <paramref name="maxMomentum"/> when the schedule does not cycle momentum.</summary>
        double CurrentMomentum(double baseMomentum, double maxMomentum);

        /// <summary><see cref="CurrentFactor"/> and <see cref="CurrentMomentum"/> in one call, bit for bit the same
        /// values: what a training step needs, with the position in the cycle computed once.</summary>
        double CurrentFactorAndMomentum(double baseMomentum, double maxMomentum, out double momentum);

        /// <summary>Fingerprint of the schedule's definition.</summary>
        ulong Fingerprint { get; }

        /// <summary>Moves one tick forward. Under <c>PastHorizon(Throw)</c>, a tick that would pass the horizon throws
        /// <see cref="System.InvalidOperationException"/> and the schedule stays on the last valid tick.</summary>
        void Advance();

        /// <summary>Position and plateau state, tagged with the fingerprint.</summary>
        ScheduleState SaveState();

        /// <summary>Resumes from <paramref name="state"/>; refuses a state of another definition.</summary>
        void RestoreState(ScheduleState state);
    }

    /// <summary>A schedule that can take reduce-on-plateau metrics (<see cref="ReportMetric"/>). Generated classes implement it only
    /// when <c>[ReduceOnPlateau]</c> is declared; the runtime <see cref="Schedule"/> always does, and refuses a metric without it.</summary>
    public interface IPlateauSchedule : ILearningRateSchedule
    {
        /// <summary>Feeds a metric; returns whether the rate was reduced.</summary>
        bool ReportMetric(double metric);
    }
}
