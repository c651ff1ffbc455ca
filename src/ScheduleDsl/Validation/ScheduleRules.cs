using System;
using System.Collections.Generic;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;

namespace ScheduleDsl.Validation
{
    /// <summary>Every rule a schedule definition must follow: the single source of truth, used by the
    /// runtime (which throws), the generator (which emits nothing for a broken definition) and the
    /// analyzers (which report each violation on its attribute argument).</summary>
    public static class ScheduleRules
    {
        /// <summary>All violations of <paramref name="definition"/>, in declaration order.</summary>
        public static IReadOnlyList<RuleViolation> Validate(ScheduleDefinition definition)
        {
            var v = new Checks(definition);
            v.Check();
            return v.Violations;
        }

        /// <summary>Throws <see cref="ScheduleValidationException"/> for the first error of <paramref name="definition"/>.</summary>
        public static void ThrowIfInvalid(ScheduleDefinition definition)
        {
            foreach (RuleViolation violation in Validate(definition))
                if (violation.Severity == RuleSeverity.Error) throw new ScheduleValidationException(violation);
        }

        /// <summary>The rule checks a component applies to its own arguments (see
        /// <see cref="ScheduleComponent.CheckArguments"/>); every message names the component, the argument and the rule.</summary>
        internal sealed class Checks
        {
            private readonly ScheduleDefinition _d;
            private string _component = "";
            private int _index = -1;

            public Checks(ScheduleDefinition definition) => _d = definition;

            /// <summary>The definition being checked (for rules that depend on the unit, horizon or peak).</summary>
            public ScheduleDefinition Definition => _d;

            /// <summary>The time the component being checked runs over: the horizon, or its window's length for a component
            /// with a window (null when neither is known).</summary>
            public double? ComponentHorizon { get; private set; }

            /// <summary>The component being checked, as messages name it.</summary>
            public string Component => _component;

            public List<RuleViolation> Violations { get; } = new();

