using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Definition;
using ScheduleDsl.Validation;

namespace ScheduleDsl.Composition
{
    /// <summary>A schedule stepped through training: the runtime counterpart of a generated schedule
    /// class, for definitions built in code. Allocation-free per step.
    /// <para>A tick is one unit of the declared time, or one batch when an epoch schedule is given
    /// <c>stepsPerEpoch</c> (then continuous shapes see fractional epochs and step-wise decays change
    /// at epoch boundaries).</para>
    /// <para>It schedules any hyperparameter (<see cref="ScheduleDefinition.Kind"/>): <see cref="CurrentValue"/> is the value now,
    /// <see cref="BaseValue"/> times <see cref="CurrentFactor"/>.</para></summary>
    public sealed class Schedule : IPlateauSchedule, IHyperparameterSchedule
    {
        private PlateauState _plateau;
        private readonly CompiledSchedule[] _groups;
        private readonly double[] _groupBases;
        // Absolute minimums for base rates given to GroupRate(double): resolved once per distinct base rate.
        private readonly List<(double Base, CompiledSchedule Compiled)> _byBase = new();
        // The time line: time = _originTime + (CurrentStep - _originStep) ticks; (0, 0) until SetTime moves it.
        private double _originTime;
        private long _originStep;

        /// <summary>Compiles <paramref name="definition"/> (throwing on a broken rule) and checks every argument at once.</summary>
        /// <param name="definition">The schedule.</param>
        /// <param name="stepsPerEpoch">Batches per epoch, to tick per batch an epoch schedule; null ticks per declared unit.</param>
        /// <param name="startStep">The tick to start at (resuming a run at a step in one call; PyTorch's <c>last_epoch = startStep - 1</c>,
        /// see docs/schedule-semantics.md).</param>
        /// <param name="customFactors">A delegate for each custom factor of the definition (<see cref="CustomShape"/>), by method name:
        /// PyTorch's <c>LambdaLR</c> (<see cref="RuntimeFactor.OfTime"/>) or <c>MultiplicativeLR</c> (<see cref="RuntimeFactor.Multiplicative"/>).</param>
        /// <param name="groups">One entry per parameter group, for values PyTorch takes per group (see <see cref="ParamGroup"/>);
        /// read them back with <see cref="GroupFactor"/> and <see cref="RateOfGroup"/>. When only the groups bind the custom factors,
        /// the schedule's own factor (<see cref="CurrentFactor"/>, plateau decisions) uses group 0's.</param>
        public Schedule(ScheduleDefinition definition, int? stepsPerEpoch = null, long startStep = 0,
            IReadOnlyDictionary<string, RuntimeFactor>? customFactors = null, IReadOnlyList<ParamGroup>? groups = null)
        {
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            ScheduleRules.ThrowIfInvalid(definition);
            if (stepsPerEpoch is int spe)
            {
                if (definition.Unit != TimeUnit.Epochs)
                    throw new ArgumentException(
                        $"stepsPerEpoch = {spe}: only a schedule declared in epochs can be ticked per batch; this one is declared in steps.", nameof(stepsPerEpoch));
                if (spe < 1)
                    throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), spe, $"stepsPerEpoch = {spe}: must be at least 1.");
            }
            string[] customNames = definition.Components.OfType<CustomShape>().Select(c => c.MethodName).ToArray();
            CheckCustomFactors(customNames, customFactors, groups, nameof(customFactors), requireEach: true);
            _groupBases = new double[groups?.Count ?? 0];
            _groups = new CompiledSchedule[_groupBases.Length];
            for (int g = 0; g < _groups.Length; g++)
            {
                ParamGroup group = groups![g] ?? throw new ArgumentNullException(nameof(groups), $"groups[{g}] is null.");
                CheckCustomFactors(customNames, group.CustomFactors, null, $"groups[{g}].{nameof(ParamGroup.CustomFactors)}", requireEach: false);
                _groupBases[g] = group.BaseRate;
                _groups[g] = CompileGroup(definition, group, g, Merge(customFactors, group.CustomFactors));
            }
            if (startStep < 0) throw new ArgumentOutOfRangeException(nameof(startStep), startStep, $"startStep = {startStep}: must be >= 0.");

