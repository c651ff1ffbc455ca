using System;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>The composition rules of CompiledSchedule, against references built from the family formulas.</summary>
    public class CompositionTests
    {
        /// <summary>Warmup (each kind), then hold, then cosine x step decay, both on the time since the prefix
        /// ended, the cosine's period being the horizon minus the prefix.</summary>
        [Theory]
        [InlineData(WarmupKind.Linear, 0.0)]
        [InlineData(WarmupKind.Cosine, 0.1)]
        [InlineData(WarmupKind.Exponential, 0.01)]
        [InlineData(WarmupKind.Constant, 0.25)]
        public void Prefix_phases_run_first_then_shapes_multiply_on_the_remaining_time(WarmupKind kind, double start)
        {
            const double lr = 0.4;
            var d = ScheduleDefinition.Create(lr, TimeUnit.Steps, 330,
                new WarmupPhase(10, kind, start), new HoldPhase(20), new CosineShape(0.004), new StepDecayShape(50, 0.5));
            double Expected(int t)
            {
                if (t < 10)
                    return kind switch
                    {
                        WarmupKind.Linear => R.LinearLR(lr, start, 1.0, 10, t),
                        WarmupKind.Cosine => R.CosineWarmup(lr, start, 10, t),
                        WarmupKind.Exponential => R.ExponentialWarmup(lr, start, 10, t),
                        _ => R.ConstantLR(lr, start, 10, t),
                    };
                if (t < 30) return lr;
                int s = Math.Min(t, 330) - 30;
                return R.CosineAnnealingLR(lr, 300, 0.004, s) * Math.Pow(0.5, Math.Floor(s / 50.0));
            }
            Run.AssertClose(Run.Sequence(401, Expected), Run.Rates(d, 400), Run.ReferenceTolerance(lr), d.Canonical);
        }

        [Fact]
        public void Two_warmups_and_holds_run_in_declaration_order_and_InverseSqrt_takes_the_last_warmup_as_timescale()
        {
            var d = ScheduleDefinition.Create(1.0, TimeUnit.Steps, null,
                new HoldPhase(5), new WarmupPhase(20, WarmupKind.Linear, 0.5), new InverseSqrtShape());
            double[] rates = Run.Rates(d, 200);
            for (int t = 0; t <= 200; t++)
            {
                double expected = t < 5 ? 1.0 : t < 25 ? 0.5 + 0.5 * (t - 5) / 20.0 : 1.0 / Math.Sqrt((t - 25 + 20) / 20.0);
                Assert.Equal(expected, rates[t], 14);
            }
        }

        [Fact]
        public void A_whole_schedule_shape_defines_the_curve_alone()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 300, new OneCycleShape(), new PlateauReduction());
            var c = d.Compile();
            Assert.NotNull(c.Whole);
            Assert.Empty(c.Prefixes);
            Assert.Empty(c.Shapes);
            for (int t = 0; t < 300; t += 7)
                Assert.Equal(R.OneCycleLR(0.1, 300, 0.3, "cos", 25, 1e4, false, 0.85, 0.95, t).Lr, c.RateAt(t), 14);
        }

        /// <summary>PyTorch's SequentialLR refuses ReduceLROnPlateau; here it multiplies on top of the warmup.</summary>
        [Fact]
        public void Plateau_multiplies_on_top_of_a_warmup()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, null,
                new WarmupPhase(10), new PlateauReduction(Factor: 0.5, Patience: 0, MinLr: 0.01));
            var s = new Schedule(d);
            s.Advance(); s.Advance(); // t = 2
            s.ReportMetric(1.0);
            Assert.True(s.ReportMetric(1.0));
            Assert.Equal(0.1 * 0.2 * 0.5, s.CurrentRate, 15);
            for (int t = 3; t <= 12; t++)
            {
                s.Advance();
                Assert.Equal(Math.Max(0.1 * Math.Min(t / 10.0, 1.0) * 0.5, 0.01), s.CurrentRate, 15);
            }
            // Once the reduced rate reaches MinLr, further reports cannot take it lower.
            for (int i = 0; i < 10; i++) s.ReportMetric(1.0);
            Assert.Equal(0.01, s.CurrentRate, 15);
        }

        [Fact]
        public void Floor_applies_last_after_shapes_and_plateau()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new CosineShape(), new PlateauReduction(Factor: 0.1, Patience: 0))
                with { Floor = 0.003 };
            var s = new Schedule(d);
            s.ReportMetric(1.0);
            s.ReportMetric(1.0); // scale 0.1
            for (int t = 0; t <= 150; t++)
            {
                double expected = Math.Max(R.CosineAnnealingLR(0.1, 100, 0.0, Math.Min(t, 100)) * 0.1, 0.003);
                Assert.Equal(expected, s.CurrentRate, 15);
                s.Advance();
            }
        }

        [Fact]
        public void Past_the_horizon_Hold_keeps_the_rate_reached_at_the_horizon()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new CosineShape(0.001));
            var c = d.Compile();
            Assert.Equal(0.001, c.RateAt(100), 15);
            Assert.Equal(c.RateAt(100), c.RateAt(101));
            Assert.Equal(c.RateAt(100), c.RateAt(1e9));
        }

        [Fact]
        public void Past_the_horizon_Continue_keeps_evaluating_the_formulas()
        {
            var c = (ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new CosineShape(0.001)) with { PastHorizon = PastHorizonPolicy.Continue }).Compile();
            Assert.Equal(R.CosineAnnealingLR(0.1, 100, 0.001, 150), c.RateAt(150), 15);
            Assert.Equal(0.1, c.RateAt(200), 15);
        }

        [Fact]
        public void Past_the_horizon_Throw_refuses_with_the_time_and_the_horizon()
        {
            var s = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 3, new CosineShape()) with { PastHorizon = PastHorizonPolicy.Throw });
            for (int i = 0; i < 3; i++) s.Advance();
            Assert.Equal(0.0, s.CurrentRate, 15); // the horizon itself is allowed
            var e = Assert.Throws<InvalidOperationException>(() => s.Advance());
            Assert.Equal("time = 4: the schedule ends at 3 and is declared PastHorizon(Throw).", e.Message);
            Assert.Equal(3, s.CurrentStep); // the tick was refused, not taken
            Assert.Equal(0.0, s.CurrentRate, 15);

            // A state placed past the horizon (restored, or seeked) is refused where it is evaluated.
            s.RestoreState(new ScheduleState(s.Fingerprint, 4, s.SaveState().Plateau));
            e = Assert.Throws<InvalidOperationException>(() => s.CurrentFactor);
            Assert.Equal("time = 4: the schedule ends at 3 and is declared PastHorizon(Throw).", e.Message);
        }

        [Fact]
        public void Past_the_horizon_Throw_per_batch_refuses_the_first_batch_past_the_last_epoch()
        {
            var s = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 2, new CosineShape()) with { PastHorizon = PastHorizonPolicy.Throw }, stepsPerEpoch: 4);
            for (int i = 0; i < 8; i++) s.Advance();
            Assert.Equal(2.0, s.CurrentTime);
            var e = Assert.Throws<InvalidOperationException>(() => s.Advance());
            Assert.Equal("time = 2.25: the schedule ends at 2 and is declared PastHorizon(Throw).", e.Message);
            Assert.Equal(8, s.CurrentStep);
        }

        [Fact]
        public void Group_rate_is_the_group_base_times_the_factor()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 200, new WarmupPhase(10), new CosineShape(0.01));
            var s = new Schedule(d);
            for (int t = 0; t <= 200; t++)
            {
                foreach (double groupBase in new[] { 0.1, 0.02, 1.5 })
                    Assert.Equal(groupBase * s.CurrentFactor, s.GroupRate(groupBase));
                // Min rates are factors of the peak, so the group reaching 0.02 ends at 0.02 * 0.01 / 0.1.
                if (t == 200) Assert.Equal(0.002, s.GroupRate(0.02), 15);
                s.Advance();
            }
        }

        [Fact]
        public void Momentum_is_max_during_prefix_and_for_non_cycling_shapes()
        {
            var cyclic = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, new WarmupPhase(5), new CyclicShape(0.01, 10)));
            Assert.True(cyclic.CyclesMomentum);
            Assert.Equal(0.95, cyclic.CurrentMomentum(0.85, 0.95));
            for (int i = 0; i < 15; i++) cyclic.Advance(); // 10 steps after the warmup: the rate's peak, momentum's base
            Assert.Equal(0.85, cyclic.CurrentMomentum(0.85, 0.95), 15);

            var cosine = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new CosineShape()));
            Assert.False(cosine.CyclesMomentum);
            Assert.Equal(0.95, cosine.CurrentMomentum(0.85, 0.95));
        }
    }
}
