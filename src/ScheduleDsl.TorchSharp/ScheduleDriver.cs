using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
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
    /// allocated per step: the groups are looked up once, when the driver is attached.</para></summary>
    /// <typeparam name="TSchedule">A generated schedule or the core's <see cref="Schedule"/>. A struct schedule is
    /// held (and stepped) inside the driver; <see cref="Schedule"/> then returns a copy.</typeparam>
    public sealed class ScheduleDriver<TSchedule> where TSchedule : ILearningRateSchedule
    {
        private const string StateMagic = "sdl-driver/2"; // 2: a checksum line; "sdl-driver/1" (without) is still read
        private const string StateMagicV1 = "sdl-driver/1";

        private readonly ILearningRateController[] _groups;
        private readonly IMomentum?[] _momentum;
        private readonly IBetas?[] _betas;
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

            _momentum = new IMomentum?[_groups.Length];
            _betas = new IBetas?[_groups.Length];
            if (cycleMomentum is MomentumRange range)
            {
                if (!schedule.CyclesMomentum)
                    throw new ArgumentException(
                        $"cycleMomentum = {range}: only one-cycle and cyclic schedules cycle momentum; {Describe(schedule)} does not.",
                        nameof(cycleMomentum));
                for (int i = 0; i < _groups.Length; i++)
                {
                    _momentum[i] = _groups[i] as IMomentum;
                    _betas[i] = _momentum[i] is null ? _groups[i] as IBetas : null;
                    if (_momentum[i] is null && _betas[i] is null)
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

        /// <summary>Momentum (or beta1) written to the groups now; null when momentum is not cycled.</summary>
        public double? CurrentMomentum => _cyclesMomentum ? _schedule.CurrentMomentum(_momentumRange.Base, _momentumRange.Max) : null;

        /// <summary>Rate of group <paramref name="group"/> now: its base rate times the factor (its own factor under absolute
        /// minimums or per-group values).</summary>
        public double Rate(int group) => _baseRates[group] * GroupFactor(group);

        private double GroupFactor(int group) =>
            _grouped is not null ? _grouped.GroupFactor(group)
            : _perGroup ? _schedule.CurrentGroupFactor(_baseRates[group])
            : _schedule.CurrentFactor;

        /// <summary>Advances the schedule one tick and writes the rates (and momentum). Call it after
        /// <c>optimizer.step()</c>. Under <c>PastHorizon(Throw)</c> a step past the horizon throws
        /// <see cref="InvalidOperationException"/> and leaves the schedule and the rates where they were.</summary>
        public void Step()
        {
            EnsureGroupsUnchanged();
            // The schedule refuses a tick past a PastHorizon(Throw) horizon (or past long.MaxValue) before moving,
            // so nothing to undo here.
            _schedule.Advance();
            Apply();
            _log?.Write(_groups, _schedule.CurrentStep);
        }

        /// <summary>Logs every group's rate, and its momentum (or beta1) when it has one and
        /// <paramref name="logMomentum"/> is set, to TensorBoard at once and after every <see cref="Step"/>, as
        /// Lightning's <c>LearningRateMonitor</c> (tags <c>lr-SGD</c>, or <c>lr-SGD/pg1</c>... per group, and
        /// <c>lr-SGD-momentum</c>). Pass null to stop. Nothing is logged, nor allocated, while no writer is set.</summary>
        /// <param name="writer">From <c>torch.utils.tensorboard.SummaryWriter(logDir)</c>, or null.</param>
        /// <param name="logMomentum">Also log momentum (SGD, RMSProp) or beta1 (Adam family).</param>
        public void LogTo(global::TorchSharp.Modules.SummaryWriter? writer, bool logMomentum = true)
        {
            _log = writer is null ? null : new TensorBoardLog(writer, Optimizer, _groups, logMomentum);
            _log?.Write(_groups, _schedule.CurrentStep);
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

        /// <summary>Moves the schedule to tick <paramref name="step"/> (keeping its plateau state) and writes the rates.
        /// A step past a <c>PastHorizon(Throw)</c> horizon throws <see cref="ArgumentOutOfRangeException"/> and changes nothing.</summary>
        public void Seek(long step)
        {
            if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"step = {step}: must be >= 0.");
            ScheduleState now = _schedule.SaveState();
            try
            {
                _schedule.RestoreState(new ScheduleState(now.Fingerprint, step, now.Plateau));
            }
            catch (ArgumentOutOfRangeException e) // a step past a PastHorizon(Throw) horizon; nothing changed
            {
                int end = e.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
                string rule = end < 0 ? e.Message : e.Message.Substring(0, end);
                throw new ArgumentOutOfRangeException(nameof(step), step, rule.Replace("state step", "step", StringComparison.Ordinal));
            }
            try
            {
                Apply();
            }
            catch (InvalidOperationException)
            {
                _schedule.RestoreState(now);
                throw;
            }
        }

        /// <summary>Moves the schedule to any (fractional) <paramref name="time"/> in its declared unit (PyTorch's <c>step(epoch)</c>,
        /// e.g. <c>CosineAnnealingWarmRestarts.step(1.3)</c>), keeping its plateau state, and writes the rates; later steps count from there.
        /// A refused time (negative, non-finite, past a <c>PastHorizon(Throw)</c> horizon) changes nothing.</summary>
        public void SetTime(double time)
        {
            ScheduleState now = _schedule.SaveState();
            _schedule.SetTime(time);
            try
            {
                Apply();
            }
            catch (InvalidOperationException)
            {
                _schedule.RestoreState(now);
                throw;
            }
        }

        /// <summary>The driver's state as text: the schedule's <see cref="ScheduleState"/>, the base rates and a
        /// checksum of both (the first 16 hex digits of their SHA-256), so a damaged or truncated text is refused.</summary>
        public string SaveState()
        {
            var text = new StringBuilder(StateMagic).Append('\n');
            text.Append("schedule ").Append(_schedule.SaveState().ToString()).Append('\n');
            text.Append("base-rates");
            foreach (double rate in _baseRates) text.Append(' ').Append(Numbers.Format(rate));
            string body = text.ToString();
            return body + "\nchecksum " + Checksum(body) + "\n";
        }

        private static string Checksum(string body) =>
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)), 0, 8).ToLowerInvariant();

        /// <summary>Resumes from text written by <see cref="SaveState"/>: the schedule's position and
        /// plateau state and the base rates (as PyTorch's scheduler <c>load_state_dict</c>), then writes the rates.
        /// All or nothing: everything is checked before anything changes, and a state refused while it is applied
        /// (its rate cannot be evaluated) is rolled back. Throws <see cref="FormatException"/> for text that is not
        /// a driver state (or a damaged schedule state, see <see cref="ScheduleState.Parse"/>);
        /// <see cref="ArgumentException"/> for a state of a different schedule, for another number of groups,
        /// with a NaN, infinite or negative base rate, or one the schedule could not be in
        /// (<see cref="ScheduleState.EnsureRestorable"/>, including a step past a <c>PastHorizon(Throw)</c> horizon).</summary>
        public void LoadState(string state) => Stage(state, keep: true);

        /// <summary>Checks that <see cref="LoadState"/> would accept <paramref name="state"/> (the same checks,
        /// the rates evaluated at the saved step), changing nothing.</summary>
        public void ValidateState(string state) => Stage(state, keep: false);

        private void Stage(string state, bool keep)
        {
            EnsureGroupsUnchanged();
            double[] baseRates = ParseState(state, out ScheduleState saved);
            ScheduleState now = _schedule.SaveState();
            double[] nowRates = (double[])_baseRates.Clone();
            _schedule.RestoreState(saved); // checks every field (and a Throw horizon) before it changes anything
            try
            {
                if (!keep)
                {
                    // Evaluated, not written: validating leaves the groups' rates alone.
                    _ = _cyclesMomentum
                        ? _schedule.CurrentFactorAndMomentum(_momentumRange.Base, _momentumRange.Max, out _)
                        : _schedule.CurrentFactor;
                    _schedule.RestoreState(now);
                    return;
                }
                baseRates.CopyTo(_baseRates, 0);
                Apply(); // evaluates the rate first: a schedule that refuses the saved step throws before any write
                for (int i = 0; i < _groups.Length; i++) _groups[i].InitialLearningRate = _baseRates[i];
            }
            catch
            {
                _schedule.RestoreState(now);
                nowRates.CopyTo(_baseRates, 0);
                throw;
            }
        }

        private double[] ParseState(string state, out ScheduleState saved)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            string[] lines = state.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            bool v2 = lines.Length == 4 && lines[0] == StateMagic;
            if (!(v2 || (lines.Length == 3 && lines[0] == StateMagicV1)) || !lines[1].StartsWith("schedule ", StringComparison.Ordinal)
                || !lines[2].StartsWith("base-rates", StringComparison.Ordinal))
                throw new FormatException($"state: not a schedule driver state (expected \"{StateMagic}\", \"schedule sdl-state/...\", \"base-rates ...\", \"checksum ...\" lines).");
            if (v2)
            {
                string expected = "checksum " + Checksum(string.Join('\n', lines, 0, 3));
                if (lines[3] != expected)
                    throw new FormatException($"state: \"{lines[3]}\" does not match the text (expected \"{expected}\"): the state was damaged or edited.");
            }
            saved = ScheduleState.Parse(lines[1].Substring("schedule ".Length));
            if (saved.Fingerprint != _schedule.Fingerprint)
                throw new ArgumentException(
                    $"state was saved from a different schedule (fingerprint {saved.Fingerprint.ToString("x16", CultureInfo.InvariantCulture)}) " +
                    $"than the one attached ({_schedule.Fingerprint.ToString("x16", CultureInfo.InvariantCulture)}, {Describe(_schedule)}); " +
                    "resume with the schedule definition the run was started with.",
                    nameof(state));
            string[] rates = lines[2].Substring("base-rates".Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rates.Length != _groups.Length)
                throw new ArgumentException(
                    $"state has {rates.Length} base rates but the optimizer has {_groups.Length} parameter groups.", nameof(state));
            var parsed = new double[rates.Length];
            for (int i = 0; i < rates.Length; i++)
            {
                try
                {
                    parsed[i] = Numbers.Parse(rates[i]);
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    throw new FormatException($"state: base rate of group {i} = \"{rates[i]}\" is not a number.", e);
                }
                if (!(parsed[i] >= 0.0) || double.IsInfinity(parsed[i]))
                    throw new ArgumentOutOfRangeException(nameof(state), parsed[i],
                        $"state: base rate of group {i} = {Numbers.Format(parsed[i])}: must be a finite number >= 0.");
            }
            return parsed;
        }

        /// <summary>Writes every group's rate and, when cycling, its momentum or beta1. Allocation-free:
        /// the setters store into the groups' options (doubles and a value tuple).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // Step's hot path: one call, not two
        private void Apply()
        {
            // Both values first, in one call: if the schedule throws (past its horizon), nothing has been written.
            double momentum = 0.0;
            double factor = _cyclesMomentum
                ? _schedule.CurrentFactorAndMomentum(_momentumRange.Base, _momentumRange.Max, out momentum)
                : _perGroup ? 0.0 : _schedule.CurrentFactor;
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
            if (!_cyclesMomentum) return;
            for (int i = 0; i < _groups.Length; i++)
            {
                if (_momentum[i] is IMomentum m) m.Momentum = momentum;
                else if (_betas[i] is IBetas b) b.Betas = (momentum, b.Betas.Item2);
            }
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
