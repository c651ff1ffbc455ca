using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScheduleDsl.Composition;

namespace ScheduleDsl.TorchSharp
{
    // The hyperparameters scheduled beside the rate: weight decay and momentum written into the optimizer's groups,
    // tracked scalars the loop reads itself. Semantics of MMEngine's param_scheduler and Ignite's ParamScheduler:
    // one schedule per optimizer key, weight decay scaling each group's own initial value.
    public sealed partial class ScheduleDriver<TSchedule>
    {
        private IHyperparameterSchedule? _weightDecay;
        private double[]? _baseWeightDecays;
        private IHyperparameterSchedule? _momentumSchedule;
        private IHyperparameterSchedule[] _tracked = Array.Empty<IHyperparameterSchedule>();
        // Every schedule besides the rate, in state order (weight decay, momentum, tracked), and a slot per schedule
        // for their states before a step, so a refused tick is undone without allocating.
        private IHyperparameterSchedule[] _others = Array.Empty<IHyperparameterSchedule>();
        private ScheduleState[] _snapshot = Array.Empty<ScheduleState>();
        private global::TorchSharp.Modules.SummaryWriter? _logWriter;
        private bool _logMomentum;

        /// <summary>The weight decay schedule, or null.</summary>
        public IHyperparameterSchedule? WeightDecaySchedule => _weightDecay;

        /// <summary>The momentum schedule, or null.</summary>
        public IHyperparameterSchedule? MomentumSchedule => _momentumSchedule;

        /// <summary>The tracked schedules, in the order they were attached.</summary>
        public IReadOnlyList<IHyperparameterSchedule> Tracked => _tracked;

        /// <summary>Each group's base weight decay (its weight decay at factor 1), or null when weight decay is not scheduled.</summary>
        public IReadOnlyList<double>? BaseWeightDecays => _baseWeightDecays;

        /// <summary>Weight decay of group <paramref name="group"/> now: its base weight decay times the schedule's factor.
        /// Throws <see cref="InvalidOperationException"/> when weight decay is not scheduled.</summary>
        public double WeightDecay(int group) =>
            _weightDecay is null
                ? throw new InvalidOperationException("WeightDecay: no weight decay schedule is attached; call ScheduleWeightDecay first.")
                : _baseWeightDecays![group] * _weightDecay.CurrentFactor;