            // Without delegates of its own, the schedule's factor (CurrentFactor, plateau decisions) is group 0's.
            Compiled = new CompiledSchedule(definition, null, customFactors ?? (groups is { Count: > 0 } ? groups[0].CustomFactors : null));
            StepsPerEpoch = stepsPerEpoch;
            _plateau = PlateauState.Initial(Compiled.Plateau?.Mode ?? PlateauMode.Min);
            if (definition.PastHorizon == PastHorizonPolicy.Throw) CompositionSteps.EnsureWithinHorizon(TimeOf(startStep), Compiled.Horizon);
            CurrentStep = startStep;
        }

        /// <summary>The compiled definition.</summary>
        public CompiledSchedule Compiled { get; }

        /// <summary>Batches per epoch when ticking an epoch schedule per batch.</summary>
        public int? StepsPerEpoch { get; }

        /// <summary>Ticks taken so far.</summary>
        public long CurrentStep { get; private set; }

        /// <summary>Time in the declared unit now: <see cref="TimeOf"/>(<see cref="CurrentStep"/>), unless <see cref="SetTime"/>
        /// moved the time line (then the time set plus the ticks taken since).</summary>
        public double CurrentTime => _originTime + TimeOf(CurrentStep - _originStep);

        /// <summary>Factor of the peak now (plateau reduction and floor included).</summary>
        public double CurrentFactor => Compiled.FactorAt(CurrentTime, _plateau.Scale);

        /// <summary>Rate of the peak group now.</summary>
        public double CurrentRate => Compiled.PeakRate * CurrentFactor;

        /// <inheritdoc/>
        public HyperparameterKind Kind => Compiled.Definition.Kind;

        /// <inheritdoc/>
        public string Name => Compiled.Definition.HyperparameterName;

        /// <summary>The declared value (the peak rate of a learning-rate schedule).</summary>
        public double BaseValue => Compiled.PeakRate;

        /// <summary>The value now: <see cref="BaseValue"/> x <see cref="CurrentFactor"/> (<see cref="CurrentRate"/> under its kind-neutral name).</summary>
        public double CurrentValue => CurrentRate;

        /// <summary>Plateau scale so far (1 when no reduction happened).</summary>
        public double PlateauScale => _plateau.Scale;

        /// <summary>Declared time at tick <paramref name="step"/> (on the time line from 0).</summary>
        public double TimeOf(long step) => StepsPerEpoch is int spe ? (double)step / spe : step;

        /// <summary>Factor at tick <paramref name="step"/> (time line from 0) with the current plateau scale.</summary>
        public double FactorAtStep(long step) => Compiled.FactorAt(TimeOf(step), _plateau.Scale);

        /// <summary>Factor at any (fractional) <paramref name="time"/> in the declared unit, with the current plateau scale;
        /// the schedule does not move.</summary>
        public double FactorAtTime(double time) => Compiled.FactorAt(time, _plateau.Scale);

        /// <summary>Rate of a parameter group whose own base (peak) rate is <paramref name="baseRate"/>, now. Under
        /// <see cref="MinimumScaling.Absolute"/> the group's minimums are the definition's absolute rates (see
        /// <see cref="CurrentGroupFactor"/>).</summary>
        public double GroupRate(double baseRate) => baseRate * CurrentGroupFactor(baseRate);

        /// <inheritdoc/>
        public MinimumScaling Minimums => Compiled.Definition.Minimums;

        /// <inheritdoc/>
        /// <remarks>Under absolute minimums the first call with a new base rate resolves the terms for it (one allocation
        /// per distinct base rate); later calls allocate nothing.</remarks>
        public double CurrentGroupFactor(double baseRate)
        {
            if (Minimums == MinimumScaling.Scaled || baseRate == Compiled.PeakRate) return CurrentFactor;
            return ForBase(baseRate).FactorAt(CurrentTime, _plateau.Scale);
        }

        /// <summary>Number of parameter groups given at construction (0 when none).</summary>
        public int GroupCount => _groups.Length;

        /// <summary>Base rate of group <paramref name="group"/> given at construction.</summary>
        public double GroupBaseRate(int group) => _groupBases[group];

        /// <summary>Factor of group <paramref name="group"/>'s base rate now, with its own values (see <see cref="ParamGroup"/>).</summary>
        public double GroupFactor(int group) => _groups[group].FactorAt(CurrentTime, _plateau.Scale);

        /// <summary>Rate of group <paramref name="group"/> now: its base rate times <see cref="GroupFactor"/>.</summary>
        public double RateOfGroup(int group) => _groupBases[group] * GroupFactor(group);

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
            long next = ScheduleState.NextStep(CurrentStep); // throws at long.MaxValue instead of wrapping
            if (Compiled.Definition.PastHorizon == PastHorizonPolicy.Throw)
                CompositionSteps.EnsureWithinHorizon(_originTime + TimeOf(next - _originStep), Compiled.Horizon);
            CurrentStep = next;
        }

        /// <summary>Moves to tick <paramref name="step"/> (time <see cref="TimeOf"/>(step)), keeping the plateau state.</summary>
        public void Seek(long step)
        {
            TimeTravel.CheckStep(step);
            if (Compiled.Definition.PastHorizon == PastHorizonPolicy.Throw) CompositionSteps.EnsureWithinHorizon(TimeOf(step), Compiled.Horizon);
            CurrentStep = step;
            _originTime = 0.0;
            _originStep = 0;
        }

        /// <summary>Moves to any (fractional) <paramref name="time"/> in the declared unit, keeping the plateau state, as PyTorch's
        /// <c>step(epoch)</c>; later ticks count from there (<see cref="CurrentTime"/> = time + ticks since).
        /// <see cref="CurrentStep"/> becomes the last tick at or before <paramref name="time"/>.</summary>
        public void SetTime(double time)
        {
            TimeTravel.CheckTime(time);
            if (Compiled.Definition.PastHorizon == PastHorizonPolicy.Throw) CompositionSteps.EnsureWithinHorizon(time, Compiled.Horizon);
            CurrentStep = TimeTravel.SetTime(time, StepsPerEpoch ?? 0, out _originTime, out _originStep);
        }

        /// <summary>Feeds a metric to plateau reduction; returns whether the rate was reduced.</summary>
        public bool ReportMetric(double metric)
        {
            if (Compiled.Plateau is not PlateauSettings settings)
                throw new InvalidOperationException("ReportMetric needs [ReduceOnPlateau] in the schedule definition.");
            return _plateau.Report(metric, Compiled.ShapeFactorAt(CurrentTime), settings);
        }

        /// <summary>The position and plateau state, tagged with the definition's fingerprint.</summary>
        public ScheduleState SaveState() => new(Compiled.Fingerprint, CurrentStep, _plateau, _originTime, _originStep);

        /// <summary>Resumes from <paramref name="state"/>. Refuses, changing nothing, a state saved from another
        /// definition or one this schedule could not be in (<see cref="ScheduleState.EnsureRestorable"/>; under
        /// <c>PastHorizon(Throw)</c> also a step past the horizon).</summary>
        public void RestoreState(ScheduleState state)
        {
            state.EnsureRestorable(Compiled.Fingerprint, Compiled.Plateau);
            if (Compiled.Definition.PastHorizon == PastHorizonPolicy.Throw)
                ScheduleState.EnsureWithinHorizon(state.Step, state.OriginTime + TimeOf(state.Step - state.OriginStep), Compiled.Horizon);
            CurrentStep = state.Step;
            _plateau = state.Plateau;
            _originTime = state.OriginTime;
            _originStep = state.OriginStep;
        }

        /// <inheritdoc/>
        public override string ToString() => Compiled.Definition.Canonical;

        private CompiledSchedule ForBase(double baseRate)
        {
            foreach ((double b, CompiledSchedule c) in _byBase)
                if (b == baseRate) return c;
            CompiledSchedule compiled = Compiled.ForGroup(baseRate);
            _byBase.Add((baseRate, compiled));
            return compiled;
        }

        // A group's own values replace the definition's, as absolute rates for that group.
        private static CompiledSchedule CompileGroup(ScheduleDefinition definition, ParamGroup group, int g,
            IReadOnlyDictionary<string, RuntimeFactor>? customFactors)
        {
            string at = $"groups[{g}]";
            bool absolute = definition.Minimums == MinimumScaling.Absolute;
            double b = group.BaseRate;
            if (!(b >= 0) || double.IsInfinity(b) || (absolute && b == 0))
                throw new ArgumentOutOfRangeException("groups", b,
                    $"{at}.{nameof(ParamGroup.BaseRate)} = {Numbers.Format(b)}: must be a finite number {(absolute ? "greater than 0 (absolute minimums divide by it)" : ">= 0")}.");
            ScheduleDefinition own = definition;
            if (group.CyclicBaseLr is double cyclicBase)
                own = Override<CyclicShape>(own, at, nameof(ParamGroup.CyclicBaseLr), cyclicBase, c => c with { BaseLr = cyclicBase });
            if (group.PlateauMinLr is double plateauMin)
                own = Override<PlateauReduction>(own, at, nameof(ParamGroup.PlateauMinLr), plateauMin, p => p with { MinLr = plateauMin });
            return new CompiledSchedule(own, absolute ? b : null, customFactors);
        }

        // A group's own delegates replace the schedule's of the same name.
        private static IReadOnlyDictionary<string, RuntimeFactor>? Merge(IReadOnlyDictionary<string, RuntimeFactor>? schedule, IReadOnlyDictionary<string, RuntimeFactor>? group)
        {
            if (group is null) return schedule;
            if (schedule is null) return group;
            var merged = new Dictionary<string, RuntimeFactor>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, RuntimeFactor> pair in schedule) merged[pair.Key] = pair.Value;
            foreach (KeyValuePair<string, RuntimeFactor> pair in group) merged[pair.Key] = pair.Value;
            return merged;
        }

        private static ScheduleDefinition Override<T>(ScheduleDefinition d, string at, string name, double rate, Func<T, T> with) where T : ScheduleComponent
        {
            string what = $"{at}.{name} = {Numbers.Format(rate)}";
            if (!(rate >= 0) || double.IsInfinity(rate))
                throw new ArgumentOutOfRangeException("groups", rate, $"{what}: must be a finite rate >= 0.");
            if (d.Minimums != MinimumScaling.Absolute)
                throw new ArgumentException(
                    $"{what}: a per-group rate is absolute, as PyTorch's lists; declare the definition with Minimums = MinimumScaling.Absolute.", "groups");
            if (!d.Components.OfType<T>().Any())
                throw new ArgumentException($"{what}: the definition declares no {DslNameOf<T>()} for it to apply to.", "groups");
            return d with { Components = new EquatableArray<ScheduleComponent>(d.Components.Select(c => c is T t ? with(t) : c).ToArray()) };
        }

        private static string DslNameOf<T>() => typeof(T) == typeof(CyclicShape) ? DslName.Of(typeof(CyclicAttribute)) : DslName.Of(typeof(ReduceOnPlateauAttribute));

        // Every custom factor needs its delegate (here or in every group); every delegate names a custom factor.
        private static void CheckCustomFactors(string[] names, IReadOnlyDictionary<string, RuntimeFactor>? given, IReadOnlyList<ParamGroup>? groups, string parameter,
            bool requireEach)
        {
            foreach (string name in requireEach ? names : Array.Empty<string>())
            {
                bool inEveryGroup = groups is { Count: > 0 } && groups.All(g => g?.CustomFactors?.ContainsKey(name) == true);
                if (given?.ContainsKey(name) != true && !inEveryGroup)
                    throw new ArgumentException(
                        $"{parameter}: the definition declares the custom factor {DslName.Of(typeof(CustomFactorAttribute))}(\"{name}\"), which a Schedule " +
                        $"evaluates only with its delegate; give {parameter}: {{ [\"{name}\"] = RuntimeFactor.OfTime(t => ...) }} (or RuntimeFactor.Multiplicative), " +
                        "or one in every group.",
                        parameter);
            }
            if (given is null) return;
            foreach (KeyValuePair<string, RuntimeFactor> pair in given)
            {
                if (Array.IndexOf(names, pair.Key) < 0)
                    throw new ArgumentException(
                        $"{parameter}[\"{pair.Key}\"]: the definition declares no custom factor of that name " +
                        $"({(names.Length == 0 ? "it declares none" : "it declares " + string.Join(", ", names))}).", parameter);
                if (pair.Value is null) throw new ArgumentNullException(parameter, $"{parameter}[\"{pair.Key}\"] is null.");
            }
        }
    }
}
