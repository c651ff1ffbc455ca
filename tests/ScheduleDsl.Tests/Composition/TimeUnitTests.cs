using System;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>Epoch schedules ticked per batch.</summary>
    public class TimeUnitTests
    {
        [Theory]
        [InlineData(4)]
        [InlineData(7)]
        [InlineData(391)]
        public void Continuous_shapes_see_fractional_epochs(int stepsPerEpoch)
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 10, new CosineShape(0.001));
            int ticks = 10 * stepsPerEpoch;
            Run.AssertClose(Run.Sequence(ticks + 1, k => R.CosineAnnealingLR(0.1, 10, 0.001, (double)k / stepsPerEpoch)),
                Run.Rates(d, ticks, stepsPerEpoch), Run.ReferenceTolerance(0.1));
        }

        [Theory]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(100)]
        public void Step_decay_changes_exactly_at_epoch_boundaries(int stepsPerEpoch)
        {
            var d = ScheduleDefinition.Create(1.0, TimeUnit.Epochs, 9,
                new StepDecayShape(3, 0.5), new MultiStepShape(new EquatableArray<double>(new[] { 4.0 }), 0.1));
            double[] rates = Run.Rates(d, 9 * stepsPerEpoch, stepsPerEpoch);
            for (int k = 0; k <= 9 * stepsPerEpoch; k++)
            {
                int epoch = k / stepsPerEpoch; // whole epochs completed
                Assert.Equal(Math.Pow(0.5, epoch / 3) * (epoch >= 4 ? 0.1 : 1.0), rates[k]);
            }
        }

        [Fact]
        public void Schedule_reports_time_in_the_declared_unit()
        {
            var s = new Schedule(ScheduleDefinition.Create(1.0, TimeUnit.Epochs, 10, new CosineShape()), stepsPerEpoch: 4);
            for (int i = 0; i < 6; i++) s.Advance();
            Assert.Equal(6, s.CurrentStep);
            Assert.Equal(1.5, s.CurrentTime);
        }

        [Fact]
        public void StepsPerEpoch_is_refused_for_a_step_schedule()
        {
            var d = ScheduleDefinition.Create(1.0, TimeUnit.Steps, 100, new CosineShape());
            var e = Assert.Throws<ArgumentException>(() => new Schedule(d, stepsPerEpoch: 4));
            Assert.Equal("stepsPerEpoch", e.ParamName);
            Assert.StartsWith("stepsPerEpoch = 4: only a schedule declared in epochs can be ticked per batch; this one is declared in steps.", e.Message);
        }

        [Fact]
        public void StepsPerEpoch_below_one_is_refused()
        {
            var d = ScheduleDefinition.Create(1.0, TimeUnit.Epochs, 100, new CosineShape());
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule(d, stepsPerEpoch: 0));
            Assert.Equal("stepsPerEpoch", e.ParamName);
            Assert.StartsWith("stepsPerEpoch = 0: must be at least 1.", e.Message);
        }
    }

    /// <summary>Stepping allocates nothing.</summary>
    public class AllocationTests
    {
        private static ScheduleDefinition Busy() => ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 100,
            new WarmupPhase(5, ScheduleDsl.WarmupKind.Cosine, 0.1), new HoldPhase(5),
            new MultiStepShape(new EquatableArray<double>(new[] { 30.0, 60.0 })), new CosineShape(0.001), new CyclicShape(0.01, 2),
            new PlateauReduction()) with { Floor = 1e-5 };

        [Fact]
        public void A_million_Advance_and_CurrentFactor_allocate_nothing()
        {
            var s = new Schedule(Busy(), stepsPerEpoch: 10_000);
            double sum = s.CurrentFactor + s.CurrentMomentum(0.85, 0.95);
            s.Advance();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000_000; i++)
            {
                s.Advance();
                sum += s.CurrentFactor + s.CurrentMomentum(0.85, 0.95);
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.True(sum > 0);
        }

        [Fact]
        public void A_million_CompiledSchedule_Factor_calls_allocate_nothing()
        {
            CompiledSchedule c = Busy().Compile();
            double sum = c.FactorAt(0.5, 0.5);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000_000; i++) sum += c.FactorAt(i * 1e-4, 0.5);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(sum > 0);
        }
    }
}
