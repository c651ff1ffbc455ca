using System.Linq;
using ScheduleDsl.Definition;
using ScheduleDsl.Validation;
using Xunit;

namespace ScheduleDsl.Tests.Validation
{
    /// <summary>Each rule on both sides of its limit: a value exactly on it, and the nearest one past it (windows ending
    /// exactly at the horizon, a window as long as nothing, a decay exactly at the end of training...), with the full message.</summary>
    public class RuleBoundaryTests
    {
        private const double Peak = 0.1;

        private static ScheduleDefinition S(double? horizon, params ScheduleComponent[] c) => ScheduleDefinition.Create(Peak, TimeUnit.Steps, horizon, c);

        private static RuleViolation[] Warnings(ScheduleDefinition d) => d.Validate().Where(v => v.Severity == RuleSeverity.Warning).ToArray();

        private static RuleViolation[] Errors(ScheduleDefinition d) => d.Validate().Where(v => v.Severity == RuleSeverity.Error).ToArray();

        private static string Next(double x) => Numbers.Format(System.Math.BitIncrement(x));

        [Fact]
        public void A_window_may_end_exactly_at_the_horizon_not_one_step_past_it()
        {
            Assert.Empty(S(20, new ExponentialShape(0.9) { Until = 20 }).Validate());
            RuleViolation past = Assert.Single(S(20, new ExponentialShape(0.9) { Until = System.Math.BitIncrement(20.0) }).Validate());
            Assert.Equal((RuleKind.WindowConflict, RuleSeverity.Warning, "Exponential", 0, "Until", (double?)20.0,
                    $"Exponential.Until = {Next(20)}: the window ends past the end of training (20); leave Until out or set it to the horizon."),
                (past.Kind, past.Severity, past.Component, past.ComponentIndex, past.Parameter, past.SuggestedValue, past.Message));
        }

        [Fact]
        public void A_window_starting_exactly_at_the_horizon_never_applies_one_just_before_does()
        {
            RuleViolation late = Assert.Single(S(20, new ExponentialShape(0.9) { From = 20, Until = 30 }).Validate());
            Assert.Equal((RuleKind.WindowConflict, RuleSeverity.Warning, "From"), (late.Kind, late.Severity, late.Parameter));
            // Starting before the end it applies: only its end past the horizon is worth a word.
            RuleViolation end = Assert.Single(S(20, new ExponentialShape(0.9) { From = System.Math.BitDecrement(20.0), Until = 30 }).Validate());
            Assert.Equal("Exponential.Until = 30: the window ends past the end of training (20); leave Until out or set it to the horizon.", end.Message);
            Assert.Empty(S(20, new ExponentialShape(0.9) { From = System.Math.BitDecrement(20.0) }).Validate());
        }

        [Fact]
        public void A_window_needs_an_end_after_its_start()
        {
            Assert.Equal("Exponential.Until = 0: must be a finite number greater than 0 (leave it out for an open-ended window).",
                Assert.Single(Errors(S(20, new ExponentialShape(0.9) { Until = 0 }))).Message);
            Assert.Equal("Exponential.Until = -Infinity: must be a finite number greater than 0 (leave it out for an open-ended window).",
                Assert.Single(Errors(S(20, new ExponentialShape(0.9) { From = 1, Until = double.NegativeInfinity }))).Message);
            Assert.Equal("Exponential.Until = 4: must be greater than From = 5 (an empty window never applies).",
                Assert.Single(Errors(S(20, new ExponentialShape(0.9) { From = 5, Until = 4 }))).Message);
            Assert.Empty(Errors(S(20, new ExponentialShape(0.9) { From = 5, Until = System.Math.BitIncrement(5.0) })));
            Assert.Empty(Errors(S(20, new ExponentialShape(0.9) { From = 0, Until = double.Epsilon })));
            // An infinite From is its own error, and no comparison with Until adds another.
            RuleViolation from = Assert.Single(Errors(S(20, new ExponentialShape(0.9) { From = double.PositiveInfinity, Until = 5 })));
            Assert.Equal("Exponential.From = Infinity: must be a finite number >= 0.", from.Message);
        }

