using System;
using System.Collections.Generic;
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
            var v = new Checker(definition);
            v.Check();
            return v.Violations;
        }

        /// <summary>Throws <see cref="ScheduleValidationException"/> for the first error of <paramref name="definition"/>.</summary>
        public static void ThrowIfInvalid(ScheduleDefinition definition)
        {
            foreach (RuleViolation violation in Validate(definition))
                if (violation.Severity == RuleSeverity.Error) throw new ScheduleValidationException(violation);
        }

        private sealed class Checker
        {
            private readonly ScheduleDefinition _d;
            private string _component = "";
            private int _index = -1;

            public Checker(ScheduleDefinition definition) => _d = definition;

            public List<RuleViolation> Violations { get; } = new();

            public void Check()
            {
                At("LearningRate", -1);
                Positive("Rate", _d.LearningRate);
                if (_d.Horizon is double horizon)
                {
                    At(_d.Unit == TimeUnit.Epochs ? "Epochs" : "Steps", -1);
                    Positive("Count", horizon);
                }
                if (_d.Floor is double floor)
                {
                    At("Floor", -1);
                    AtMostPeak("Rate", floor);
                }

                var seen = new HashSet<string>();
                int wholeIndex = -1;
                double prefixLength = 0;
                for (int i = 0; i < _d.Components.Count; i++)
                {
                    ScheduleComponent c = _d.Components[i];
                    At(c.Name, i);
                    if (!seen.Add(c.Name))
                        Add(RuleKind.ConflictingComponents, null, -1, $"{c.Name} is declared twice; declare each component once.");
                    if (c.Role == ComponentRole.WholeSchedule)
                    {
                        if (wholeIndex >= 0)
                            Add(RuleKind.ConflictingComponents, null, -1, $"{c.Name} cannot be combined with {_d.Components[wholeIndex].Name}: each defines the whole schedule.");
                        wholeIndex = i;
                    }
                    if (c.NeedsHorizon && _d.Horizon is null)
                        Add(RuleKind.MissingHorizon, null, -1, $"{c.Name} needs the schedule's horizon: declare [Epochs(n)] or [Steps(n)], or give its length explicitly.");
                    CheckArguments(c);
                    if (c.Role == ComponentRole.Prefix) prefixLength += c is WarmupPhase w ? w.Length : ((HoldPhase)c).Length;
                }

                if (wholeIndex >= 0)
                {
                    for (int i = 0; i < _d.Components.Count; i++)
                    {
                        ScheduleComponent c = _d.Components[i];
                        if (i == wholeIndex || c.Role == ComponentRole.Plateau || c.Role == ComponentRole.WholeSchedule) continue;
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
                    CheckNeverFires(remainingHorizon - prefixLength);
                }
            }

            private void CheckArguments(ScheduleComponent c)
            {
                switch (c)
                {
                    case WarmupPhase w:
                        Positive("Length", w.Length);
                        InRange("StartFactor", w.StartFactor, 0, 1);
                        if ((w.Kind == WarmupKind.Exponential) && w.StartFactor <= 0)
                            Invalid("StartFactor", w.StartFactor, "an exponential warmup needs a start factor greater than 0");
                        break;
                    case HoldPhase hold:
                        Positive("Length", hold.Length);
                        break;
                    case StepDecayShape s:
                        Positive("StepSize", s.StepSize);
                        Positive("Gamma", s.Gamma);
                        break;
                    case MultiStepShape m:
                        if (m.Milestones.Count == 0) Invalid("Milestones", double.NaN, "at least one milestone is required", "(none)");
                        for (int k = 0; k < m.Milestones.Count; k++)
                        {
                            double value = m.Milestones[k];
                            if (!IsFinite(value) || value < 0)
                                Add(RuleKind.InvalidArgument, "Milestones", k, $"{_component}.Milestones[{k}] = {Numbers.Format(value)}: must be a finite number >= 0.");
                            else if (k > 0 && value < m.Milestones[k - 1])
                                Add(RuleKind.MilestonesNotIncreasing, "Milestones", k,
                                    $"{_component}.Milestones[{k}] = {Numbers.Format(value)}: milestones must not decrease, but the previous one is {Numbers.Format(m.Milestones[k - 1])}.");
                        }
                        Positive("Gamma", m.Gamma);
                        break;
                    case ExponentialShape e:
                        Positive("Gamma", e.Gamma);
                        Positive("DecaySteps", e.DecaySteps);
                        break;
                    case PolynomialShape p:
                        Positive("Power", p.Power);
                        AtMostPeak("EndLr", p.EndLr);
                        OptionalPositive("TotalIters", p.TotalIters);
                        break;
                    case InverseTimeShape it:
                        NonNegative("DecayRate", it.DecayRate);
                        Positive("DecaySteps", it.DecaySteps);
                        break;
                    case InverseSqrtShape isq:
                        OptionalPositive("Timescale", isq.Timescale);
                        break;
                    case LinearDecayShape l:
                        NonNegative("StartFactor", l.StartFactor);
                        NonNegative("EndFactor", l.EndFactor);
                        OptionalPositive("TotalIters", l.TotalIters);
                        break;
                    case CosineShape cos:
                        AtMostPeak("MinLr", cos.MinLr);
                        OptionalPositive("Period", cos.Period);
                        break;
                    case CosineRestartsShape r:
                        Positive("T0", r.T0);
                        if (r.TMult < 1) Invalid("TMult", r.TMult, "must be an integer >= 1");
                        AtMostPeak("MinLr", r.MinLr);
                        break;
                    case CyclicShape cy:
                        AtMostPeak("BaseLr", cy.BaseLr);
                        Positive("StepSizeUp", cy.StepSizeUp);
                        OptionalPositive("StepSizeDown", cy.StepSizeDown);
                        Positive("Gamma", cy.Gamma);
                        break;
                    case OneCycleShape o:
                        // PyTorch's phase ends (pct*T - 1, T - 1) count optimizer steps; in epochs they would be off.
                        if (_d.Unit != TimeUnit.Steps)
                            Add(RuleKind.InvalidArgument, null, -1,
                                "OneCycle counts optimizer steps (its phases end at PctStart * T - 1 and T - 1 steps): declare the schedule with [Steps(epochs * stepsPerEpoch)] instead of [Epochs].");
                        if (!(o.PctStart > 0 && o.PctStart < 1)) Invalid("PctStart", o.PctStart, "must lie strictly between 0 and 1");
                        else if (_d.Horizon is double total && IsFinite(total))
                        {
                            if (o.PctStart * total - 1.0 <= 0)
                                Invalid("PctStart", o.PctStart, $"its warmup phase ends at PctStart * {Numbers.Format(total)} - 1 <= 0 steps; raise it or the horizon");
                            else if (o.ThreePhase && 2.0 * o.PctStart * total - 2.0 >= total - 1.0)
                                Invalid("PctStart", o.PctStart, "a three-phase cycle needs 2 * PctStart * total - 2 < total - 1 (PctStart below about 0.5)");
                        }
                        Positive("DivFactor", o.DivFactor);
                        Positive("FinalDivFactor", o.FinalDivFactor);
                        break;
                    case WsdShape wsd:
                        NonNegative("WarmupLength", wsd.WarmupLength);
                        NonNegative("StableLength", wsd.StableLength);
                        OptionalPositive("DecayLength", wsd.DecayLength);
                        InRange("MinLrRatio", wsd.MinLrRatio, 0, 1);
                        Positive("NumCycles", wsd.NumCycles);
                        if (wsd.DecayLength is null && _d.Horizon is double wh && wsd.WarmupLength + wsd.StableLength >= wh)
                            Add(RuleKind.PrefixExceedsHorizon, "StableLength", -1,
                                $"Wsd warmup and stable phases last {Numbers.Format(wsd.WarmupLength + wsd.StableLength)} but the horizon is {Numbers.Format(wh)}: no time is left to decay.");
                        break;
                    case PlateauReduction pl:
                        if (!(pl.Factor > 0 && pl.Factor < 1)) Invalid("Factor", pl.Factor, "must lie strictly between 0 and 1");
                        if (pl.Patience < 0) Invalid("Patience", pl.Patience, "must be >= 0");
                        NonNegative("Threshold", pl.Threshold);
                        if (pl.Cooldown < 0) Invalid("Cooldown", pl.Cooldown, "must be >= 0");
                        AtMostPeak("MinLr", pl.MinLr);
                        NonNegative("Eps", pl.Eps);
                        break;
                    case CustomShape custom:
                        if (string.IsNullOrEmpty(custom.MethodName))
                            Add(RuleKind.InvalidArgument, "MethodName", -1, $"{_component}.MethodName is empty: name a static method of the class, e.g. nameof(MyFactor).");
                        break;
                }
            }

            private void CheckNeverFires(double remaining)
            {
                if (!IsFinite(remaining) || remaining <= 0) return;
                for (int i = 0; i < _d.Components.Count; i++)
                {
                    At(_d.Components[i].Name, i);
                    if (_d.Components[i] is StepDecayShape s && IsFinite(s.StepSize) && s.StepSize >= remaining && s.StepSize > 0)
                        Add(RuleKind.NeverFires, "StepSize", -1, RuleSeverity.Warning,
                            $"{_component}.StepSize = {Numbers.Format(s.StepSize)}: the first decay would come at or after the end of training ({Numbers.Format(remaining)} after warmup/hold), so it never fires.");
                    if (_d.Components[i] is MultiStepShape m)
                        for (int k = 0; k < m.Milestones.Count; k++)
                            if (m.Milestones[k] >= remaining && IsFinite(m.Milestones[k]))
                                Add(RuleKind.NeverFires, "Milestones", k, RuleSeverity.Warning,
                                    $"{_component}.Milestones[{k}] = {Numbers.Format(m.Milestones[k])}: at or after the end of training ({Numbers.Format(remaining)} after warmup/hold), so it never fires.");
                }
            }

            private int LastPrefixIndex()
            {
                int last = -1;
                for (int i = 0; i < _d.Components.Count; i++)
                    if (_d.Components[i].Role == ComponentRole.Prefix) last = i;
                return last;
            }

            private void At(string component, int index)
            {
                _component = component;
                _index = index;
            }

            private static bool IsFinite(double x) => !double.IsNaN(x) && !double.IsInfinity(x);

            private void Positive(string parameter, double value)
            {
                if (!(IsFinite(value) && value > 0)) Invalid(parameter, value, "must be a finite number greater than 0");
            }

            private void OptionalPositive(string parameter, double? value)
            {
                if (value is double v) Positive(parameter, v);
            }

            private void NonNegative(string parameter, double value)
            {
                if (!(IsFinite(value) && value >= 0)) Invalid(parameter, value, "must be a finite number >= 0");
            }

            private void InRange(string parameter, double value, double min, double max)
            {
                if (!(IsFinite(value) && value >= min && value <= max))
                    Invalid(parameter, value, $"must lie between {Numbers.Format(min)} and {Numbers.Format(max)}");
            }

            // Minimum and end rates are absolute: above the peak they would turn a decay into a rise.
            private void AtMostPeak(string parameter, double value)
            {
                if (!(IsFinite(value) && value >= 0)) Invalid(parameter, value, "must be a finite rate >= 0");
                else if (value > _d.LearningRate && IsFinite(_d.LearningRate))
                    Invalid(parameter, value, $"must not exceed the peak learning rate {Numbers.Format(_d.LearningRate)}");
            }

            private void Invalid(string parameter, double value, string rule, string? shown = null) =>
                Add(RuleKind.InvalidArgument, parameter, -1, $"{_component}.{parameter} = {shown ?? Numbers.Format(value)}: {rule}.");

            private void Add(RuleKind kind, string? parameter, int element, string message) =>
                Add(kind, parameter, element, RuleSeverity.Error, message);

            private void Add(RuleKind kind, string? parameter, int element, RuleSeverity severity, string message) =>
                Violations.Add(new RuleViolation(kind, severity, _component, _index, parameter, element, message));
        }
    }
}