        /// <summary>Schedules the optimizer's weight decay: from now on every <see cref="Step"/> writes each group's base weight decay
        /// times <paramref name="schedule"/>'s <see cref="IHyperparameterSchedule.CurrentFactor"/>. As MMEngine's and Ignite's parameter
        /// schedulers, a group keeps its ratio to the declared value: a group created with weight decay 0 (biases and norms, DINO's
        /// no-decay group) stays 0, and a group at the declared value follows the schedule's values. Written at once.</summary>
        /// <param name="schedule">A weight decay schedule (<c>[WeightDecay]</c>) at the driver's tick; the driver advances this instance.</param>
        /// <param name="baseWeightDecays">One base weight decay per group; null takes each group's weight decay now (the value the
        /// optimizer was created with).</param>
        /// <returns>This driver.</returns>
        /// <exception cref="ArgumentException">Another kind of schedule, a weight decay already scheduled, a schedule at another tick,
        /// an optimizer without a <c>weight_decay</c> option (Rprop, LBFGS), every base weight decay 0, or <paramref name="baseWeightDecays"/>
        /// of another count or with a NaN, infinite or negative value. Nothing changes.</exception>
        public ScheduleDriver<TSchedule> ScheduleWeightDecay(IHyperparameterSchedule schedule, IReadOnlyList<double>? baseWeightDecays = null)
        {
            CheckAttachable(schedule, HyperparameterKind.WeightDecay, nameof(ScheduleWeightDecay));
            if (_weightDecay is not null)
                throw new ArgumentException(
                    $"schedule: weight decay is already scheduled by {Describe(_weightDecay)}; one schedule per hyperparameter.", nameof(schedule));
            for (int i = 0; i < _groups.Length; i++)
                if (!_options[i].HasWeightDecay)
                    throw new ArgumentException(
                        $"schedule: parameter group {i} of {Optimizer.GetType().Name} has no weight_decay option, so there is no weight decay to schedule " +
                        "(SGD, Adam, AdamW, RMSProp, Adagrad, Adadelta, Adamax, NAdam, RAdam and ASGD have one).",
                        nameof(schedule));
            if (baseWeightDecays is not null && baseWeightDecays.Count != _groups.Length)
                throw new ArgumentException(
                    $"baseWeightDecays has {baseWeightDecays.Count} values but the optimizer has {_groups.Length} parameter groups: give one per group.",
                    nameof(baseWeightDecays));
            var bases = new double[_groups.Length];
            for (int i = 0; i < bases.Length; i++)
            {
                double value = baseWeightDecays?[i] ?? _options[i].WeightDecay;
                if (!(value >= 0.0) || double.IsInfinity(value))
                    throw new ArgumentOutOfRangeException(baseWeightDecays is null ? nameof(schedule) : nameof(baseWeightDecays), value,
                        $"base weight decay of group {i} = {Numbers.Format(value)}: must be a finite number >= 0.");
                bases[i] = value;
            }
            if (bases.All(b => b == 0.0))
                throw new ArgumentException(
                    $"schedule: every parameter group of {Optimizer.GetType().Name} has weight decay 0, and the schedule scales each group's own " +
                    $"weight decay, so nothing would change. Create the optimizer with weight_decay: {Numbers.Format(schedule.BaseValue)} " +
                    "(the schedule's declared value) on the groups to decay, or give baseWeightDecays.",
                    baseWeightDecays is null ? nameof(schedule) : nameof(baseWeightDecays));

            _weightDecay = schedule;
            _baseWeightDecays = bases;
            Attached();
            return this;
        }

        /// <summary>Schedules the optimizer's momentum: from now on every <see cref="Step"/> writes <paramref name="schedule"/>'s value
        /// into every group, as SGD's and RMSProp's <c>momentum</c> or the Adam family's beta1 (beta2 is kept). Written at once.</summary>
        /// <param name="schedule">A momentum schedule (<c>[Momentum]</c>) at the driver's tick; the driver advances this instance.</param>
        /// <returns>This driver.</returns>
        /// <exception cref="ArgumentException">Another kind of schedule, a momentum already scheduled or cycled (<c>cycleMomentum</c>
        /// on a one-cycle or cyclic rate), a schedule at another tick or whose value now is outside [0, 1], an optimizer without momentum
        /// or betas (Adagrad, Adadelta, ASGD, Rprop). Nothing changes.</exception>
        public ScheduleDriver<TSchedule> ScheduleMomentum(IHyperparameterSchedule schedule)
        {
            CheckAttachable(schedule, HyperparameterKind.Momentum, nameof(ScheduleMomentum));
            if (_cyclesMomentum)
                throw new ArgumentException(
                    $"schedule: the rate schedule already cycles momentum ({_momentumRange}, given as cycleMomentum); one schedule per hyperparameter: " +
                    "attach the driver without cycleMomentum to schedule momentum yourself.",
                    nameof(schedule));
            if (_momentumSchedule is not null)
                throw new ArgumentException(
                    $"schedule: momentum is already scheduled by {Describe(_momentumSchedule)}; one schedule per hyperparameter.", nameof(schedule));
            for (int i = 0; i < _groups.Length; i++)
                if (!_options[i].HasMomentum)
                    throw new ArgumentException(
                        $"schedule: parameter group {i} of {Optimizer.GetType().Name} has neither momentum nor betas; " +
                        "a momentum schedule needs SGD, RMSProp or an Adam-family optimizer.",
                        nameof(schedule));
            double now = schedule.CurrentValue;
            if (!(now >= 0.0 && now <= 1.0))
                throw new ArgumentOutOfRangeException(nameof(schedule), now,
                    $"schedule: {Describe(schedule)} gives momentum {Numbers.Format(now)} now: momentum must be within [0, 1].");

            _momentumSchedule = schedule;
            Attached();
            return this;
        }