        [Fact]
        public void Reduction_on_plateau_takes_no_window_and_no_start_time()
        {
            Assert.Equal(("Until", "ReduceOnPlateau.Until = 3: reduction on plateau applies to the whole schedule and takes no window."),
                Single(S(20, new PlateauReduction() { Until = 3 })));
            Assert.Equal(("From", "ReduceOnPlateau.From = 2: reduction on plateau applies to the whole schedule and takes no window."),
                Single(S(20, new PlateauReduction() { From = 2, Until = 3 })));
            Assert.Equal(("StartAt", "ReduceOnPlateau.StartAt = 2: reduction on plateau applies to the whole schedule and takes no start time."),
                Single(S(20, new PlateauReduction() { StartAt = 2 })));
            Assert.Equal(("StartAt", "Hold.StartAt = 1: a warmup or hold entered part way is a shorter one; shorten it instead."),
                Single(S(20, new HoldPhase(3) { Until = 5, StartAt = 1 })));
            Assert.Equal(("StartAt", "Exponential.StartAt = NaN: must be a finite number at least 0."),
                Single(S(20, new ExponentialShape(0.9) { From = 2, StartAt = double.NaN })));
        }

        private static (string?, string) Single(ScheduleDefinition d)
        {
            RuleViolation v = Assert.Single(d.Validate());
            return (v.Parameter, v.Message);
        }

        [Fact]
        public void Windows_that_meet_leave_no_gap_and_do_not_overlap()
        {
            Assert.Empty(S(20, new ExponentialShape(0.9) { Until = 6 }, new ExponentialShape(0.5) { From = 6 }).Validate());
            // Declared in any order: the windows are read in time order.
            Assert.Empty(S(20, new StepDecayShape(4) { From = 6 }, new ExponentialShape(0.9) { Until = 6 }).Validate());
            // A windowed warmup with only From runs for its length: a window from its end leaves no gap, one later does.
            Assert.Empty(S(40, new ExponentialShape(0.9) { Until = 10 }, new WarmupPhase(5) { From = 10 }, new CosineShape(0, 20) { From = 15 }).Validate());
            RuleViolation gap = Assert.Single(S(40, new ExponentialShape(0.9) { Until = 10 }, new WarmupPhase(5) { From = 10 }, new CosineShape(0, 20) { From = 16 }).Validate());
            Assert.Equal((RuleKind.WindowConflict, "Cosine", 2, "From", (double?)15.0,
                    "Cosine.From = 16: no window applies between 15 and 16, where the rate returns to the peak; start it at 15."),
                (gap.Kind, gap.Component, gap.ComponentIndex, gap.Parameter, gap.SuggestedValue, gap.Message));
        }

        [Fact]
        public void Gaps_are_measured_from_the_latest_end_so_far_and_broken_windows_are_left_out()
        {
            // [0, 50) covers a shorter window inside it: the one from 50 follows without a gap.
            Assert.Empty(S(100, new ExponentialShape(0.9) { Until = 50 }, new ConstantFactorShape(0.5) { From = 10, Until = 20 }, new StepDecayShape(4) { From = 50 }).Validate());
            // A window with a negative start is its own error, not the start of a gap.
            RuleViolation error = Assert.Single(S(100, new ExponentialShape(0.9) { From = -2, Until = 1 }, new StepDecayShape(4) { From = 4 }).Validate());
            Assert.Equal("Exponential.From = -2: must be a finite number >= 0.", error.Message);
        }

        [Fact]
        public void The_same_family_twice_over_the_same_time_is_named_with_where_the_first_ends()
        {
            RuleViolation overlap = Assert.Single(S(20, new ExponentialShape(0.9) { Until = 6 }, new ExponentialShape(0.5) { From = 4 }).Validate());
            Assert.Equal((RuleSeverity.Warning, "Exponential.From = 4: overlaps the Exponential before it, which runs until 6; both factors would multiply there. Start it at 6, or drop the windows to chain them."),
                (overlap.Severity, overlap.Message));
            // Two starting together: the one declared first is the earlier one.
            RuleViolation same = Assert.Single(S(20, new ExponentialShape(0.9) { From = 2, Until = 6 }, new ExponentialShape(0.5) { From = 2, Until = 8 }).Validate());
            Assert.Equal((1, 6.0), (same.ComponentIndex, same.SuggestedValue));
            RuleViolation reversed = Assert.Single(S(20, new ExponentialShape(0.5) { From = 4, Until = 8 }, new ExponentialShape(0.9) { From = 2, Until = 6 }).Validate());
            Assert.Equal((0, 6.0), (reversed.ComponentIndex, reversed.SuggestedValue));
        }

