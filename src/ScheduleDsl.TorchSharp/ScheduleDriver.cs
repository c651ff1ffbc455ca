using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>Drives a TorchSharp optimizer with a schedule: every parameter group's rate is its own
    /// base rate times the schedule's factor, as PyTorch's schedulers keep <c>initial_lr</c> per group. Under
    /// <see cref="MinimumScaling.Absolute"/> each group is evaluated with its own base rate (PyTorch's <c>eta_min</c> for every
    /// group); a <see cref="Composition.Schedule"/> built with <c>groups</c> gives each group its own values (PyTorch's lists).
    /// <para>Loop order, as in PyTorch: <c>optimizer.step()</c>, then <see cref="Step"/>. Nothing is
    /// allocated per step: the groups are looked up once, when the driver is attached.</para>
    /// <para>Other hyperparameters ride along (<c>ScheduleDriver.Hyperparameters.cs</c>): a weight decay and a momentum schedule
    /// written into the groups, and tracked scalars (an EMA decay, a temperature) the loop reads itself; every one is advanced,
    /// moved, saved and logged with the rate.</para></summary>
    /// <typeparam name="TSchedule">A generated schedule or the core's <see cref="Schedule"/>. A struct schedule is
    /// held (and stepped) inside the driver; <see cref="Schedule"/> then returns a copy.</typeparam>
    public sealed partial class ScheduleDriver<TSchedule> where TSchedule : ILearningRateSchedule
    {
        private readonly ILearningRateController[] _groups;
        private readonly GroupOptions[] _options; // each group's weight decay and momentum
        private readonly double[] _baseRates;
        private readonly bool _cyclesMomentum; // MomentumCycling unpacked: a plain bool and struct on the per-step path
        // Each group evaluated with its own base rate (absolute minimums) or its own values (a Schedule built with groups).
        private readonly bool _perGroup;
        private readonly Schedule? _grouped;
        private readonly double[] _factors;
        private readonly MomentumRange _momentumRange;
        private TSchedule _schedule; // not readonly: a struct schedule must be stepped in place
        private TensorBoardLog? _log; // null when not logging: one null check per step

        /// <summary>Attaches <paramref name="schedule"/> to <paramref name="optimizer"/> and sets every group's
        /// rate to its base rate times the schedule's current factor.</summary>
        /// <param name="optimizer">Any TorchSharp optimizer with at least one parameter group.</param>
        /// <param name="schedule">The schedule; it may already be past step 0 (e.g. restored).</param>
        /// <param name="cycleMomentum">Momentum range to cycle inversely to the rate (one-cycle and cyclic
        /// schedules only, as PyTorch's <c>cycle_momentum</c>); null leaves momentum alone.</param>
        /// <param name="baseRates">One base rate per group; null takes each group's initial rate
        /// (<c>InitialLearningRate</c>, PyTorch's <c>initial_lr</c>), or the groups' base rates of a <see cref="Composition.Schedule"/> built with groups.</param>
        public ScheduleDriver(Optimizer optimizer, TSchedule schedule, MomentumRange? cycleMomentum = null, IReadOnlyList<double>? baseRates = null)
        {
            Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
            if (schedule is null) throw new ArgumentNullException(nameof(schedule));
            _schedule = schedule;
            _groups = optimizer.ParamGroups.ToArray();
            if (_groups.Length == 0)
                throw new ArgumentException(
                    $"optimizer ({optimizer.GetType().Name}) has no parameter groups: a schedule sets rates per group, so give the optimizer its parameters first.",
                    nameof(optimizer));

            _baseRates = new double[_groups.Length];
            _factors = new double[_groups.Length];
            if (schedule is Schedule { GroupCount: > 0 } grouped)
            {
                if (grouped.GroupCount != _groups.Length)
                    throw new ArgumentException(
                        $"schedule was built with {grouped.GroupCount} parameter groups but the optimizer has {_groups.Length}: give one ParamGroup per group.",
                        nameof(schedule));
                if (baseRates is not null)
                    throw new ArgumentException(
                        "baseRates: the schedule was built with groups, which carry the base rates; give them there only.", nameof(baseRates));
                baseRates = Enumerable.Range(0, grouped.GroupCount).Select(grouped.GroupBaseRate).ToArray();
                _grouped = grouped;
            }
            _perGroup = _grouped is not null || schedule.Minimums == MinimumScaling.Absolute;
            if (baseRates is not null && baseRates.Count != _groups.Length)
                throw new ArgumentException(
                    $"baseRates has {baseRates.Count} rates but the optimizer has {_groups.Length} parameter groups: give one base rate per group.",
                    nameof(baseRates));
            for (int i = 0; i < _groups.Length; i++)
            {
                double rate = baseRates?[i] ?? _groups[i].InitialLearningRate;
                if (!(rate >= 0.0) || double.IsInfinity(rate))
                    throw new ArgumentOutOfRangeException(nameof(baseRates), rate,
                        $"base rate of group {i} = {Numbers.Format(rate)}: must be a finite number >= 0.");
                _baseRates[i] = rate;
                _groups[i].InitialLearningRate = rate; // like PyTorch's initial_lr, so other schedulers and checkpoints agree
            }

            _options = GroupOptions.Of(_groups);
            if (cycleMomentum is MomentumRange range)
            {
                if (!schedule.CyclesMomentum)
                    throw new ArgumentException(
                        $"cycleMomentum = {range}: only one-cycle and cyclic schedules cycle momentum; {Describe(schedule)} does not.",
                        nameof(cycleMomentum));
                for (int i = 0; i < _groups.Length; i++)
                {
                    if (!_options[i].HasMomentum)
                        throw new ArgumentException(
                            $"cycleMomentum = {range}: parameter group {i} of {optimizer.GetType().Name} has neither momentum nor betas; " +
                            "momentum cycling needs SGD, RMSProp or an Adam-family optimizer (as PyTorch's cycle_momentum).",
                            nameof(cycleMomentum));
                }
                _cyclesMomentum = true;
                _momentumRange = range;
            }
            Apply();
        }

        /// <summary>The optimizer driven.</summary>
        public Optimizer Optimizer { get; }

        /// <summary>The schedule (a copy when it is a struct).</summary>
        public TSchedule Schedule => _schedule;

        /// <summary>Each group's base rate (the rate at factor 1).</summary>
        public IReadOnlyList<double> BaseRates => _baseRates;

        /// <summary>Number of parameter groups driven.</summary>
        public int GroupCount => _groups.Length;

        /// <summary>The momentum range cycled, or null.</summary>
        public MomentumRange? MomentumCycling => _cyclesMomentum ? _momentumRange : null;

        /// <summary>Ticks taken so far.</summary>
        public long CurrentStep => _schedule.CurrentStep;

        /// <summary>The schedule's factor now.</summary>
        public double CurrentFactor => _schedule.CurrentFactor;

        /// <summary>Momentum (or beta1) written to the groups now: cycled (<see cref="MomentumCycling"/>) or scheduled
        /// (<see cref="ScheduleMomentum"/>); null when the driver leaves momentum alone.</summary>
        public double? CurrentMomentum =>
            _cyclesMomentum ? _schedule.CurrentMomentum(_momentumRange.Base, _momentumRange.Max)
            : _momentumSchedule?.CurrentValue;

        /// <summary>Rate of group <paramref name="group"/> now: its base rate times the factor (its own factor under absolute
        /// minimums or per-group values).</summary>
        public double Rate(int group) => _baseRates[group] * GroupFactor(group);

        private double GroupFactor(int group) =>
            _grouped is not null ? _grouped.GroupFactor(group)
            : _perGroup ? _schedule.CurrentGroupFactor(_baseRates[group])
            : _schedule.CurrentFactor;

        /// <summary>Advances the schedule (and every other schedule attached) one tick and writes the rates, the weight decay
        /// and the momentum. Call it after <c>optimizer.step()</c>. Under <c>PastHorizon(Throw)</c> a step past any schedule's
        /// horizon throws <see cref="InvalidOperationException"/> and leaves every schedule and the groups where they were.</summary>
        public void Step()
        {
            EnsureGroupsUnchanged();
            if (_others.Length == 0)
            {
                // The schedule refuses a tick past a PastHorizon(Throw) horizon (or past long.MaxValue) before moving,
                // so nothing to undo here.
                _schedule.Advance();
                Apply();
            }
            else
            {
                // Each schedule refuses its own bad tick before moving, but the ones before it have moved: put them back.
                ScheduleState rate = Snapshot();
                try
                {
                    _schedule.Advance();
                    for (int i = 0; i < _others.Length; i++) _others[i].Advance();
                    Apply();
                }
                catch
                {
                    RollBack(rate);
                    throw;
                }
            }
            _log?.Write(_schedule.CurrentStep);
        }

        /// <summary>Logs to TensorBoard, at once and after every <see cref="Step"/>, named as Lightning's <c>LearningRateMonitor</c>
        /// names them: every group's rate (<c>lr-SGD</c>, or <c>lr-SGD/pg1</c>, <c>lr-SGD/pg2</c>... per group), its momentum or
        /// beta1 when it has one and <paramref name="logMomentum"/> is set (<c>lr-SGD-momentum</c>, <c>lr-SGD/pg1-momentum</c>), its
        /// weight decay when it is scheduled (<c>lr-AdamW-weight_decay</c>, as Lightning's <c>log_weight_decay</c>), and every tracked
        /// schedule under its name (<c>ema_decay</c>). Pass null to stop. Nothing is logged, nor allocated, while no writer is set.</summary>
        /// <param name="writer">From <c>torch.utils.tensorboard.SummaryWriter(logDir)</c>, or null.</param>
        /// <param name="logMomentum">Also log momentum (SGD, RMSProp) or beta1 (Adam family).</param>
        public void LogTo(global::TorchSharp.Modules.SummaryWriter? writer, bool logMomentum = true)
        {
            _logWriter = writer;
            _logMomentum = logMomentum;
            _log = writer is null ? null : new TensorBoardLog(writer, Optimizer, _groups, _options, logMomentum, _weightDecay is not null, _tracked);
            _log?.Write(_schedule.CurrentStep);
        }

        /// <summary>A parameter group added to the optimizer after attach would silently keep its own rate:
        /// refuse to step instead. No allocation: the groups are a list, counted without enumerating.</summary>
        private void EnsureGroupsUnchanged()
        {
            int count = Optimizer.ParamGroups.Count();
            if (count != _groups.Length) ThrowGroupsChanged(count);
        }

        private void ThrowGroupsChanged(int count) =>
            throw new InvalidOperationException(
                $"optimizer ({Optimizer.GetType().Name}) now has {count} parameter groups but the driver was attached with {_groups.Length}: " +
                "a group added after attach would never be scheduled. Attach a new driver after adding groups " +
                "(carry the schedule over with SaveState / LoadState, or give baseRates); nothing was stepped.");

        /// <summary>Feeds a metric (usually the validation loss, once per epoch) to plateau reduction and
        /// writes the rates. A NaN or infinite metric is refused by the core with
        /// <see cref="ArgumentOutOfRangeException"/> (it usually means training diverged) and changes nothing.</summary>
        /// <returns>Whether the rate was reduced.</returns>
        public bool ReportMetric(double metric)
        {
            if (_schedule is not IPlateauSchedule)
                throw new InvalidOperationException(
                    $"ReportMetric: {Describe(_schedule)} has no plateau reduction; declare [ReduceOnPlateau] to feed it a metric.");
            bool reduced;
            if (typeof(TSchedule).IsValueType)
            {
                // Report on a boxed copy and take it back, so the struct's plateau state is kept.
                object boxed = _schedule;
                reduced = ((IPlateauSchedule)boxed).ReportMetric(metric);
                _schedule = (TSchedule)boxed;
            }
            else
            {
                reduced = ((IPlateauSchedule)_schedule).ReportMetric(metric);
            }
            if (reduced) Apply();
            return reduced;
        }

        /// <summary>Moves the schedule (and every other schedule attached) to tick <paramref name="step"/>, keeping the plateau state,
        /// and writes the rates. A step past a <c>PastHorizon(Throw)</c> horizon throws <see cref="ArgumentOutOfRangeException"/>
        /// and changes nothing.</summary>
        public void Seek(long step)
        {
            if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"step = {step}: must be >= 0.");
            ScheduleState now = Snapshot();
            try
            {
                _schedule.RestoreState(new ScheduleState(now.Fingerprint, step, now.Plateau));
                for (int i = 0; i < _others.Length; i++) _others[i].Seek(step);
            }
            catch (ArgumentOutOfRangeException e) // a step past a PastHorizon(Throw) horizon
            {
                RollBack(now);
                int end = e.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
                string rule = end < 0 ? e.Message : e.Message.Substring(0, end);
                throw new ArgumentOutOfRangeException(nameof(step), step, rule.Replace("state step", "step", StringComparison.Ordinal));
            }
            catch
            {
                RollBack(now);
                throw;
            }
            ApplyOrRollBack(now);
        }

        /// <summary>Moves the schedule (and every other schedule attached) to any (fractional) <paramref name="time"/> in the declared
        /// unit (PyTorch's <c>step(epoch)</c>, e.g. <c>CosineAnnealingWarmRestarts.step(1.3)</c>), keeping the plateau state, and writes
        /// the rates; later steps count from there. The other schedules get the same time in their own declared unit: declare them in
        /// the rate's unit. A refused time (negative, non-finite, past a <c>PastHorizon(Throw)</c> horizon) changes nothing.</summary>
        public void SetTime(double time)
        {
            ScheduleState now = Snapshot();
            try
            {
                _schedule.SetTime(time);
                for (int i = 0; i < _others.Length; i++) _others[i].SetTime(time);
            }
            catch
            {
                RollBack(now);
                throw;
            }
            ApplyOrRollBack(now);
        }

        private void ApplyOrRollBack(ScheduleState rate)
        {
            try
            {
                Apply();
            }
            catch (InvalidOperationException)
            {
                RollBack(rate);
                throw;
            }
        }

        /// <summary>The driver's state as text: every schedule's <see cref="ScheduleState"/>, the base rates (and base weight decays)
        /// and a checksum of all of it (the first 16 hex digits of their SHA-256), so a damaged or truncated text is refused.
        /// The format is described in docs/torchsharp.md ("Checkpoints").</summary>
        public string SaveState() =>
            new DriverState(_schedule.SaveState(), (double[])_baseRates.Clone(), _weightDecay?.SaveState(), (double[]?)_baseWeightDecays?.Clone(),
                _momentumSchedule?.SaveState(), Array.ConvertAll(_tracked, t => (t.Name, t.SaveState()))).ToString();

        /// <summary>Resumes from text written by <see cref="SaveState"/>: every schedule's position and plateau state and the base
        /// rates (as PyTorch's scheduler <c>load_state_dict</c>), then writes the rates, the weight decay and the momentum.
        /// All or nothing: everything is checked before anything changes, and a state refused while it is applied
        /// (a value cannot be evaluated) is rolled back. Throws <see cref="FormatException"/> for text that is not
        /// a driver state (or a damaged schedule state, see <see cref="ScheduleState.Parse"/>);
        /// <see cref="ArgumentException"/> for a state of a different schedule, of a driver with another set of schedules (weight
        /// decay, momentum, tracked names), for another number of groups, with a NaN, infinite or negative base rate or base weight
        /// decay, or one a schedule could not be in (<see cref="ScheduleState.EnsureRestorable"/>, including a step past a
        /// <c>PastHorizon(Throw)</c> horizon).</summary>
        public void LoadState(string state) => Stage(state, keep: true);

        /// <summary>Checks that <see cref="LoadState"/> would accept <paramref name="state"/> (the same checks,
        /// every value evaluated at the saved step), changing nothing.</summary>
        public void ValidateState(string state) => Stage(state, keep: false);

        private void Stage(string state, bool keep)
        {
            EnsureGroupsUnchanged();
            DriverState saved = Check(DriverState.Parse(state));
            ScheduleState[] others = Saved(saved);
            ScheduleState now = Snapshot();
            double[] nowRates = (double[])_baseRates.Clone();
            double[]? nowWeightDecays = (double[]?)_baseWeightDecays?.Clone();
            try
            {
                // Each schedule checks every field (and a Throw horizon) before it changes anything.
                _schedule.RestoreState(saved.Rate);
                for (int i = 0; i < _others.Length; i++) _others[i].RestoreState(others[i]);
                if (!keep)
                {
                    // Evaluated, not written: validating leaves the groups alone.
                    _ = _cyclesMomentum
                        ? _schedule.CurrentFactorAndMomentum(_momentumRange.Base, _momentumRange.Max, out _)
                        : _schedule.CurrentFactor;
                    for (int i = 0; i < _others.Length; i++) _ = _others[i].CurrentValue;
                    RollBack(now);
                    return;
                }
                saved.BaseRates.CopyTo(_baseRates, 0);
                saved.BaseWeightDecays?.CopyTo(_baseWeightDecays!, 0);
                Apply(); // evaluates every value first: a schedule that refuses the saved step throws before any write
                for (int i = 0; i < _groups.Length; i++) _groups[i].InitialLearningRate = _baseRates[i];
            }
            catch
            {
                RollBack(now);
                nowRates.CopyTo(_baseRates, 0);
                nowWeightDecays?.CopyTo(_baseWeightDecays!, 0);
                throw;
            }
        }

        /// <summary>Refuses a state of another rate schedule, another number of groups or impossible base rates; the other
        /// schedules are checked in <c>CheckHyperparameters</c>.</summary>
        private DriverState Check(DriverState saved)
        {
            if (saved.Rate.Fingerprint != _schedule.Fingerprint)
                throw new ArgumentException(
                    $"state was saved from a different schedule (fingerprint {saved.Rate.Fingerprint.ToString("x16", CultureInfo.InvariantCulture)}) " +
                    $"than the one attached ({_schedule.Fingerprint.ToString("x16", CultureInfo.InvariantCulture)}, {Describe(_schedule)}); " +
                    "resume with the schedule definition the run was started with.",
                    "state");
            CheckGroupValues(saved.BaseRates, "base rate");
            CheckHyperparameters(saved);
            return saved;
        }

        private void CheckGroupValues(double[] values, string what)
        {
            if (values.Length != _groups.Length)
                throw new ArgumentException(
                    $"state has {values.Length} {what}s but the optimizer has {_groups.Length} parameter groups.", "state");
            for (int i = 0; i < values.Length; i++)
                if (!(values[i] >= 0.0) || double.IsInfinity(values[i]))
                    throw new ArgumentOutOfRangeException("state", values[i],
                        $"state: {what} of group {i} = {Numbers.Format(values[i])}: must be a finite number >= 0.");
        }

        /// <summary>Writes every group's rate and, when cycling or scheduled, its momentum or beta1, and its scheduled weight decay.
        /// Allocation-free: the setters store into the groups' options (doubles and a value tuple).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // Step's hot path: one call, not two
        private void Apply()
        {
            // Every value first: if a schedule throws (past its horizon), nothing has been written.
            double momentum = 0.0;
            double factor = _cyclesMomentum
                ? _schedule.CurrentFactorAndMomentum(_momentumRange.Base, _momentumRange.Max, out momentum)
                : _perGroup ? 0.0 : _schedule.CurrentFactor;
            double weightDecayFactor = _weightDecay?.CurrentFactor ?? 0.0;
            if (_momentumSchedule is not null) momentum = _momentumSchedule.CurrentValue;
            if (_perGroup)
            {
                // Every group's factor first, so a throw leaves every rate as it was.
                for (int i = 0; i < _groups.Length; i++) _factors[i] = GroupFactor(i);
                for (int i = 0; i < _groups.Length; i++) _groups[i].LearningRate = _baseRates[i] * _factors[i];
            }
            else
            {
                for (int i = 0; i < _groups.Length; i++) _groups[i].LearningRate = _baseRates[i] * factor;
            }
            if (_weightDecay is not null)
                for (int i = 0; i < _groups.Length; i++) _options[i].WeightDecay = _baseWeightDecays![i] * weightDecayFactor;
            if (_cyclesMomentum || _momentumSchedule is not null)
                for (int i = 0; i < _groups.Length; i++) _options[i].Momentum = momentum;
        }

        private static string Describe(TSchedule schedule) => schedule is Schedule s ? $"schedule \"{s}\"" : typeof(TSchedule).Name;
    }

    /// <summary>Factories for <see cref="ScheduleDriver{TSchedule}"/>.</summary>
    public static class ScheduleDriver
    {
        /// <summary>Attaches <paramref name="schedule"/> to <paramref name="optimizer"/> (type inference helper).</summary>
        public static ScheduleDriver<TSchedule> Attach<TSchedule>(Optimizer optimizer, TSchedule schedule,
            MomentumRange? cycleMomentum = null, IReadOnlyList<double>? baseRates = null)
            where TSchedule : ILearningRateSchedule =>
            new(optimizer, schedule, cycleMomentum, baseRates);

        /// <summary>Builds a runtime <see cref="Schedule"/> from <paramref name="definition"/> and attaches it.</summary>
        /// <param name="optimizer">The optimizer.</param>
        /// <param name="definition">The schedule definition (validated by the core).</param>
        /// <param name="stepsPerEpoch">Batches per epoch when <see cref="ScheduleDriver{TSchedule}.Step"/> is called per batch on an
        /// epoch schedule. Required for cyclic schedules declared in epochs: like PyTorch's <c>CyclicLR</c>, they
        /// change the rate every batch (one-cycle must be declared in steps).</param>
        /// <param name="cycleMomentum">Momentum range to cycle (one-cycle, cyclic), or null.</param>
        /// <param name="baseRates">One base rate per group, or null for the groups' initial rates (or <paramref name="groups"/>' base rates).</param>
        /// <param name="startStep">The tick to start at: resuming at a step in one call (PyTorch's <c>last_epoch = startStep - 1</c>).</param>
        /// <param name="customFactors">Delegates for the definition's custom factors (PyTorch's <c>LambdaLR</c>, <c>MultiplicativeLR</c>).</param>
        /// <param name="groups">One <see cref="ParamGroup"/> per optimizer group, for PyTorch's per-group lists (<c>CyclicLR</c>
        /// <c>base_lr</c>/<c>max_lr</c>, <c>OneCycleLR</c> <c>max_lr</c>, plateau <c>min_lr</c>, <c>lr_lambda</c>); the count must equal the optimizer's groups.</param>
        public static ScheduleDriver<Schedule> Attach(Optimizer optimizer, ScheduleDefinition definition, int? stepsPerEpoch = null,
            MomentumRange? cycleMomentum = null, IReadOnlyList<double>? baseRates = null, long startStep = 0,
            IReadOnlyDictionary<string, RuntimeFactor>? customFactors = null, IReadOnlyList<ParamGroup>? groups = null)
        {
            if (optimizer is null) throw new ArgumentNullException(nameof(optimizer));
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            if (groups is not null && groups.Count != optimizer.ParamGroups.Count())
                throw new ArgumentException(
                    $"groups has {groups.Count} entries but the optimizer has {optimizer.ParamGroups.Count()} parameter groups: give one ParamGroup per group.",
                    nameof(groups));
            var schedule = new Schedule(definition, stepsPerEpoch, startStep, customFactors, groups);
            if (stepsPerEpoch is null && definition.Unit == TimeUnit.Epochs && schedule.CyclesMomentum)
                throw new ArgumentException(
                    "stepsPerEpoch is missing: a cyclic schedule declared in epochs changes the rate every batch, " +
                    "so give the batches per epoch or declare it in steps.",
                    nameof(stepsPerEpoch));
            return new ScheduleDriver<Schedule>(optimizer, schedule, cycleMomentum, baseRates);
        }
    }
}
