using System.Linq;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Text
{
    /// <summary>What a record tells the generated preview: the times worth marking (where a phase ends, a decay fires, a point
    /// lies) and how long to run when no horizon is declared. Expected values are the family's documented times.</summary>
    public class PreviewTests
    {
        private static EquatableArray<double> A(params double[] values) => new(values);

        private static (double, string)[] Keys(ScheduleComponent c, double start, double span) => c.KeyTimes(start, span).ToArray();

        [Fact]
        public void Phases_mark_their_end_after_their_start()
        {
            Assert.Equal(new[] { (6.0, "end of warmup") }, Keys(new WarmupPhase(4, WarmupKind.Cosine, 0.1), 2, 100));
            Assert.Equal(new[] { (9.0, "end of hold") }, Keys(new HoldPhase(7), 2, 100));
            Assert.Equal(new[] { (11.0, "end of constant factor") }, Keys(new ConstantFactorShape(0.25, 8), 3, 100));
            Assert.Equal(new[] { (15.0, "end of linear ramp") }, Keys(new LinearFactorShape(0.2, 0.8, 12), 3, 100));
        }

        [Fact]
        public void A_step_decay_marks_each_decay_before_the_span_at_most_eight()
        {
            Assert.Equal(new[] { (35.0, "decay"), (65.0, "decay"), (95.0, "decay") }, Keys(new StepDecayShape(30, 0.5), 5, 100));
            // A decay exactly at the end of the span is not shown.
            Assert.Equal(new[] { (10.0, "decay"), (20.0, "decay") }, Keys(new StepDecayShape(10), 0, 30));
            Assert.Equal(Enumerable.Range(1, 8).Select(k => (5.0 * k, "decay")), Keys(new StepDecayShape(5), 0, 1000));
        }

        [Fact]
        public void Listed_times_are_marked_after_the_start()
        {
            Assert.Equal(new[] { (15.0, "milestone"), (25.0, "milestone"), (25.0, "milestone"), (55.0, "milestone") },
                Keys(new MultiStepShape(A(10, 20, 20, 50)), 5, 30));
            Assert.Equal(new[] { (14.0, "boundary"), (34.0, "boundary") }, Keys(new PiecewiseConstantShape(A(10, 30), A(0.1, 0.05, 0.01)), 4, 100));
            Assert.Equal(new[] { (1.0, "point"), (11.0, "point"), (51.0, "point") }, Keys(new PiecewiseInterpolateShape(A(0, 10, 50), A(1, 0.5, 0.1)), 1, 100));
        }

        [Fact]
        public void Restarts_with_a_cycle_limit_mark_the_end_of_the_last_cycle()
        {
            Assert.Empty(Keys(new CosineRestartsShape(10, 2, 0.001), 0, 100));
            // 7 + 7 + 7 after the start.
            Assert.Equal(new[] { (23.0, "cycle limit") }, Keys(new CosineRestartsShape(7, 1, 0.001, 0.5, RestartDecayMode.Amplitude, 3), 2, 100));
            // 5 + 10.
            Assert.Equal(new[] { (15.0, "cycle limit") }, Keys(new CosineRestartsShape(5, 2, 0.0005, 0.7, RestartDecayMode.Peak, 2), 0, 100));
            // Cycles of 10, 20, 40, 80, 160: the one running when the span (25) ends is the last counted (10 + 20).
            Assert.Equal(new[] { (31.0, "cycle limit") }, Keys(new CosineRestartsShape(10, 2, 0, 0.9, RestartDecayMode.Peak, 5), 1, 25));
        }

        [Fact]
        public void Noise_marks_where_its_range_starts_and_ends()
        {
            Assert.Empty(Keys(new RateNoiseShape(), 0, 100));
            Assert.Equal(new[] { (8.0, "noise from"), (63.0, "noise until") }, Keys(new RateNoiseShape(0.3, NoiseDistribution.Uniform, 7, 5, 60), 3, 100));
            Assert.Equal(new[] { (43.0, "noise until") }, Keys(new RateNoiseShape(RangeEnd: 40), 3, 100));
        }

        [Fact]
        public void Smooth_shapes_mark_nothing()
        {
            foreach (ScheduleComponent c in new ScheduleComponent[]
            {
                new CosineShape(0.001, 40), new CyclicShape(0.01, 10), new OneCycleShape(), new WsdShape(10, 20), new ExponentialShape(0.9),
                new PolynomialShape(2), new InverseTimeShape(0.5), new InverseSqrtShape(), new LinearDecayShape(), new CustomShape("F"), new PlateauReduction(),
            })
                Assert.Empty(Keys(c, 0, 100));
        }

        [Fact]
        public void Without_a_horizon_a_preview_runs_long_enough_to_show_the_shape()
        {
            Assert.Equal(100.0, new StepDecayShape(25).PreviewLength); // four decays
            Assert.Equal(62.5, new MultiStepShape(A(10, 50)).PreviewLength); // a quarter past the last milestone
            Assert.Null(new MultiStepShape(A()).PreviewLength);
            Assert.Equal(37.5, new PiecewiseConstantShape(A(10, 30), A(1, 2, 3)).PreviewLength);
            Assert.Null(new PiecewiseConstantShape(A(), A(1)).PreviewLength);
            Assert.Equal(62.5, new PiecewiseInterpolateShape(A(0, 50), A(1, 0.1)).PreviewLength);
            Assert.Null(new PiecewiseInterpolateShape(A(0), A(1)).PreviewLength); // a single point at 0 has no length
            Assert.Null(new PiecewiseInterpolateShape(A(), A()).PreviewLength);
            Assert.Equal(40.0, new CosineShape(0, 40).PreviewLength);
            Assert.Null(new CosineShape().PreviewLength);
            Assert.Equal(21.0, new CosineRestartsShape(7).PreviewLength); // three cycles
            Assert.Equal(40.0, new CyclicShape(0.01, 10).PreviewLength); // two cycles
            Assert.Equal(30.0, new CyclicShape(0.01, 6, 9).PreviewLength);
            Assert.Equal(60.0, new RateNoiseShape(RangeEnd: 60).PreviewLength);
            Assert.Null(new RateNoiseShape().PreviewLength);
            Assert.Equal(16.0, new ConstantFactorShape(0.5, 8).PreviewLength);
            Assert.Equal(24.0, new LinearFactorShape(0.5, 1, 12).PreviewLength);
            foreach (ScheduleComponent c in new ScheduleComponent[] { new WarmupPhase(5), new HoldPhase(5), new ExponentialShape(0.9), new OneCycleShape(), new WsdShape(1, 2, 3) })
                Assert.Null(c.PreviewLength);
        }

        [Fact]
        public void Lengths_that_default_to_the_horizon_need_one()
        {
            Assert.True(new CosineShape().NeedsHorizon);
            Assert.False(new CosineShape(0, 40).NeedsHorizon);
            Assert.True(new LinearDecayShape().NeedsHorizon);
            Assert.False(new LinearDecayShape(1, 0, 10).NeedsHorizon);
            Assert.True(new PolynomialShape().NeedsHorizon);
            Assert.False(new PolynomialShape(1, 0, 10).NeedsHorizon);
            Assert.True(new WsdShape(1, 2).NeedsHorizon);
            Assert.False(new WsdShape(1, 2, 3).NeedsHorizon);
            Assert.True(new OneCycleShape().NeedsHorizon);
            Assert.False(new StepDecayShape(5).NeedsHorizon);
            Assert.Equal(5.0, new WarmupPhase(5).PrefixLength);
            Assert.Equal(6.0, new HoldPhase(6).PrefixLength);
            Assert.Equal(0.0, new CosineShape().PrefixLength);
        }
    }
}