        [Fact]
        public void A_component_in_a_window_runs_over_the_windows_length_entered_at_its_own_time()
        {
            // OneCycle's first phase ends at PctStart * T - 1 steps, T the time it runs over.
            Assert.Equal("OneCycle.PctStart = 0.02: its warmup phase ends at PctStart * 50 - 1 <= 0 steps; raise it or the horizon.",
                Assert.Single(Errors(S(100, new OneCycleShape(0.02) { From = 10, Until = 60 }))).Message);
            Assert.Empty(Errors(S(100, new OneCycleShape(0.02) { From = 10, Until = 60, StartAt = 10 }))); // T = 60
            Assert.Empty(Errors(S(100, new OneCycleShape(0.02) { From = 10 }))); // T = 90, to the horizon
            Assert.Equal("OneCycle.PctStart = 0.02: its warmup phase ends at PctStart * 50 - 1 <= 0 steps; raise it or the horizon.",
                Assert.Single(Errors(S(60, new OneCycleShape(0.02) { From = 10 }))).Message);
            // A component with Until needs no horizon; one with only From does.
            Assert.Empty(S(null, new CosineShape() { Until = 30 }).Validate());
            Assert.Equal(RuleKind.MissingHorizon, Assert.Single(S(null, new CosineShape() { From = 30 }).Validate()).Kind);
        }

        [Fact]
        public void A_prefix_must_end_before_the_horizon_and_windowed_phases_do_not_count()
        {
            Assert.Empty(S(100, new WarmupPhase(60), new HoldPhase(39.5), new CosineShape()).Validate());
            Assert.Equal(RuleKind.PrefixExceedsHorizon, Assert.Single(S(100, new WarmupPhase(60), new HoldPhase(40), new CosineShape()).Validate()).Kind);
            // The warmup in a window is not part of the prefix: the hold alone lasts 40.
            Assert.DoesNotContain(S(100, new WarmupPhase(70) { From = 0 }, new HoldPhase(40), new CosineShape()).Validate(), v => v.Kind == RuleKind.PrefixExceedsHorizon);
            // Reported on the last prefix declared.
            RuleViolation v = Assert.Single(S(50, new HoldPhase(30), new CosineShape(), new WarmupPhase(30)).Validate());
            Assert.Equal(("Warmup", 2, "Warmup and hold last 60 but the horizon is 50: nothing would be left for the decay; shorten them or lengthen the horizon."),
                (v.Component, v.ComponentIndex, v.Message));
        }

        [Fact]
        public void A_decay_exactly_at_the_end_of_training_never_fires_one_just_before_does()
        {
            Assert.Equal(RuleKind.NeverFires, Assert.Single(S(100, new WarmupPhase(10), new StepDecayShape(90)).Validate()).Kind);
            Assert.Empty(S(100, new WarmupPhase(10), new StepDecayShape(System.Math.BitDecrement(90.0))).Validate());
            Assert.Equal(RuleKind.NeverFires, Assert.Single(S(100, new MultiStepShape(new EquatableArray<double>(new[] { 100.0 }))).Validate()).Kind);
            Assert.Empty(S(100, new MultiStepShape(new EquatableArray<double>(new[] { System.Math.BitDecrement(100.0) }))).Validate());
            // In a window: its own time runs from StartAt to the end of the window (or the horizon).
            RuleViolation step = Assert.Single(S(100, new StepDecayShape(30) { From = 40, Until = 70 }).Validate());
            Assert.Equal("StepDecay.StepSize = 30: the first decay would come at or after the end of training (30 in its window), so it never fires.", step.Message);
            Assert.Empty(S(100, new StepDecayShape(30) { From = 40, Until = 70, StartAt = 1 }).Validate());
            Assert.Empty(S(100, new StepDecayShape(30) { From = 40, Until = 71 }).Validate());
            RuleViolation milestone = Assert.Single(S(100, new MultiStepShape(new EquatableArray<double>(new[] { 5.0, 60.0 })) { From = 40 }).Validate());
            Assert.Equal(("Milestones", 1, "MultiStep.Milestones[1] = 60: at or after the end of training (60 in its window), so it never fires."),
                (milestone.Parameter, milestone.ElementIndex, milestone.Message));
        }

        [Fact]
        public void Values_exactly_on_a_range_limit_are_accepted()
        {
            Assert.Empty(Errors(S(100, new WarmupPhase(5, WarmupKind.Linear, 0), new CosineShape(Peak))));
            Assert.Empty(Errors(S(100, new WarmupPhase(5, WarmupKind.Linear, 1), new CosineRestartsShape(10, 1, Peak, 0))));
            Assert.Empty(Errors(S(100, new WsdShape(0, 0, 10, MinLrRatio: 1))));
            Assert.Empty(Errors(S(100, new ConstantFactorShape(0), new LinearFactorShape(1, 0))));
            Assert.Empty(Errors(S(100, new PlateauReduction(Patience: 0, Threshold: 0, Cooldown: 0, MinLr: Peak, Eps: 0))));
            Assert.Empty(Errors(S(100, new CyclicShape(Peak, 10))));
            Assert.Empty(Errors(S(100, new CyclicShape(0, 10))));
            Assert.Empty(Errors(S(100, new InverseTimeShape(0))));
            Assert.Empty(Errors(S(100) with { Floor = Peak }));
            Assert.Empty(Errors(S(100) with { Floor = 0 }));
            Assert.Empty(Errors(S(100, new RateNoiseShape(1.0), new RateNoiseShape(RateNoiseShape.MinNormalPct))));
            Assert.Empty(Errors(S(100, new RateNoiseShape(0, NoiseDistribution.Uniform), new RateNoiseShape(1, NoiseDistribution.Uniform, RangeStart: 0, RangeEnd: System.Math.BitIncrement(0.0)))));
            Assert.Empty(Errors(S(100, new PiecewiseConstantShape(new EquatableArray<double>(new[] { 0.0 }), new EquatableArray<double>(new[] { 0.0, Peak })))));
            Assert.Empty(Errors(S(100, new PiecewiseInterpolateShape(new EquatableArray<double>(new[] { 0.0 }), new EquatableArray<double>(new[] { 0.0 })))));
        }