        /// <summary>Tracks a scalar the loop reads itself (an EMA decay, a temperature, a loss weight): every <see cref="Step"/>
        /// advances it, <see cref="Seek"/>, <see cref="SetTime"/> move it, <see cref="SaveState"/> saves it and <see cref="LogTo"/> logs it
        /// under its name. Read its value from the instance you pass (<c>ema.CurrentValue</c>).</summary>
        /// <param name="schedule">Any schedule but a rate, weight decay or momentum (those are written by the driver: attach them with
        /// <see cref="ScheduleWeightDecay"/> or <see cref="ScheduleMomentum"/>), at the driver's tick, with a name no other tracked
        /// schedule has.</param>
        /// <returns>This driver.</returns>
        public ScheduleDriver<TSchedule> Track(IHyperparameterSchedule schedule)
        {
            if (schedule is null) throw new ArgumentNullException(nameof(schedule));
            string? instead = schedule.Kind switch
            {
                HyperparameterKind.LearningRate => "the rate is the driver's own schedule (the one it was attached with)",
                HyperparameterKind.WeightDecay => "the driver writes weight decay into the optimizer: use ScheduleWeightDecay",
                HyperparameterKind.Momentum => "the driver writes momentum into the optimizer: use ScheduleMomentum",
                _ => null,
            };
            if (instead is not null)
                throw new ArgumentException($"schedule: {Describe(schedule)} is a {schedule.Kind} schedule; {instead}.", nameof(schedule));
            CheckAttachable(schedule, schedule.Kind, nameof(Track));
            if (_tracked.FirstOrDefault(t => t.Name == schedule.Name) is IHyperparameterSchedule same)
                throw new ArgumentException(
                    $"schedule: a schedule named \"{schedule.Name}\" is already tracked ({Describe(same)}); names key the saved state and the logs, " +
                    "so give each tracked schedule its own (e.g. [Hyperparameter(\"teacher_temperature\", ...)]).",
                    nameof(schedule));

            _tracked = _tracked.Append(schedule).ToArray();
            Attached();
            return this;
        }

        /// <summary>The checks every attached schedule passes, before anything changes.</summary>
        private void CheckAttachable(IHyperparameterSchedule schedule, HyperparameterKind kind, string method)
        {
            if (schedule is null) throw new ArgumentNullException(nameof(schedule));
            if (schedule.Kind != kind)
                throw new ArgumentException(
                    $"schedule: {Describe(schedule)} is a {schedule.Kind} schedule; {method} takes a {kind} schedule.", nameof(schedule));
            if (schedule.GetType().IsValueType)
                throw new ArgumentException(
                    $"schedule: {schedule.GetType().Name} is a struct: the driver would advance a boxed copy and yours would stay put; pass a class.",
                    nameof(schedule));
            if (ReferenceEquals(schedule, _schedule) || _others.Any(o => ReferenceEquals(o, schedule)))
                throw new ArgumentException($"schedule: {Describe(schedule)} is already attached to this driver.", nameof(schedule));
            if (schedule.CurrentStep != _schedule.CurrentStep)
                throw new ArgumentException(
                    $"schedule: {Describe(schedule)} is at tick {schedule.CurrentStep} but the driver at tick {_schedule.CurrentStep}; " +
                    "every schedule moves one tick per Step, so attach it at the driver's tick (Seek it there first).",
                    nameof(schedule));
            EnsureGroupsUnchanged();
        }

        /// <summary>After a schedule is attached: the state order, the rollback slots, the values written, the log rebuilt.</summary>
        private void Attached()
        {
            var others = new List<IHyperparameterSchedule>();
            if (_weightDecay is not null) others.Add(_weightDecay);
            if (_momentumSchedule is not null) others.Add(_momentumSchedule);
            others.AddRange(_tracked);
            _others = others.ToArray();
            _snapshot = new ScheduleState[_others.Length];
            Apply();
            if (_logWriter is not null) LogTo(_logWriter, _logMomentum);
        }