            public void Check()
            {
                CheckMarker();
                if (_d.Horizon is double horizon)
                {
                    At(DslName.Of(_d.Unit == TimeUnit.Epochs ? typeof(EpochsAttribute) : typeof(StepsAttribute)), -1);
                    Positive(nameof(EpochsAttribute.Count), horizon);
                    if (_d.PastHorizon == PastHorizonPolicy.Continue) TimeScale(nameof(EpochsAttribute.Count), horizon); // a default period
                }
                if (_d.Floor is double floor)
                {
                    At(DslName.Of(typeof(FloorAttribute)), -1);
                    AtMostPeak(nameof(FloorAttribute.Rate), floor, kindRange: false); // a floor of 0 only adds nothing
                }

                // The same family twice is a repeat (in other windows) or a chained factor (PyTorch ChainedScheduler);
                // refused only where a second one is meaningless: a second plateau, or a second warmup/hold without a window.
                var seen = new HashSet<string>();
                int wholeIndex = -1;
                double prefixLength = 0;
                for (int i = 0; i < _d.Components.Count; i++)
                {
                    ScheduleComponent c = _d.Components[i];
                    At(c.Name, i);
                    if ((c.Role == ComponentRole.Plateau || (c.Role == ComponentRole.Prefix && !c.IsWindowed)) && !seen.Add(c.Name))
                        Add(RuleKind.ConflictingComponents, null, -1, c.Role == ComponentRole.Plateau
                            ? $"{c.Name} is declared twice; declare it once."
                            : $"{c.Name} is declared twice; give the second one a window (From/Until) to run it later.");
                    if (c.Role == ComponentRole.WholeSchedule && !c.IsWindowed)
                    {
                        if (wholeIndex >= 0)
                            Add(RuleKind.ConflictingComponents, null, -1, $"{c.Name} cannot be combined with {_d.Components[wholeIndex].Name}: each defines the whole schedule.");
                        wholeIndex = i;
                    }
                    if (c.NeedsHorizon && _d.Horizon is null && c.Until is null)
                        Add(RuleKind.MissingHorizon, null, -1, $"{c.Name} needs the schedule's horizon: declare [Epochs(n)] or [Steps(n)], or give its length explicitly.");
                    ComponentHorizon = !c.IsWindowed ? _d.Horizon
                        : (c.Until is double u ? u - c.WindowStart : _d.Horizon - c.WindowStart) + c.StartAt;
                    int errorsBefore = Violations.Count;
                    c.CheckArguments(this);
                    CheckStaysPositive(c, errorsBefore);
                    CheckWindow(c);
                    if (c.IsWindowed) continue;
                    double before = prefixLength;
                    prefixLength += c.PrefixLength;
                    if (IsFinite(before) && IsFinite(c.PrefixLength) && !IsFinite(prefixLength))
                        Invalid(nameof(HoldPhase.Length), c.PrefixLength,
                            $"the warmup and hold lengths add up to more than a double can hold ({Numbers.Format(before)} + {Numbers.Format(c.PrefixLength)}); shorten them");
                }

                // The shapes multiply: their largest factors must multiply to a finite number.
                double largest = 1.0;
                for (int i = 0; i < _d.Components.Count; i++)
                {
                    ScheduleComponent c = _d.Components[i];
                    if (c.Role != ComponentRole.Shape) continue;
                    double f = c.LargestFactor(MaxTime, _d.LearningRate);
                    if (!IsFinite(f)) break; // reported on the component's own argument
                    double product = largest * f;
                    if (!IsFinite(product))
                    {
                        At(c.Name, i);
                        Add(RuleKind.InvalidArgument, null, -1,
                            $"{c.Name}: its largest factor ({Numbers.Format(f)}) times the other shapes' ({Numbers.Format(largest)}) overflows to infinity; lower the growth.");
                        break;
                    }
                    largest = product;
                }

                // A momentum or an EMA decay stays at most 1: the shapes' and the whole schedule's largest factors times the base.
                if (HyperparameterKinds.IsAtMostOne(_d.Kind) && IsFinite(_d.LearningRate) && _d.LearningRate > 0 && _d.LearningRate <= 1)
                    CheckAtMostOne();

                if (wholeIndex >= 0)
                {
                    for (int i = 0; i < _d.Components.Count; i++)
                    {
                        ScheduleComponent c = _d.Components[i];
                        if (i == wholeIndex || c.Role == ComponentRole.Plateau || c.Role == ComponentRole.WholeSchedule || c.IsWindowed) continue;
                        At(c.Name, i);
                        Add(RuleKind.ConflictingComponents, null, -1,
                            $"{c.Name} cannot be combined with {_d.Components[wholeIndex].Name}, which defines the whole schedule (its own warmup included); remove one of them.");
                    }
                }

                if (_d.Horizon is double h && prefixLength > 0 && prefixLength >= h && IsFinite(prefixLength))
                {
                    int last = LastPrefixIndex();
                    At(_d.Components[last].Name, last);
                    Add(RuleKind.PrefixExceedsHorizon, null, -1,
                        $"Warmup and hold last {Numbers.Format(prefixLength)} but the horizon is {Numbers.Format(h)}: nothing would be left for the decay; shorten them or lengthen the horizon.");
                }
                else if (_d.Horizon is double remainingHorizon)
                {
                    CheckNeverFires(remainingHorizon, prefixLength);
                }
                CheckWindowsTogether();
            }

            // The marker: its value is the base the factors scale (finite, > 0), within the kind's range; a name only for [Hyperparameter].
            private void CheckMarker()
            {
                At(DslName.Of(HyperparameterKinds.MarkerOf(_d.Kind)), -1);
                string value = HyperparameterKinds.ValueParameterOf(_d.Kind);
                Positive(value, _d.LearningRate);
                if (IsFinite(_d.LearningRate) && _d.LearningRate > 0) Value(value, _d.LearningRate);
                string name = nameof(HyperparameterAttribute.Name);
                if (_d.Kind == HyperparameterKind.Other && HyperparameterKinds.NameProblem(_d.Name) is string problem)
                    Add(RuleKind.InvalidArgument, name, -1, $"{_component}.{name} = {(_d.Name is null ? "null" : CSharp.Literal(_d.Name))}: {problem}.");
                else if (_d.Kind != HyperparameterKind.Other && _d.Name is not null)
                    Add(RuleKind.InvalidArgument, null, -1,
                        $"{_component}: a {Noun} schedule goes by '{_d.HyperparameterName}' and takes no name (Name = {CSharp.Literal(_d.Name)}); only [{DslName.Of(typeof(HyperparameterAttribute))}] is named.");
            }