        [Fact]
        public void Values_just_past_a_range_limit_are_refused_with_the_limit_named()
        {
            Assert.Equal("Warmup.StartFactor = 1.0000000000000002: must lie between 0 and 1.", Assert.Single(Errors(S(100, new WarmupPhase(5, WarmupKind.Linear, 1.0000000000000002)))).Message);
            Assert.Equal("Warmup.StartFactor = -5E-324: must lie between 0 and 1.", Assert.Single(Errors(S(100, new WarmupPhase(5, WarmupKind.Linear, -double.Epsilon)))).Message);
            Assert.Equal($"CosineRestarts.MinLr = {Next(Peak)}: must not exceed the peak learning rate 0.1.", Assert.Single(Errors(S(100, new CosineRestartsShape(10, 1, System.Math.BitIncrement(Peak))))).Message);
            Assert.Equal($"Floor.Rate = {Next(Peak)}: must not exceed the peak learning rate 0.1.", Assert.Single(Errors(S(100) with { Floor = System.Math.BitIncrement(Peak) })).Message);
            Assert.Equal("RateNoise.Pct = 0.049999999999999996: must lie between 0.05 and 1 for normal noise (drawn until |noise| < Pct).",
                Assert.Single(Errors(S(100, new RateNoiseShape(System.Math.BitDecrement(0.05))))).Message);
            Assert.Equal("RateNoise.Pct = 1.0000000000000002: must lie between 0.05 and 1 for normal noise (drawn until |noise| < Pct).",
                Assert.Single(Errors(S(100, new RateNoiseShape(1.0000000000000002)))).Message);
            Assert.Equal("RateNoise.Pct = 1.0000000000000002: must lie between 0 and 1.", Assert.Single(Errors(S(100, new RateNoiseShape(1.0000000000000002, NoiseDistribution.Uniform)))).Message);
            Assert.Equal("RateNoise.RangeStart = -1: must be a finite number >= 0.", Assert.Single(Errors(S(100, new RateNoiseShape(RangeStart: -1)))).Message);
            Assert.Equal("RateNoise.RangeEnd = 5: must be a finite number greater than RangeStart = 5.", Assert.Single(Errors(S(100, new RateNoiseShape(RangeStart: 5, RangeEnd: 5)))).Message);
            Assert.Equal("RateNoise.RangeEnd = Infinity: must be a finite number greater than RangeStart = 0.", Assert.Single(Errors(S(100, new RateNoiseShape(RangeEnd: double.PositiveInfinity)))).Message);
            Assert.Equal("ReduceOnPlateau.Factor = 0: must lie strictly between 0 and 1.", Assert.Single(Errors(S(100, new PlateauReduction(Factor: 0)))).Message);
            Assert.Equal("OneCycle.PctStart = 0: must lie strictly between 0 and 1.", Assert.Single(Errors(S(100, new OneCycleShape(0)))).Message);
            Assert.Equal("LinearFactor.StartFactor = 1.0000000000000002: must be greater than 0 and at most 1.", Assert.Single(Errors(S(100, new LinearFactorShape(1.0000000000000002)))).Message);
            Assert.Equal("LinearFactor.StartFactor = Infinity: must be greater than 0 and at most 1.", Assert.Single(Errors(S(100, new LinearFactorShape(double.PositiveInfinity)))).Message);
            Assert.Equal("CosineRestarts.Decay = 1.0000000000000002: must lie between 0 and 1.", Assert.Single(Errors(S(100, new CosineRestartsShape(10, Decay: 1.0000000000000002)))).Message);
            Assert.Equal("CosineRestarts.CycleLimit = -1: must be an integer >= 0 (0: no limit).", Assert.Single(Errors(S(100, new CosineRestartsShape(10, CycleLimit: -1)))).Message);
        }
    }
}
