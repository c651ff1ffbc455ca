using System;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Composition
{
    /// <summary>A schedule stepped through training: the runtime counterpart of a generated schedule
    /// class, for definitions built in code. Allocation-free per step.
    /// <para>A tick is one unit of the declared time, or one batch when an epoch schedule is given
    /// <c>stepsPerEpoch</c> (then continuous shapes see fractional epochs and step-wise decays change
    /// at epoch boundaries).</para></summary>
    public sealed class Schedule : IPlateauSchedule
    {
        private PlateauState _plateau;

        /// <summary>Compiles <paramref name="definition"/> (throwing on a broken rule).</summary>
        /// <param name="definition">The schedule.</param>
        /// <param name="stepsPerEpoch">Batches per epoch, to tick per batch an epoch schedule; null ticks per declared unit.</param>
        public Schedule(ScheduleDefinition definition, int? stepsPerEpoch = null)
        {
            Compiled = definition.Compile();
            if (stepsPerEpoch is int spe)
            {
                if (definition.Unit != TimeUnit.Epochs)
                    throw new ArgumentException(
                        $"stepsPerEpoch = {spe}: only a schedule declared in epochs can be ticked per batch; this one is declared in steps.", nameof(stepsPerEpoch));
                if (spe < 1)
                    throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), spe, $"stepsPerEpoch = {spe}: must be at least 1.");
            }
            StepsPerEpoch = stepsPerEpoch;
            _plateau = PlateauState.Initial(Compiled.Plateau?.Mode ?? PlateauMode.Min);
        }

        /// <summary>The compiled definition.</summary>
        public CompiledSchedule Compiled { get; }

        /// <summary>Batches per epoch when ticking an epoch schedule per batch.</summary>
        public int? StepsPerEpoch { get; }

        /// <summary>Ticks taken so far.</summary>
        public long CurrentStep { get; private set; }

        /// <summary>Time in the declared unit at <see cref="CurrentStep"/>.</summary>
        public double CurrentTime => TimeOf(CurrentStep);

        /// <summary>Factor of the peak now (plateau reduction and floor included).</summary>
        public double CurrentFactor => FactorAtStep(CurrentStep);

        /// <summary>Rate of the peak group now.</summary>
        public double CurrentRate => Compiled.PeakRate * CurrentFactor;

        /// <summary>Plateau scale so far (1 when no reduction happened).</summary>
        public double PlateauScale => _plateau.Scale;

        /// <summary>Declared time at tick <paramref name="step"/>.</summary>
        public double TimeOf(long step) => StepsPerEpoch is int spe ? (double)step / spe : step;

        /// <summary>Factor at tick <paramref name="step"/> with the current plateau scale.</summary>
        public double FactorAtStep(long step) => Compiled.FactorAt(TimeOf(step), _plateau.Scale);

        /// <summary>Rate of a parameter group whose own base (peak) rate is <paramref name="baseRate"/>, now.</summary>
        public double GroupRate(double baseRate) => baseRate * CurrentFactor;

        /// <inheritdoc/>
        public double PeakRate => Compiled.PeakRate;

        /// <inheritdoc/>
        public ulong Fingerprint => Compiled.Fingerprint;

        /// <inheritdoc/>
        public bool CyclesMomentum => Compiled.CyclesMomentum;

        /// <inheritdoc/>
        public double CurrentMomentum(double baseMomentum, double maxMomentum) => Compiled.Momentum(CurrentTime, baseMomentum, maxMomentum);

        /// <inheritdoc/>
        public double CurrentFactorAndMomentum(double baseMomentum, double maxMomentum, out double momentum) =>
            Compiled.FactorAt(CurrentTime, _plateau.Scale, baseMomentum, maxMomentum, out momentum);

        /// <inheritdoc/>
        public void Advance()
        {
            if (Compiled.Definition.PastHorizon == PastHorizonPolicy.Throw)
                CompositionSteps.EnsureWithinHorizon(TimeOf(CurrentStep + 1), Compiled.Horizon);
            CurrentStep++;
        }

        /// <summary>Feeds a metric to plateau reduction; returns whether the rate was reduced.</summary>
        public bool ReportMetric(double metric)
        {
            if (Compiled.Plateau is not PlateauSettings settings)
                throw new InvalidOperationException("ReportMetric needs [ReduceOnPlateau] in the schedule definition.");
            return _plateau.Report(metric, Compiled.ShapeFactorAt(CurrentTime), settings);
        }

        /// <summary>The position and plateau state, tagged with the definition's fingerprint.</summary>
        public ScheduleState SaveState() => new(Compiled.Fingerprint, CurrentStep, _plateau);

        /// <summary>Resumes from <paramref name="state"/>; refuses a state saved from another definition.</summary>
        public void RestoreState(ScheduleState state)
        {
            state.EnsureFingerprint(Compiled.Fingerprint);
            CurrentStep = state.Step;
            _plateau = state.Plateau;
        }

        /// <inheritdoc/>
        public override string ToString() => Compiled.Definition.Canonical;
    }
}