            // Components whose lowest factor is 0 bring a temperature to 0 (it divides): each needs a positive end or a floor.
            private void CheckStaysPositive(ScheduleComponent c, int errorsBefore)
            {
                if (!HyperparameterKinds.IsPositive(_d.Kind) || _d.Floor is > 0 || !(IsFinite(_d.LearningRate) && _d.LearningRate > 0)) return;
                if (Violations.Count > errorsBefore) return; // its own argument is already at fault
                if (c.SmallestFactor(MaxTime, _d.LearningRate) is double smallest && smallest <= 0)
                    Add(RuleKind.InvalidArgument, null, -1,
                        $"{c.Name}: brings the {Noun} to 0 (its lowest factor is 0); {AOrAn(Noun)} {Noun} must stay above 0: give it an end above 0 (EndValue, MinLr...) or declare [{DslName.Of(typeof(FloorAttribute))}(value)].");
            }

            // Reported on the component whose largest factor lifts the value above 1 (once; not when its own argument is already at fault).
            private void CheckAtMostOne()
            {
                double largest = 1.0;
                for (int i = 0; i < _d.Components.Count; i++)
                {
                    ScheduleComponent c = _d.Components[i];
                    if (c.Role is not (ComponentRole.Shape or ComponentRole.WholeSchedule)) continue;
                    double f = c.LargestFactor(MaxTime, _d.LearningRate);
                    double product = largest * f;
                    if (!IsFinite(product)) return; // overflow: reported above
                    if (_d.LearningRate * product > 1)
                    {
                        if (HasError(i)) return;
                        At(c.Name, i);
                        Add(RuleKind.InvalidArgument, null, -1,
                            $"{c.Name}: lifts the {Noun} to {Numbers.Format(_d.LearningRate * product)} ({Numbers.Format(_d.LearningRate)} x its largest factor {Numbers.Format(f)}"
                            + (largest != 1.0 ? $" x the other shapes' {Numbers.Format(largest)}" : "") + $"), above 1; {AOrAn(Noun)} {Noun} must lie within [0, 1].");
                        return;
                    }
                    largest = product;
                }
            }

            private bool HasError(int componentIndex) => Violations.Exists(v => v.ComponentIndex == componentIndex && v.Severity == RuleSeverity.Error);

            /// <summary>The hyperparameter in words (<c>learning rate</c>, <c>EMA decay</c>...).</summary>
            public string Noun => HyperparameterKinds.Noun(_d.Kind, _d.Name);

            private static string AOrAn(string noun) => noun.Length > 0 && "aeiouAEIOU".IndexOf(noun[0]) >= 0 ? "an" : "a";

            // A window on its own: From >= 0, Until > From, both finite; never on reduction on plateau; inside the horizon.
            private void CheckWindow(ScheduleComponent c)
            {
                CheckStartAt(c);
                if (!c.IsWindowed) return;
                string from = nameof(ScheduleComponent.From), until = nameof(ScheduleComponent.Until);
                if (c.Role == ComponentRole.Plateau)
                {
                    Invalid(c.From is null ? until : from, c.From ?? c.Until!.Value, "reduction on plateau applies to the whole schedule and takes no window");
                    return;
                }
                if (c.From is double f) NonNegative(from, f);
                if (c.Until is double u)
                {
                    if (!(IsFinite(u) && u > 0)) Invalid(until, u, "must be a finite number greater than 0 (leave it out for an open-ended window)");
                    else if (c.From is double f2 && IsFinite(f2) && u <= f2)
                        Invalid(until, u, $"must be greater than From = {Numbers.Format(f2)} (an empty window never applies)");
                }
                if (_d.Horizon is double h && IsFinite(h))
                {
                    if (c.From is double start && IsFinite(start) && start >= h)
                        Add(RuleKind.WindowConflict, from, -1, RuleSeverity.Warning,
                            $"{_component}.From = {Numbers.Format(start)}: the window starts at or after the end of training ({Numbers.Format(h)}), so the component never applies.");
                    else if (c.Until is double end && IsFinite(end) && end > h)
                        Add(RuleKind.WindowConflict, until, -1, RuleSeverity.Warning,
                            $"{_component}.Until = {Numbers.Format(end)}: the window ends past the end of training ({Numbers.Format(h)}); leave Until out or set it to the horizon.", h);
                }
            }

