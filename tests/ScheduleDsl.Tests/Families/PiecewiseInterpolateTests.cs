using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Validation;
using Xunit;
using L = ScheduleDsl.Tests.Infrastructure.LibraryReferences;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>[PiecewiseInterpolate] against Optax's piecewise_interpolate_schedule (its init value and cumulative
    /// scales turned into points) and against join_schedules of linear_schedules.</summary>
    public class PiecewiseInterpolateTests
    {
        private static PiecewiseInterpolateShape Shape(double[] times, double[] factors, Interpolation interpolation = Interpolation.Linear) =>
            new(new EquatableArray<double>(times), new EquatableArray<double>(factors), interpolation);

        // Optax's (init, {boundary: scale}) as points of factors of init: (0, 1), (b_k, product of scales up to b_k).
        private static PiecewiseInterpolateShape FromOptax(double[] boundaries, double[] scales, Interpolation interpolation)
        {
            double[] factors = new double[scales.Length + 1];
            factors[0] = 1.0;
            for (int k = 0; k < scales.Length; k++) factors[k + 1] = factors[k] * scales[k];
            return Shape(new[] { 0.0 }.Concat(boundaries).ToArray(), factors, interpolation);
        }

        [Fact]
        public void Optax_docstring_example_gives_its_printed_values()
        {
            // optax.piecewise_interpolate_schedule('linear', 1.0, {4: 0.1, 8: 0.01}) prints
            // steps 0, 2, 4, 6, 8, 10: 1.000000 0.550000 0.100000 0.050500 0.001000 0.001000.
            var d = ScheduleDefinition.Create(1.0, TimeUnit.Steps, null, FromOptax(new[] { 4.0, 8.0 }, new[] { 0.1, 0.01 }, Interpolation.Linear));
            CompiledSchedule c = d.Compile();
            double[] printed = { 1.0, 0.55, 0.1, 0.0505, 0.001, 0.001 };
            for (int k = 0; k < printed.Length; k++) Assert.Equal(printed[k], c.RateAt(2 * k), 12);
        }

        [Theory]
        [InlineData("linear", 1.0, new[] { 4.0, 8.0 }, new[] { 0.1, 0.01 }, 12)]
        [InlineData("cosine", 1.0, new[] { 4.0, 8.0 }, new[] { 0.1, 0.01 }, 12)]
        [InlineData("cosine", 0.02, new[] { 30.0, 100.0 }, new[] { 25.0, 1.0 / (25 * 1e4) }, 110)]   // cosine_onecycle_schedule(100, 0.5)
        [InlineData("linear", 0.02, new[] { 30.0, 85.0, 100.0 }, new[] { 25.0, 1.0 / 25, 1e-4 }, 110)] // linear_onecycle_schedule(100, 0.5)
        [InlineData("linear", 0.3, new[] { 3.0, 7.0, 12.0 }, new[] { 2.0, 0.5, 0.0 }, 15)]             // rises, falls, reaches 0
        public void Is_Optax_piecewise_interpolate_schedule(string type, double init, double[] boundaries, double[] scales, int steps)
        {
            var interpolation = type == "linear" ? Interpolation.Linear : Interpolation.Cosine;
            var d = ScheduleDefinition.Create(init, TimeUnit.Steps, null, FromOptax(boundaries, scales, interpolation));
            double peakSeen = Run.Sequence(steps + 1, k => L.OptaxPiecewiseInterpolate(type, init, boundaries, scales, k)).Max();
            double[] expected = Run.Sequence(steps + 1, k => L.OptaxPiecewiseInterpolate(type, init, boundaries, scales, k));
            Run.AssertClose(expected, Run.Rates(d, steps), 1e-12 * peakSeen, d.Canonical);
        }

        [Fact]
        public void Linear_points_are_Optax_join_schedules_of_linear_schedules_at_fractional_times()
        {
            // Points (0, 0.1), (2.5, 1), (10, 0.2), (16, 0.05) = join_schedules([linear(0.1, 1, 2.5), linear(1, 0.2, 7.5),
            // linear(0.2, 0.05, 6)], [2.5, 10]); an epoch schedule stepped 4 times per epoch sees times k / 4.
            double[] times = { 0, 2.5, 10, 16 }, factors = { 0.1, 1, 0.2, 0.05 };
            var joined = new Func<double, double>[]
            {
                c => L.OptaxLinearSchedule(0.1, 1, 2.5, c), c => L.OptaxLinearSchedule(1, 0.2, 7.5, c), c => L.OptaxLinearSchedule(0.2, 0.05, 6, c),
            };
            var d = ScheduleDefinition.Create(0.4, TimeUnit.Epochs, 20, Shape(times, factors));
            double[] expected = Run.Sequence(81, k => 0.4 * L.OptaxJoinSchedules(joined, new[] { 2.5, 10.0 }, k / 4.0));
            Run.AssertClose(expected, Run.Rates(d, 80, stepsPerEpoch: 4), 1e-12 * 0.4, d.Canonical);
        }

        [Fact]
        public void Before_the_first_point_its_factor_holds_and_time_counts_after_warmup()
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 40, new WarmupPhase(5),
                Shape(new[] { 10.0, 20.0 }, new[] { 0.5, 0.1 }, Interpolation.Cosine));
            CompiledSchedule c = d.Compile();
            Assert.Equal(0.05, c.RateAt(5), 15);     // s = 0, before the first point
            Assert.Equal(0.05, c.RateAt(15), 15);    // the first point
            Assert.Equal(0.1 * (0.1 + 0.4 / 2 * (Math.Cos(Math.PI * 0.3) + 1)), c.RateAt(18), 15);
            Assert.Equal(0.01, c.RateAt(25), 15);    // the last point
            Assert.Equal(0.01, c.RateAt(40), 15);
            Assert.Equal(0.05, c.RateAt(2.5), 15);   // the warmup runs first (half way from 0 to the peak)
        }

        [Theory]
        [InlineData(new[] { 0.0, 10.0, 10.0 }, new[] { 1.0, 0.5, 0.1 }, "Times", 2,
            "PiecewiseInterpolate.Times[2] = 10: times must increase strictly, but the previous one is 10.")]
        [InlineData(new[] { -1.0, 10.0 }, new[] { 1.0, 0.5 }, "Times", 0, "PiecewiseInterpolate.Times[0] = -1: must be a finite number >= 0.")]
        [InlineData(new[] { 0.0, 10.0 }, new[] { 1.0 }, "Factors", -1,
            "PiecewiseInterpolate.Factors has 1 factors for 2 times: give one factor per time.")]
        [InlineData(new[] { 0.0, 10.0 }, new[] { 1.0, -0.5 }, "Factors", 1, "PiecewiseInterpolate.Factors[1] = -0.5: must be a finite number >= 0.")]
        [InlineData(new[] { 0.0, 10.0 }, new[] { 1.0, double.PositiveInfinity }, "Factors", 1, "PiecewiseInterpolate.Factors[1] = Infinity: must be a finite number >= 0.")]
        [InlineData(new double[0], new double[0], "Times", -1, "PiecewiseInterpolate.Times = (none): at least one point is required.")]
        public void Broken_arguments_are_refused_on_the_argument(double[] times, double[] factors, string parameter, int element, string message)
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, Shape(times, factors));
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.InvalidArgument, "PiecewiseInterpolate", 0, parameter, element, message),
                (v.Kind, v.Component, v.ComponentIndex, v.Parameter, v.ElementIndex, v.Message));
            var e = Assert.Throws<ScheduleValidationException>(() => new Schedule(d));
            Assert.Equal("PiecewiseInterpolate." + parameter, e.ParamName);
        }

        [Fact]
        public void Its_term_writes_the_call_it_computes_and_names_its_points()
        {
            PiecewiseInterpolateShape shape = Shape(new[] { 0.0, 10.0 }, new[] { 1.0, 0.25 }, Interpolation.Cosine);
            Term term = ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, shape).Compile().Shapes.Single();
            Assert.Equal("PiecewiseInterpolate.Factor(t, InterpolateTimes, InterpolateFactors, Interpolation.Cosine)", term.ToString());
            Assert.Equal(0.625, term.Factor(5), 15);
            Assert.Equal("cosine interpolation through x1 at 0, x0.25 at 10 steps", shape.Describe("steps"));
            Assert.Equal(new[] { (3.0, "point"), (13.0, "point") }, shape.KeyTimes(3, 100).ToArray());
        }
    }
}
