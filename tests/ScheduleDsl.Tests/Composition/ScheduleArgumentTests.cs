using System;
using System.Collections.Generic;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>The runtime <see cref="Schedule"/>'s arguments: custom-factor delegates given to the schedule and to the
    /// groups, per-group values, moves under <c>PastHorizon(Throw)</c>; each refusal with its full message, and what is
    /// accepted computed against the formula.</summary>
    public class ScheduleArgumentTests
    {
        private static readonly ScheduleDefinition WithCustom = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CustomShape("F"));

        private static Dictionary<string, RuntimeFactor> Factors(string name, double value) =>
            new() { [name] = RuntimeFactor.OfTime(_ => value) };

        private static ArgumentException Refused(Func<Schedule> create) => Assert.ThrowsAny<ArgumentException>(() => create());

        [Fact]
        public void A_custom_factor_without_its_delegate_is_refused_with_how_to_give_it()
        {
            const string sentence = "customFactors: the definition declares the custom factor CustomFactor(\"F\"), which a Schedule evaluates only with " +
                "its delegate; give customFactors: { [\"F\"] = RuntimeFactor.OfTime(t => ...) } (or RuntimeFactor.Multiplicative), or one in every group.";
            ArgumentException none = Refused(() => new Schedule(WithCustom));
            Assert.Equal("customFactors", none.ParamName);
            Assert.StartsWith(sentence, none.Message, StringComparison.Ordinal);
            // An empty group list binds nothing.
            Assert.StartsWith(sentence, Refused(() => new Schedule(WithCustom, groups: Array.Empty<ParamGroup>())).Message, StringComparison.Ordinal);
            // Neither does a delegate in some groups only.
            Assert.StartsWith(sentence, Refused(() => new Schedule(WithCustom,
                groups: new[] { new ParamGroup(0.1) { CustomFactors = Factors("F", 0.5) }, new ParamGroup(0.2) })).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Delegates_in_every_group_bind_the_custom_factor_and_group_0_gives_the_schedules_own_factor()
        {
            var schedule = new Schedule(WithCustom, groups: new[]
            {
                new ParamGroup(0.1) { CustomFactors = Factors("F", 0.5) },
                new ParamGroup(0.2) { CustomFactors = Factors("F", 0.25) },
            });
            Assert.Equal(0.5, schedule.CurrentFactor);
            Assert.Equal(0.1 * 0.5, schedule.RateOfGroup(0));
            Assert.Equal(0.2 * 0.25, schedule.RateOfGroup(1));
        }

        [Fact]
        public void A_groups_delegate_replaces_the_schedules_for_that_group_only()
        {
            var schedule = new Schedule(WithCustom, customFactors: Factors("F", 0.5), groups: new[]
            {
                new ParamGroup(0.1) { CustomFactors = Factors("F", 0.25) },
                new ParamGroup(0.2),
            });
            Assert.Equal(0.5, schedule.CurrentFactor);
            Assert.Equal(0.1 * 0.25, schedule.RateOfGroup(0));
            Assert.Equal(0.2 * 0.5, schedule.RateOfGroup(1));
        }

        [Fact]
        public void A_delegate_for_no_declared_factor_or_a_null_one_is_refused()
        {
            ArgumentException unknown = Refused(() => new Schedule(WithCustom, customFactors: Factors("F", 0.5),
                groups: new[] { new ParamGroup(0.1) { CustomFactors = Factors("G", 0.5) } }));
            Assert.Equal("groups[0].CustomFactors", unknown.ParamName);
            Assert.StartsWith("groups[0].CustomFactors[\"G\"]: the definition declares no custom factor of that name (it declares F).", unknown.Message, StringComparison.Ordinal);

            var cosine = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape());
            ArgumentException none = Refused(() => new Schedule(cosine, customFactors: Factors("G", 0.5)));
            Assert.StartsWith("customFactors[\"G\"]: the definition declares no custom factor of that name (it declares none).", none.Message, StringComparison.Ordinal);

            var nullDelegate = new Dictionary<string, RuntimeFactor> { ["F"] = null! };
            var missing = Assert.Throws<ArgumentNullException>(() => new Schedule(WithCustom, customFactors: nullDelegate));
            Assert.Equal("customFactors", missing.ParamName);
            Assert.StartsWith("customFactors[\"F\"] is null.", missing.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Group_values_are_checked_and_a_zero_base_rate_is_a_frozen_group()
        {
            var cosine = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape());
            var frozen = new Schedule(cosine, groups: new[] { new ParamGroup(0), new ParamGroup(0.1) });
            Assert.Equal(0.0, frozen.RateOfGroup(0));
            Assert.Equal(0.1, frozen.RateOfGroup(1));

            var absolute = cosine with { Minimums = MinimumScaling.Absolute };
            Assert.StartsWith("groups[0].BaseRate = 0: must be a finite number greater than 0 (absolute minimums divide by it).",
                Refused(() => new Schedule(absolute, groups: new[] { new ParamGroup(0) })).Message, StringComparison.Ordinal);
            Assert.StartsWith("groups[1].BaseRate = -0.1: must be a finite number >= 0.",
                Refused(() => new Schedule(cosine, groups: new[] { new ParamGroup(0.1), new ParamGroup(-0.1) })).Message, StringComparison.Ordinal);

            Assert.StartsWith("groups[0].CyclicBaseLr = 0.01: the definition declares no Cyclic for it to apply to.",
                Refused(() => new Schedule(absolute, groups: new[] { new ParamGroup(0.1) { CyclicBaseLr = 0.01 } })).Message, StringComparison.Ordinal);
            Assert.StartsWith("groups[0].PlateauMinLr = 0.01: the definition declares no ReduceOnPlateau for it to apply to.",
                Refused(() => new Schedule(absolute, groups: new[] { new ParamGroup(0.1) { PlateauMinLr = 0.01 } })).Message, StringComparison.Ordinal);

            // A group's cyclic base of 0 is a valid absolute rate: PyTorch's CyclicLR starts that group at 0.
            var cyclic = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new CyclicShape(0.01, 10)) with { Minimums = MinimumScaling.Absolute };
            var fromZero = new Schedule(cyclic, groups: new[] { new ParamGroup(0.1) { CyclicBaseLr = 0 } });
            Assert.Equal(0.0, fromZero.RateOfGroup(0));
            for (int k = 0; k < 5; k++) fromZero.Advance();
            Assert.Equal(0.1 * 5 / 10, fromZero.RateOfGroup(0), 15); // halfway up: base + (max - base) * 5/10
        }

        [Fact]
        public void A_negative_start_step_is_refused_with_the_rule()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 10, new CosineShape()), startStep: -1));
            Assert.StartsWith("startStep = -1: must be >= 0.", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Seek_and_SetTime_under_Throw_refuse_a_time_past_the_horizon_and_keep_the_position()
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 3, new CosineShape()) with { PastHorizon = PastHorizonPolicy.Throw };
            var s = new Schedule(definition);
            s.Seek(3); // the horizon itself is allowed
            Assert.Equal(3, s.CurrentStep);
            var seek = Assert.Throws<InvalidOperationException>(() => s.Seek(4));
            Assert.Equal("time = 4: the schedule ends at 3 and is declared PastHorizon(Throw).", seek.Message);
            Assert.Equal(3, s.CurrentStep);
            Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => s.Seek(-1)).ParamName);

            var set = Assert.Throws<InvalidOperationException>(() => s.SetTime(3.5));
            Assert.Equal("time = 3.5: the schedule ends at 3 and is declared PastHorizon(Throw).", set.Message);
            Assert.Equal(3.0, s.CurrentTime);
            Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => s.SetTime(double.NaN)).ParamName);

            // After SetTime the ticks count from the time set: 1.3, then 2.3; the next, 3.3, is refused.
            s.SetTime(1.3);
            s.Advance();
            Assert.Equal(2.3, s.CurrentTime, 15);
            ScheduleState saved = s.SaveState();
            var next = Assert.Throws<InvalidOperationException>(() => s.Advance());
            Assert.Equal("time = 3.3: the schedule ends at 3 and is declared PastHorizon(Throw).", next.Message);

            // That state (origin 1.3 at step 1, step 2: time 2.3) is within the horizon and restores.
            var resumed = new Schedule(definition);
            resumed.RestoreState(saved);
            Assert.Equal(2.3, resumed.CurrentTime, 15);
        }

        [Fact]
        public void Group_rates_for_several_bases_are_each_their_own()
        {
            // Absolute minimums: a group with base b follows eta_min + (b - eta_min) * (1 + cos(pi t / T)) / 2.
            var definition = ScheduleDefinition.Create(1e-3, TimeUnit.Epochs, 10, new CosineShape(1e-6)) with { Minimums = MinimumScaling.Absolute };
            var s = new Schedule(definition);
            for (int epoch = 0; epoch <= 10; epoch++)
            {
                foreach (double b in new[] { 1e-5, 1e-4, 1e-5, 3e-4 })
                {
                    double expected = 1e-6 + (b - 1e-6) * (1 + Math.Cos(Math.PI * epoch / 10)) / 2;
                    Assert.True(Math.Abs(expected - s.GroupRate(b)) <= 1e-18, $"epoch {epoch}, base {b:R}: expected {expected:R}, got {s.GroupRate(b):R}");
                }
                s.Advance();
            }
        }

        [Fact]
        public void Group_rates_allocate_once_per_new_base_under_absolute_minimums_and_never_when_scaled()
        {
            ScheduleDefinition Cosine(MinimumScaling m) => ScheduleDefinition.Create(1e-3, TimeUnit.Epochs, 10, new CosineShape(1e-6)) with { Minimums = m };
            // Warm every path on other instances first, so only the schedule's own work is measured.
            foreach (MinimumScaling m in new[] { MinimumScaling.Scaled, MinimumScaling.Absolute })
            {
                var warm = new Schedule(Cosine(m));
                warm.GroupRate(1e-5);
                warm.GroupRate(1e-5);
            }

            var scaled = new Schedule(Cosine(MinimumScaling.Scaled));
            Assert.Equal(0, Allocated(() => scaled.GroupRate(2e-5)));

            var absolute = new Schedule(Cosine(MinimumScaling.Absolute));
            Assert.True(Allocated(() => absolute.GroupRate(2e-5)) > 0); // resolves the terms for the new base
            Assert.Equal(0, Allocated(() =>
            {
                for (int i = 0; i < 100; i++) absolute.GroupRate(2e-5);
            }));
        }

        private static long Allocated(Action run)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