            // StartAt: finite, >= 0; only where a window gives the component its own time, and not on a warmup or hold
            // (one entered part way is a shorter one).
            private void CheckStartAt(ScheduleComponent c)
            {
                string startAt = nameof(ScheduleComponent.StartAt);
                if (c.StartAt == 0.0) return;
                if (!(IsFinite(c.StartAt) && c.StartAt >= 0)) Invalid(startAt, c.StartAt, "must be a finite number at least 0");
                else if (c.Role == ComponentRole.Plateau) Invalid(startAt, c.StartAt, "reduction on plateau applies to the whole schedule and takes no start time");
                else if (c.Role == ComponentRole.Prefix) Invalid(startAt, c.StartAt, "a warmup or hold entered part way is a shorter one; shorten it instead");
                else if (!c.IsWindowed) Invalid(startAt, c.StartAt, "shifts the component's time inside a window; give it a window (From/Until)");
            }

            // Windows read as phases in time order: a hole between two of them (the rate jumps back to the peak there),
            // or the same family twice over the same time (two phases of a sequence that overlap), is likely a mistake.
            private void CheckWindowsTogether()
            {
                var windows = new List<int>();
                for (int i = 0; i < _d.Components.Count; i++)
                {
                    ScheduleComponent c = _d.Components[i];
                    if (c.IsWindowed && c.Role != ComponentRole.Plateau && IsFinite(c.WindowStart) && c.WindowStart >= 0 && c.WindowEnd > c.WindowStart)
                        windows.Add(i);
                }
                windows.Sort((a, b) => _d.Components[a].WindowStart.CompareTo(_d.Components[b].WindowStart) is int order && order != 0 ? order : a.CompareTo(b));
                double covered = double.NaN; // end of the windows seen so far (they start earlier)
                for (int k = 0; k < windows.Count; k++)
                {
                    ScheduleComponent c = _d.Components[windows[k]];
                    At(c.Name, windows[k]);
                    if (covered < c.WindowStart)
                        Add(RuleKind.WindowConflict, nameof(ScheduleComponent.From), -1, RuleSeverity.Warning,
                            $"{_component}.From = {Numbers.Format(c.WindowStart)}: no window applies between {Numbers.Format(covered)} and {Numbers.Format(c.WindowStart)}, where the rate returns to the peak; start it at {Numbers.Format(covered)}.", covered);
                    for (int j = 0; j < k; j++)
                    {
                        ScheduleComponent earlier = _d.Components[windows[j]];
                        if (earlier.Name == c.Name && earlier.WindowEnd > c.WindowStart)
                        {
                            Add(RuleKind.WindowConflict, nameof(ScheduleComponent.From), -1, RuleSeverity.Warning,
                                $"{_component}.From = {Numbers.Format(c.WindowStart)}: overlaps the {earlier.Name} before it, which runs until {Numbers.Format(earlier.WindowEnd)}; both factors would multiply there. Start it at {Numbers.Format(earlier.WindowEnd)}, or drop the windows to chain them.", earlier.WindowEnd);
                            break;
                        }
                    }
                    covered = double.IsNaN(covered) ? c.WindowEnd : Math.Max(covered, c.WindowEnd);
                }
            }

