using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Validation;
using Xunit;

namespace ScheduleDsl.Tests.Validation
{
    /// <summary>Each violation is attributed where tools put it: the component and its index, the parameter, the array
    /// element (-1: none), the severity; and a rule reports once, on the component at fault, not again on the ones after
    /// it or on a value already refused. Every expected record is written out from the rules in docs/schedule-semantics.md.</summary>
    public class ViolationAttributionTests
    {
        private static ScheduleDefinition Lr(double rate, double? horizon, params ScheduleComponent[] components) =>
            ScheduleDefinition.Create(rate, TimeUnit.Epochs, horizon, components);

        private static ScheduleDefinition Of(HyperparameterKind kind, double value, double? horizon, params ScheduleComponent[] components) =>
            Lr(value, horizon, components).WithKind(kind);

        // Kind, severity, component#index.parameter[element] and the message, one line per violation.
        private static string[] Shown(ScheduleDefinition d) => ScheduleRules.Validate(d)
            .Select(v => $"{v.Kind} {v.Severity} {v.Component}#{v.ComponentIndex}.{v.Parameter ?? "-"}[{v.ElementIndex}]: {v.Message}").ToArray();

        private static void Expect(ScheduleDefinition d, params string[] expected) => Assert.Equal(expected, Shown(d));

        [Fact]
        public void Shapes_whose_growth_overflows_together_are_reported_once_on_the_first_that_overflows()
        {
            // Held at the horizon 3: each StepDecay(1, 1e100) grows to 1e300 (finite); two of them overflow.
            var growing = new StepDecayShape(1, 1e100);
            string grows = "StepDecay.Gamma = 1E+100: a decay factor above 1 makes the rate grow over training instead of shrinking (past the declared peak); use a factor between 0 and 1 (e.g. 0.1).";
            Expect(Lr(0.1, 3, growing, new WarmupPhase(1), growing, growing),
                $"GrowingDecay Warning StepDecay#0.Gamma[-1]: {grows}",
                $"GrowingDecay Warning StepDecay#2.Gamma[-1]: {grows}",
                $"GrowingDecay Warning StepDecay#3.Gamma[-1]: {grows}",
                "InvalidArgument Error StepDecay#2.-[-1]: StepDecay: its largest factor (1E+300) times the other shapes' (1E+300) overflows to infinity; lower the growth.");
        }

        [Fact]
        public void Warmup_and_hold_lengths_that_overflow_are_reported_once()
        {
            string[] shown = Shown(Lr(0.1, null, new WarmupPhase(1e308), new HoldPhase(1e308), new HoldPhase(1)));
            Assert.Equal(new[] { "InvalidArgument Error Hold#1.Length[-1]: Hold.Length = 1E+308: the warmup and hold lengths add up to more than a double can hold (1E+308 + 1E+308); shorten them." },
                shown.Where(s => s.Contains("add up", StringComparison.Ordinal)).ToArray());
        }

        [Fact]
        public void A_whole_schedule_first_conflicts_with_every_shape_after_it()
        {
            Expect(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new OneCycleShape(), new StepDecayShape(10, 0.5)),
                "ConflictingComponents Error StepDecay#1.-[-1]: StepDecay cannot be combined with OneCycle, which defines the whole schedule (its own warmup included); remove one of them.");
        }

