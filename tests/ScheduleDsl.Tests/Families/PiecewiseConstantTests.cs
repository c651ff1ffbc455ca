using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Validation;
using Xunit;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>[PiecewiseConstant] against Keras PiecewiseConstantDecay (written as Keras does, in absolute rates).</summary>
    public class PiecewiseConstantTests
    {
        private static PiecewiseConstantShape Shape(double[] boundaries, double[] values) =>
            new(new EquatableArray<double>(boundaries), new EquatableArray<double>(values));

        [Theory]
        [InlineData(new[] { 100.0, 110.0 }, new[] { 1.0, 0.5, 0.1 }, 1.0, 150)] // Keras' own example
        [InlineData(new[] { 3.0, 7.0, 12.0 }, new[] { 0.1, 0.05, 0.02, 0.001 }, 0.1, 20)]
        [InlineData(new[] { 0.0 }, new[] { 0.3, 0.2 }, 0.3, 5)]
        [InlineData(new[] { 2.5, 4.5 }, new[] { 0.01, 0.02, 0.005 }, 0.02, 10)] // rises, then falls; fractional boundaries
        public void PiecewiseConstant_is_Keras_PiecewiseConstantDecay(double[] boundaries, double[] values, double peak, int steps)
        {
            var d = ScheduleDefinition.Create(peak, TimeUnit.Steps, null, Shape(boundaries, values));
            double[] expected = Run.Sequence(steps + 1, k => R.KerasPiecewiseConstantDecay(boundaries, values, k));
            Run.AssertClose(expected, Run.Rates(d, steps), Run.ReferenceTolerance(peak), d.Canonical);
        }

        [Fact]
        public void A_boundary_belongs_to_the_interval_it_ends_and_time_counts_after_warmup()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 30, new WarmupPhase(5), Shape(new[] { 10.0, 20.0 }, new[] { 0.1, 0.01, 0.001 }));
            CompiledSchedule c = d.Compile();
            Assert.Equal(0.1, c.RateAt(15), 15);          // 10 after warmup: still the first value
            Assert.Equal(0.01, c.RateAt(15.25), 15);      // just past the boundary, per batch
            Assert.Equal(0.01, c.RateAt(25), 15);
            Assert.Equal(0.001, c.RateAt(25.5), 15);
            Assert.Equal(0.05, c.RateAt(2.5), 15);        // the warmup runs first
        }

        [Fact]
        public void Epoch_schedules_stepped_per_batch_change_right_after_the_boundary()
        {
            var d = ScheduleDefinition.Create(0.2, TimeUnit.Epochs, 6, Shape(new[] { 2.0, 4.0 }, new[] { 0.2, 0.1, 0.05 }));
            double[] rates = Run.Rates(d, 24, stepsPerEpoch: 4);
            double[] expected = Run.Sequence(25, k => R.KerasPiecewiseConstantDecay(new[] { 2.0, 4.0 }, new[] { 0.2, 0.1, 0.05 }, k / 4.0));
            Run.AssertClose(expected, rates, Run.ReferenceTolerance(0.2), d.Canonical);
        }

        [Theory]
        [InlineData(new[] { 10.0, 10.0 }, new[] { 0.1, 0.05, 0.01 }, "Boundaries", 1,
            "PiecewiseConstant.Boundaries[1] = 10: boundaries must increase strictly, but the previous one is 10.")]
        [InlineData(new[] { -1.0 }, new[] { 0.1, 0.05 }, "Boundaries", 0, "PiecewiseConstant.Boundaries[0] = -1: must be a finite number >= 0.")]
        [InlineData(new[] { 10.0 }, new[] { 0.1 }, "Values", -1,
            "PiecewiseConstant.Values has 1 values for 1 boundaries: give one value more than boundaries (before the first, between each pair, after the last).")]
        [InlineData(new[] { 10.0 }, new[] { 0.1, double.NaN }, "Values", 1, "PiecewiseConstant.Values[1] = NaN: must be a finite rate >= 0.")]
        public void Broken_arguments_are_refused_on_the_argument(double[] boundaries, double[] values, string parameter, int element, string message)
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, Shape(boundaries, values));
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.InvalidArgument, "PiecewiseConstant", 0, parameter, element, message),
                (v.Kind, v.Component, v.ComponentIndex, v.Parameter, v.ElementIndex, v.Message));
            var e = Assert.Throws<ScheduleValidationException>(() => new Schedule(d));
            Assert.Equal("PiecewiseConstant." + parameter, e.ParamName);
        }

        [Fact]
        public void Its_term_writes_the_call_it_computes()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, Shape(new[] { 10.0 }, new[] { 0.1, 0.025 }));
            Term term = d.Compile().Shapes.Single();
            Assert.Equal("PiecewiseConstant.Factor(t, PiecewiseBoundaries, PiecewiseFactors)", term.ToString());
            Assert.Equal(0.25, term.Factor(11));
        }
    }
}