            private void CheckNeverFires(double horizon, double prefixLength)
            {
                for (int i = 0; i < _d.Components.Count; i++)
                {
                    ScheduleComponent c = _d.Components[i];
                    // A windowed decay runs on its window's time: until its end, or until the horizon.
                    double remaining = c.IsWindowed ? Math.Min(c.WindowEnd, horizon) - c.WindowStart + c.StartAt : horizon - prefixLength;
                    if (!IsFinite(remaining) || remaining <= 0) continue;
                    string after = c.IsWindowed ? "in its window" : "after warmup/hold";
                    At(c.Name, i);
                    if (c is StepDecayShape s && IsFinite(s.StepSize) && s.StepSize >= remaining && s.StepSize > 0)
                        Add(RuleKind.NeverFires, nameof(StepDecayShape.StepSize), -1, RuleSeverity.Warning,
                            $"{_component}.StepSize = {Numbers.Format(s.StepSize)}: the first decay would come at or after the end of training ({Numbers.Format(remaining)} {after}), so it never fires.");
                    if (c is MultiStepShape m)
                        for (int k = 0; k < m.Milestones.Count; k++)
                            if (m.Milestones[k] >= remaining && IsFinite(m.Milestones[k]))
                                Add(RuleKind.NeverFires, nameof(MultiStepShape.Milestones), k, RuleSeverity.Warning,
                                    $"{_component}.Milestones[{k}] = {Numbers.Format(m.Milestones[k])}: at or after the end of training ({Numbers.Format(remaining)} {after}), so it never fires.");
                }
            }

            private int LastPrefixIndex()
            {
                int last = -1;
                for (int i = 0; i < _d.Components.Count; i++)
                    if (_d.Components[i].Role == ComponentRole.Prefix && !_d.Components[i].IsWindowed) last = i;
                return last;
            }

            private void At(string component, int index)
            {
                _component = component;
                _index = index;
            }

            public static bool IsFinite(double x) => !double.IsNaN(x) && !double.IsInfinity(x);

            /// <summary>The latest time a tick can reach: the horizon when the schedule stops or holds there,
            /// otherwise <c>long.MaxValue</c> steps (a time never exceeds its step count). Derived quantities
            /// (t / period, gamma^t, ...) are checked at this time so an accepted schedule never yields NaN or infinity.</summary>
            public double MaxTime => _d.Horizon is double h && IsFinite(h) && h > 0 && _d.PastHorizon != PastHorizonPolicy.Continue
                ? Math.Min(h, long.MaxValue)
                : long.MaxValue;

            /// <summary>A period or step size (an argument already checked positive): time divided by it, times pi, must stay finite.</summary>
            public void TimeScale(string parameter, double value)
            {
                if (IsFinite(value) && value > 0 && !IsFinite(Math.PI * MaxTime / value))
                    Invalid(parameter, value, $"is too short: {Numbers.Format(MaxTime)} / {parameter} overflows to infinity (the rate would be NaN)");
            }

            /// <summary>A growth factor (gamma > 1) raised to the number of periods up to <see cref="MaxTime"/> must stay finite.</summary>
            public void BoundedGrowth(string parameter, double gamma, double exponent)
            {
                if (IsFinite(gamma) && gamma > 1 && IsFinite(exponent) && !IsFinite(Math.Pow(gamma, exponent)))
                    Invalid(parameter, gamma, $"grows without bound: {parameter}^{Numbers.Format(exponent)} (at time {Numbers.Format(MaxTime)}) overflows to infinity; use a value <= 1, a shorter horizon or PastHorizon(Hold)");
            }

            public void Positive(string parameter, double value)
            {
                if (!(IsFinite(value) && value > 0)) Invalid(parameter, value, "must be a finite number greater than 0");
            }

            public void OptionalPositive(string parameter, double? value)
            {
                if (value is double v) Positive(parameter, v);
            }

            public void NonNegative(string parameter, double value)
            {
                if (!(IsFinite(value) && value >= 0)) Invalid(parameter, value, "must be a finite number >= 0");
            }