        [Fact]
        public void A_window_gives_a_component_its_own_horizon()
        {
            // OneCycle over a window of 20 steps: 0.04 * 20 - 1 <= 0, although 0.04 * 1000 - 1 would not be.
            Expect(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 1000, new OneCycleShape(PctStart: 0.04) { Until = 20 }, new CosineShape() { From = 20 }),
                "InvalidArgument Error OneCycle#0.PctStart[-1]: OneCycle.PctStart = 0.04: its warmup phase ends at PctStart * 20 - 1 <= 0 steps; raise it or the horizon.");
        }

        [Fact]
        public void A_momentum_of_exactly_1_lifted_by_a_shape_is_reported_on_the_first_shape_that_lifts_it()
        {
            string grows = "StepDecay.Gamma = 2: a decay factor above 1 makes the momentum grow over training instead of shrinking (past the declared base); use a factor between 0 and 1 (e.g. 0.1).";
            Expect(Of(HyperparameterKind.Momentum, 1.0, 10, new WarmupPhase(2), new StepDecayShape(4, 2), new StepDecayShape(4, 2)),
                $"GrowingDecay Warning StepDecay#1.Gamma[-1]: {grows}",
                $"GrowingDecay Warning StepDecay#2.Gamma[-1]: {grows}",
                "InvalidArgument Error StepDecay#1.-[-1]: StepDecay: lifts the momentum to 4 (1 x its largest factor 4), above 1; a momentum must lie within [0, 1].");
            // A prefix is no shape: it never lifts; a valid momentum schedule with one has no violation.
            Expect(Of(HyperparameterKind.Momentum, 0.9, 10, new WarmupPhase(2), new CosineShape()));
        }

        [Fact]
        public void A_momentum_lifted_past_1_by_its_first_shape_is_reported_there_once()
        {
            string grows = "StepDecay.Gamma = 1E+100: a decay factor above 1 makes the momentum grow over training instead of shrinking (past the declared base); use a factor between 0 and 1 (e.g. 0.1).";
            Expect(Of(HyperparameterKind.Momentum, 0.5, 3, new StepDecayShape(1, 1e100), new StepDecayShape(1, 1e100)),
                $"GrowingDecay Warning StepDecay#0.Gamma[-1]: {grows}",
                $"GrowingDecay Warning StepDecay#1.Gamma[-1]: {grows}",
                "InvalidArgument Error StepDecay#1.-[-1]: StepDecay: its largest factor (1E+300) times the other shapes' (1E+300) overflows to infinity; lower the growth.",
                "InvalidArgument Error StepDecay#0.-[-1]: StepDecay: lifts the momentum to 5E+299 (0.5 x its largest factor 1E+300), above 1; a momentum must lie within [0, 1].");
        }

        [Fact]
        public void An_invalid_base_value_is_refused_once_on_the_marker()
        {
            Expect(Of(HyperparameterKind.Temperature, 0, 10, new CosineShape(EndValue: 0.1)),
                "InvalidArgument Error Temperature#-1.Value[-1]: Temperature.Value = 0: must be a finite number greater than 0.");
            Expect(Of(HyperparameterKind.Momentum, double.PositiveInfinity, 10, new CosineShape()),
                "InvalidArgument Error Momentum#-1.Value[-1]: Momentum.Value = Infinity: must be a finite number greater than 0.");
            // An end value is not compared with an invalid peak (that would only add a cascade).
            Expect(Lr(0, 10, new CosineShape(0.1)),
                "InvalidArgument Error LearningRate#-1.Rate[-1]: LearningRate.Rate = 0: must be a finite number greater than 0.");
        }

        [Fact]
        public void Names_kinds_and_ranges_are_reported_on_the_whole_marker_or_the_value()
        {
            Expect(Lr(0.1, 10, new CosineShape()).WithKind(HyperparameterKind.Other, "loss weight"),
                "InvalidArgument Error Hyperparameter#-1.Name[-1]: Hyperparameter.Name = \"loss weight\": may hold only letters, digits, '_', '.', '-' and '/' (it names the schedule in logs and checkpoints).");
            Expect(Lr(0.1, 10, new CosineShape()).WithKind(HyperparameterKind.WeightDecay) with { Name = "wd" },
                "InvalidArgument Error WeightDecay#-1.-[-1]: WeightDecay: a weight decay schedule goes by 'weight_decay' and takes no name (Name = \"wd\"); only [Hyperparameter] is named.");
            var ema = ScheduleRules.Validate(Of(HyperparameterKind.EmaDecay, 0.99, 10, new CosineShape(EndValue: 1.5))).Single();
            Assert.Equal((RuleKind.InvalidArgument, RuleSeverity.Error, "Cosine", 0, "EndValue", -1, 1.0),
                (ema.Kind, ema.Severity, ema.Component, ema.ComponentIndex, ema.Parameter, ema.ElementIndex, ema.SuggestedValue));
            Assert.Equal("Cosine.EndValue = 1.5: an EMA decay must lie within [0, 1].", ema.Message);
        }

        [Fact]
        public void A_temperature_brought_to_0_is_reported_on_the_component_unless_a_positive_floor_holds_it()
        {
            // Warmup-stable-decay runs between MinLrRatio and 1 (Hugging Face): at 0 it brings the temperature to 0, above 0 it does not.
            Expect(Of(HyperparameterKind.Temperature, 1.0, 100, new WsdShape(10, 20)),
                "InvalidArgument Error Wsd#0.-[-1]: Wsd: brings the temperature to 0 (its lowest factor is 0); a temperature must stay above 0: give it an end above 0 (EndValue, MinLr...) or declare [Floor(value)].");
            Expect(Of(HyperparameterKind.Temperature, 1.0, 100, new WsdShape(10, 20, null, MinLrRatio: 0.1)));
            // A cosine's default minimum of 0 is refused on that argument.
            Expect(Of(HyperparameterKind.Temperature, 1.0, 10, new CosineShape()),
                "InvalidArgument Error Cosine#0.MinLr[-1]: Cosine.MinLr = 0: a temperature must stay above 0 (or declare [Floor(value)]).");
            // An end of 0 with a floor of 0: the floor holds nothing up.
            Expect(Of(HyperparameterKind.Temperature, 1.0, 10, new CosineShape(EndValue: 0)) with { Floor = 0 },
                "InvalidArgument Error Cosine#0.EndValue[-1]: Cosine.EndValue = 0: a temperature must stay above 0 (or declare [Floor(value)]).");
            Expect(Of(HyperparameterKind.Temperature, 1.0, 10, new CosineShape(EndValue: 0)) with { Floor = 0.01 });
            // A floor of 0 over an end above 0 is valid: the floor itself is not held to the kind's range.
            Expect(Of(HyperparameterKind.Temperature, 1.0, 10, new CosineShape(EndValue: 0.1)) with { Floor = 0 });
        }

        [Theory]
        [InlineData(-1.0, "-1")]
        [InlineData(double.PositiveInfinity, "Infinity")]
        public void A_window_start_is_a_finite_number_at_least_0(double from, string shown)
        {
            Expect(Lr(0.1, 10, new CosineShape() { From = from }),
                $"InvalidArgument Error Cosine#0.From[-1]: Cosine.From = {shown}: must be a finite number >= 0.");
        }

        [Fact]
        public void Windows_past_the_horizon_and_between_phases_are_warnings_on_From_or_Until()
        {
            Expect(Lr(0.1, 10, new StepDecayShape(3, 0.5) { From = 10 }),
                "WindowConflict Warning StepDecay#0.From[-1]: StepDecay.From = 10: the window starts at or after the end of training (10), so the component never applies.");
            Expect(Lr(0.1, 10, new CosineShape() { Until = 12 }),
                "WindowConflict Warning Cosine#0.Until[-1]: Cosine.Until = 12: the window ends past the end of training (10); leave Until out or set it to the horizon.");
        }

        [Fact]
        public void A_window_overlapping_several_earlier_ones_is_reported_once()
        {
            string[] overlaps = Shown(Lr(0.1, 20, new StepDecayShape(2, 0.5) { From = 0, Until = 10 }, new StepDecayShape(2, 0.5) { From = 0, Until = 10 },
                new StepDecayShape(2, 0.5) { From = 5, Until = 20 })).Where(s => s.Contains("overlaps", StringComparison.Ordinal)).ToArray();
            Assert.Equal(new[]
            {
                "WindowConflict Warning StepDecay#1.From[-1]: StepDecay.From = 0: overlaps the StepDecay before it, which runs until 10; both factors would multiply there. Start it at 10, or drop the windows to chain them.",
                "WindowConflict Warning StepDecay#2.From[-1]: StepDecay.From = 5: overlaps the StepDecay before it, which runs until 10; both factors would multiply there. Start it at 10, or drop the windows to chain them.",
            }, overlaps);
        }

        [Fact]
        public void A_decay_that_never_fires_is_reported_on_its_own_argument()
        {
            Expect(Lr(0.1, 10, new WarmupPhase(2), new StepDecayShape(10, 0.5)),
                "NeverFires Warning StepDecay#1.StepSize[-1]: StepDecay.StepSize = 10: the first decay would come at or after the end of training (8 after warmup/hold), so it never fires.");
        }

        [Fact]
        public void An_infinite_growth_factor_is_refused_once()
        {
            Expect(Lr(0.1, 10, new StepDecayShape(2, double.PositiveInfinity)),
                "InvalidArgument Error StepDecay#0.Gamma[-1]: StepDecay.Gamma = Infinity: must be a finite number greater than 0.");
        }
    }
}
