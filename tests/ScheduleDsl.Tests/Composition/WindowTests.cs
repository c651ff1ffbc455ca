using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Validation;
using Xunit;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>Issue 11 items 1-3 and 5: windows (From/Until) as PyTorch's SequentialLR phases and ChainedScheduler
    /// factors, repeats of a family, ConstantFactor/LinearFactor anywhere, a rising cosine; values against references
    /// built from PyTorch's formulas.</summary>
    public class WindowTests
    {
        private static ScheduleDefinition E(double lr, double? horizon, params ScheduleComponent[] c) => ScheduleDefinition.Create(lr, TimeUnit.Epochs, horizon, c);

        [Fact]
        public void Sequential_phases_hand_over_at_the_milestones_and_each_starts_on_its_own_time()
        {
            // SequentialLR([ConstantLR(0.1, 3), ExponentialLR(0.8), StepLR(2, 0.1)], milestones=[3, 6]).
            const double lr = 0.05;
            var d = E(lr, null, new ConstantFactorShape(0.1, 3) { Until = 3 }, new ExponentialShape(0.8) { From = 3, Until = 6 }, new StepDecayShape(2, 0.1) { From = 6 });
            double Expected(int t) => t < 3 ? R.ConstantLR(lr, 0.1, 3, t) : t < 6 ? lr * Math.Pow(0.8, t - 3) : R.StepLR(lr, 2, 0.1, 40)[t - 6];
            Run.AssertClose(Run.Sequence(41, Expected), Run.Rates(d, 40), Run.ReferenceTolerance(lr), d.Canonical);
        }

        [Fact]
        public void Unwindowed_components_keep_their_default_places_and_windowed_ones_multiply_them()
        {
            // Warmup prefix, a cosine on the time after it (period = horizon - warmup), a constant factor 0.5 on [20, 30).
            const double lr = 0.1;
            var d = E(lr, 100, new WarmupPhase(5, WarmupKind.Linear, 0.1), new CosineShape(0.001), new ConstantFactorShape(0.5, 100) { From = 20, Until = 30 });
            double Expected(int t)
            {
                double f = t < 5 ? R.LinearLR(lr, 0.1, 1.0, 5, t) : R.CosineAnnealingLR(lr, 95, 0.001, Math.Min(t, 100) - 5);
                return t >= 20 && t < 30 ? f * 0.5 : f;
            }
            Run.AssertClose(Run.Sequence(111, Expected), Run.Rates(d, 110), Run.ReferenceTolerance(lr), d.Canonical);
        }

        [Fact]
        public void A_horizon_defaulted_length_inside_a_window_is_the_window()
        {
            // Cosine without a period in [10, 50): T_max = 40; then an exponential from 50 on its own time.
            const double lr = 0.2;
            var d = E(lr, 80, new CosineShape(0.002) { From = 10, Until = 50 }, new ExponentialShape(0.95) { From = 50 });
            double Expected(int t)
            {
                t = Math.Min(t, 80);
                return t < 10 ? lr : t < 50 ? R.CosineAnnealingLR(lr, 40, 0.002, t - 10) : lr * Math.Pow(0.95, t - 50);
            }
            Run.AssertClose(Run.Sequence(91, Expected), Run.Rates(d, 90), Run.ReferenceTolerance(lr), d.Canonical);
            Assert.Empty(d.Validate()); // no gap: before the first window nothing is expected
        }

        [Fact]
        public void StartAt_is_the_components_own_time_at_From()
        {
            // ExponentialLR built (and stepped twice) before its phase: at the milestone 3 it is at its epoch 2.
            const double lr = 0.05;
            var d = E(lr, null, new ConstantFactorShape(0.1, 3) { Until = 3 }, new ExponentialShape(0.8) { From = 3, StartAt = 2 });
            double Expected(int t) => t < 3 ? R.ConstantLR(lr, 0.1, 3, t) : lr * Math.Pow(0.8, t - 3 + 2);
            Run.AssertClose(Run.Sequence(41, Expected), Run.Rates(d, 40), Run.ReferenceTolerance(lr), d.Canonical);
            Assert.Empty(d.Validate());

            // A horizon-defaulted length still ends with the window: the cosine's own time runs from 5 to 45 over [10, 50).
            var cosine = E(0.2, 50, new ExponentialShape(0.9) { Until = 10 }, new CosineShape(0.002) { From = 10, StartAt = 5 });
            double Cosine(int t) => t < 10 ? 0.2 * Math.Pow(0.9, t) : R.CosineAnnealingLR(0.2, 45, 0.002, Math.Min(t, 50) - 10 + 5);
            Run.AssertClose(Run.Sequence(61, Cosine), Run.Rates(cosine, 60), Run.ReferenceTolerance(0.2), cosine.Canonical);
        }

        [Fact]
        public void The_same_family_twice_chains_or_repeats()
        {
            const double lr = 0.05;
            // ChainedScheduler(StepLR(3, 0.5), StepLR(4, 0.1)): factors multiply.
            var chained = E(lr, null, new StepDecayShape(3, 0.5), new StepDecayShape(4, 0.1));
            Run.AssertClose(Run.Sequence(31, t => lr * Math.Pow(0.5, t / 3) * Math.Pow(0.1, t / 4)), Run.Rates(chained, 30), Run.ReferenceTolerance(lr), "chained");
            Assert.Empty(chained.Validate());
            // Decay then restart: a cosine over [0, 10), the same cosine again from 10.
            var restart = E(lr, 20, new CosineShape(0, 10) { Until = 10 }, new CosineShape(0, 10) { From = 10 });
            Run.AssertClose(Run.Sequence(21, t => R.CosineAnnealingLR(lr, 10, 0, t % 10 + (t == 20 ? 10 : 0))), Run.Rates(restart, 20), Run.ReferenceTolerance(lr), "restart");
            Assert.Empty(restart.Validate());
        }

        [Fact]
        public void Linear_factors_end_below_one_and_go_down()
        {
            // SequentialLR([LinearLR(0.1, 0.8, 4), LinearLR(0.8, 0.1, 4)], milestones=[4]) at lr 2.
            var d = E(2.0, null, new LinearFactorShape(0.1, 0.8, 4) { Until = 4 }, new LinearFactorShape(0.8, 0.1, 4) { From = 4 });
            Run.AssertClose(new[] { 0.2, 0.55, 0.9, 1.25, 1.6, 1.25, 0.9, 0.55, 0.2, 0.2 }, Run.Rates(d, 9), Run.ReferenceTolerance(2.0), d.Canonical);
        }

        [Fact]
        public void A_rising_cosine_is_computed_and_flagged()
        {
            // CosineAnnealingLR(T_max=5, eta_min=0.1) on a base rate of 0.05: rises to 0.1.
            var d = E(0.05, null, new CosineShape(0.1, 5));
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.RisingShape, RuleSeverity.Warning, "MinLr"), (v.Kind, v.Severity, v.Parameter));
            Run.AssertClose(Run.Sequence(6, t => R.CosineAnnealingLR(0.05, 5, 0.1, t)), Run.Rates(d, 5), Run.ReferenceTolerance(0.1), d.Canonical);
            Assert.Equal(0.1, d.Compile().RateAt(5), 15);
        }

        [Fact]
        public void Window_warnings_name_the_bound_and_suggest_the_fix()
        {
            RuleViolation gap = Assert.Single(E(0.1, 20, new ExponentialShape(0.9) { Until = 3 }, new StepDecayShape(4) { From = 5 }).Validate());
            Assert.Equal((RuleKind.WindowConflict, RuleSeverity.Warning, "StepDecay", 1, "From", (double?)3),
                (gap.Kind, gap.Severity, gap.Component, gap.ComponentIndex, gap.Parameter, gap.SuggestedValue));
            Assert.Equal("StepDecay.From = 5: no window applies between 3 and 5, where the rate returns to the peak; start it at 3.", gap.Message);

            RuleViolation overlap = Assert.Single(E(0.1, 20, new ExponentialShape(0.9) { Until = 6 }, new ExponentialShape(0.5) { From = 4 }).Validate());
            Assert.Equal((RuleKind.WindowConflict, "Exponential", 1, "From", (double?)6), (overlap.Kind, overlap.Component, overlap.ComponentIndex, overlap.Parameter, overlap.SuggestedValue));

            RuleViolation late = Assert.Single(E(0.1, 20, new ExponentialShape(0.9) { From = 20 }).Validate());
            Assert.Equal((RuleKind.WindowConflict, "From", (double?)null), (late.Kind, late.Parameter, late.SuggestedValue));
            Assert.Equal("Exponential.From = 20: the window starts at or after the end of training (20), so the component never applies.", late.Message);

            RuleViolation past = Assert.Single(E(0.1, 20, new ExponentialShape(0.9) { Until = 25 }).Validate());
            Assert.Equal((RuleKind.WindowConflict, "Until", (double?)20), (past.Kind, past.Parameter, past.SuggestedValue));

            // Different families over the same time are chained factors: no warning.
            Assert.Empty(E(0.1, 20, new ExponentialShape(0.9) { Until = 6 }, new ConstantFactorShape(0.5) { Until = 6 }, new StepDecayShape(4) { From = 6 }).Validate());
        }

        [Fact]
        public void A_window_changes_the_fingerprint_and_is_rebuilt_by_with()
        {
            var plain = E(0.1, 20, new ExponentialShape(0.9));
            var windowed = E(0.1, 20, new ExponentialShape(0.9) { Until = 10 });
            Assert.NotEqual(plain.Fingerprint, windowed.Fingerprint);
            Assert.Equal("sdl1;lr=0.1;unit=Epochs;horizon=20;floor=none;past=Hold;exp(0.9,1,False)", plain.Canonical);
            Assert.EndsWith("exp(0.9,1,False)@[auto,10)", windowed.Canonical);
            Assert.Equal(windowed, E(0.1, 20, new ExponentialShape(0.9) with { Until = 10 }));

            // StartAt enters the canonical text only when it is not 0.
            Assert.Equal(windowed.Fingerprint, E(0.1, 20, new ExponentialShape(0.9) { Until = 10, StartAt = 0 }).Fingerprint);
            var started = E(0.1, 20, new ExponentialShape(0.9) { Until = 10, StartAt = 2 });
            Assert.EndsWith("exp(0.9,1,False)@[auto,10)+2", started.Canonical);
            Assert.NotEqual(windowed.Fingerprint, started.Fingerprint);
            Assert.Equal(started.Components[0], new ExponentialShape(0.9).WithWindow(null, 10, 2));
        }

        [Fact]
        public void Windowed_schedules_step_without_allocating()
        {
            var schedule = new Schedule(E(0.05, 30, new ConstantFactorShape(0.1, 5) { Until = 2 }, new ExponentialShape(0.9) { From = 2, Until = 10 }, new StepDecayShape(3, 0.5) { From = 10 }));
            double sink = 0;
            for (int i = 0; i < 100; i++) { sink += schedule.CurrentRate; schedule.Advance(); }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++) { sink += schedule.CurrentRate; schedule.Advance(); }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.True(sink > 0);
        }
    }
}
