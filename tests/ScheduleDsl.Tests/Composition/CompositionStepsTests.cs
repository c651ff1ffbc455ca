using System;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>The composition steps generated code shares with the runtime (horizon policy, plateau scale), and what a
    /// compiled schedule tells about itself: its prefix, whether the core can evaluate it, its per-group views.</summary>
    public class CompositionStepsTests
    {
        [Fact]
        public void The_horizon_policy_holds_continues_or_throws_only_past_the_horizon()
        {
            Assert.Equal(3.0, CompositionSteps.ApplyHorizon(4, 3, PastHorizonPolicy.Hold));
            Assert.Equal(4.0, CompositionSteps.ApplyHorizon(4, 3, PastHorizonPolicy.Continue));
            Assert.Equal(3.0, CompositionSteps.ApplyHorizon(3, 3, PastHorizonPolicy.Throw)); // the horizon itself is in
            Assert.Equal(5.0, CompositionSteps.ApplyHorizon(5, double.NaN, PastHorizonPolicy.Throw)); // no horizon declared
            var e = Assert.Throws<InvalidOperationException>(() => CompositionSteps.ApplyHorizon(4.5, 3, PastHorizonPolicy.Throw));
            Assert.Equal("time = 4.5: the schedule ends at 3 and is declared PastHorizon(Throw).", e.Message);
        }

        [Fact]
        public void The_plateau_minimum_bounds_only_a_reduced_rate()
        {
            // PyTorch: new_lr = max(old_lr * factor, min_lr) when it reduces; a rate below min_lr that was never reduced stays.
            Assert.Equal(0.01, CompositionSteps.ApplyPlateau(0.01, 1.0, 0.1));
            Assert.Equal(0.25, CompositionSteps.ApplyPlateau(0.5, 0.5, 0.1));
            Assert.Equal(0.1, CompositionSteps.ApplyPlateau(0.1, 0.5, 0.1));
        }

        [Fact]
        public void A_windowed_warmup_is_no_part_of_the_prefix()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 20, new WarmupPhase(2), new CosineShape(), new WarmupPhase(3) { From = 10, Until = 13 });
            Assert.Equal(2.0, d.CompileValidated().PrefixLength);
        }

        [Fact]
        public void A_custom_factor_anywhere_makes_the_schedule_unevaluable_by_the_core()
        {
            Assert.True(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new WarmupPhase(2), new CosineShape()).CompileValidated().IsEvaluable);
            Assert.False(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape(), new CustomShape("F")).CompileValidated().IsEvaluable);
            Assert.False(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape(), new CustomShape("F") { From = 5 }).CompileValidated().IsEvaluable);
        }

        [Theory]
        [InlineData(0.0, "0")]
        [InlineData(-0.1, "-0.1")]
        [InlineData(double.PositiveInfinity, "Infinity")]
        [InlineData(double.NaN, "NaN")]
        public void A_group_view_needs_a_finite_positive_base_rate(double baseRate, string shown)
        {
            CompiledSchedule compiled = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape(0.01)).CompileValidated();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => compiled.ForGroup(baseRate));
            Assert.Equal("baseRate", e.ParamName);
            Assert.StartsWith($"baseRate = {shown}: must be a finite number greater than 0.", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Under_scaled_minimums_a_group_sees_the_schedule_itself()
        {
            CompiledSchedule scaled = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape(0.01)).CompileValidated();
            Assert.Same(scaled, scaled.ForGroup(0.5));
            CompiledSchedule absolute = (ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape(0.01)) with { Minimums = MinimumScaling.Absolute }).CompileValidated();
            CompiledSchedule group = absolute.ForGroup(0.5);
            Assert.NotSame(absolute, group);
            Assert.Equal(0.01 / 0.5, group.FactorAt(10), 15); // eta_min over the group's base
        }
    }
}