        /// <summary>Writes every value the schedules give now into the groups again (after the range test restored the optimizer).</summary>
        internal void Rewrite()
        {
            EnsureGroupsUnchanged();
            Apply();
        }

        /// <summary>Every schedule's state now (the rate's returned, the others' in <see cref="_snapshot"/>); allocation-free.</summary>
        private ScheduleState Snapshot()
        {
            for (int i = 0; i < _others.Length; i++) _snapshot[i] = _others[i].SaveState();
            return _schedule.SaveState();
        }

        /// <summary>Puts every schedule back at <paramref name="rate"/> and <see cref="_snapshot"/>, and rewrites the groups.</summary>
        private void RollBack(ScheduleState rate)
        {
            _schedule.RestoreState(rate);
            for (int i = 0; i < _others.Length; i++) _others[i].RestoreState(_snapshot[i]);
            Apply();
        }

        /// <summary>Refuses a state saved by a driver with another set of schedules, or of other definitions, or with impossible base
        /// weight decays; nothing changes.</summary>
        private void CheckHyperparameters(DriverState saved)
        {
            static string Set(bool weightDecay, bool momentum, IEnumerable<string> tracked) =>
                string.Join(", ", new[] { weightDecay ? "weight decay" : null, momentum ? "momentum" : null }
                    .Concat(tracked.OrderBy(n => n, StringComparer.Ordinal).Select(n => $"\"{n}\"")).Where(s => s is not null).DefaultIfEmpty("nothing"));
            string savedSet = Set(saved.WeightDecay is not null, saved.Momentum is not null, saved.Tracked.Select(t => t.Name));
            string ownSet = Set(_weightDecay is not null, _momentumSchedule is not null, _tracked.Select(t => t.Name));
            if (savedSet != ownSet)
                throw new ArgumentException(
                    $"state was saved by a driver scheduling {savedSet} besides the rate, but this driver schedules {ownSet}; " +
                    "resume with the same schedules attached (ScheduleWeightDecay, ScheduleMomentum, Track) as the run that saved it.",
                    "state");
            if (saved.WeightDecay is ScheduleState weightDecay)
            {
                CheckFingerprint(weightDecay, _weightDecay!, "weight decay");
                CheckGroupValues(saved.BaseWeightDecays!, "base weight decay");
            }
            if (saved.Momentum is ScheduleState momentum) CheckFingerprint(momentum, _momentumSchedule!, "momentum");
            foreach ((string name, ScheduleState state) in saved.Tracked)
                CheckFingerprint(state, _tracked.First(t => t.Name == name), $"\"{name}\"");
        }

        private static void CheckFingerprint(ScheduleState saved, IHyperparameterSchedule schedule, string what)
        {
            if (saved.Fingerprint != schedule.Fingerprint)
                throw new ArgumentException(
                    $"state: the {what} schedule was saved from a different definition (fingerprint {saved.Fingerprint.ToString("x16", CultureInfo.InvariantCulture)}) " +
                    $"than the one attached ({schedule.Fingerprint.ToString("x16", CultureInfo.InvariantCulture)}, {Describe(schedule)}); " +
                    "resume with the definitions the run was started with.",
                    "state");
        }

        /// <summary>The saved states of the other schedules, in <see cref="_others"/>' order (checked by <see cref="CheckHyperparameters"/>).</summary>
        private ScheduleState[] Saved(DriverState saved)
        {
            var states = new ScheduleState[_others.Length];
            for (int i = 0; i < _others.Length; i++)
            {
                IHyperparameterSchedule other = _others[i];
                states[i] = ReferenceEquals(other, _weightDecay) ? saved.WeightDecay!.Value
                    : ReferenceEquals(other, _momentumSchedule) ? saved.Momentum!.Value
                    : saved.Tracked.First(t => t.Name == other.Name).State;
            }
            return states;
        }

        private static string Describe(IHyperparameterSchedule schedule) => $"{schedule.GetType().Name} (\"{schedule.Name}\")";
    }
}