            public void InRange(string parameter, double value, double min, double max)
            {
                if (!(IsFinite(value) && value >= min && value <= max))
                    Invalid(parameter, value, $"must lie between {Numbers.Format(min)} and {Numbers.Format(max)}");
            }

            // Minimum and end rates are absolute: above the peak they would turn a decay into a rise.
            // An invalid peak is reported once, on [LearningRate]: comparing against it would only add a cascade.
            public void AtMostPeak(string parameter, double value, bool kindRange = true)
            {
                if (!(IsFinite(value) && value >= 0)) Invalid(parameter, value, "must be a finite rate >= 0");
                else if (value > _d.LearningRate && IsFinite(_d.LearningRate) && _d.LearningRate > 0)
                    Invalid(parameter, value, $"must not exceed {Peak} {Numbers.Format(_d.LearningRate)}");
                else if (kindRange) Value(parameter, value);
            }

            /// <summary>An absolute end value (EndValue, MinLr, EndLr) of a family that may end above the base for every kind
            /// but the learning rate (an EMA decay rising to 1): at most the peak for a learning rate, within the kind's range otherwise.</summary>
            public void EndValue(string parameter, double value)
            {
                if (_d.Kind == HyperparameterKind.LearningRate) AtMostPeak(parameter, value);
                else if (!(IsFinite(value) && value >= 0)) Invalid(parameter, value, "must be a finite number >= 0");
                else Value(parameter, value);
            }

            /// <summary>An absolute value of the hyperparameter (base, end, minimum) within its kind's range: a momentum or an
            /// EMA decay at most 1 (1 suggested), a temperature above 0 unless a positive floor holds it. Called with a value already checked finite and >= 0.</summary>
            public void Value(string parameter, double value)
            {
                if (HyperparameterKinds.IsAtMostOne(_d.Kind) && value > 1)
                    Add(RuleKind.InvalidArgument, parameter, -1, RuleSeverity.Error,
                        $"{_component}.{parameter} = {Numbers.Format(value)}: {AOrAn(Noun)} {Noun} must lie within [0, 1].", 1.0);
                else if (HyperparameterKinds.IsPositive(_d.Kind) && value == 0 && !(_d.Floor > 0)) // a positive floor keeps it above 0
                    Invalid(parameter, value, $"{AOrAn(Noun)} {Noun} must stay above 0 (or declare [{DslName.Of(typeof(FloorAttribute))}(value)])");
            }

            /// <summary>The peak in words: <c>the peak learning rate</c>, or <c>the base weight decay</c> for another kind.</summary>
            public string Peak => _d.Kind == HyperparameterKind.LearningRate ? "the peak learning rate" : $"the base {Noun}";

            /// <summary>What the schedule's values are called in messages: <c>rate</c>, or the kind (<c>weight decay</c>...).</summary>
            public string ValueWord => _d.Kind == HyperparameterKind.LearningRate ? "rate" : Noun;

            // A decay multiplies the rate by its factor: above 1 it grows instead (valid, but surely not meant).
            public void DecayFactor(string parameter, double value)
            {
                if (IsFinite(value) && value > 1)
                    Add(RuleKind.GrowingDecay, parameter, -1, RuleSeverity.Warning,
                        $"{_component}.{parameter} = {Numbers.Format(value)}: a decay factor above 1 makes the {ValueWord} grow over training instead of shrinking (past the declared {(_d.Kind == HyperparameterKind.LearningRate ? "peak" : "base")}); use a factor between 0 and 1 (e.g. 0.1).");
            }

            public void Invalid(string parameter, double value, string rule, string? shown = null) =>
                Add(RuleKind.InvalidArgument, parameter, -1, $"{_component}.{parameter} = {shown ?? Numbers.Format(value)}: {rule}.");

            public void Add(RuleKind kind, string? parameter, int element, string message) =>
                Add(kind, parameter, element, RuleSeverity.Error, message);

            public void Add(RuleKind kind, string? parameter, int element, RuleSeverity severity, string message, double? suggested = null) =>
                Violations.Add(new RuleViolation(kind, severity, _component, _index, parameter, element, message) { SuggestedValue = suggested });
        }
    }
}
