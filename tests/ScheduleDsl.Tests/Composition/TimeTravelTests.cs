using System;
using ScheduleDsl.Composition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>The arithmetic generated classes and <see cref="Schedule"/> share to move in time: the tick at or before a
    /// time, and an origin only for a time off the ticks (so ordinary stepping stays exactly what it was).</summary>
    public class TimeTravelTests
    {
        [Theory]
        [InlineData(3.0, 0, 3L, 0.0, 0L)] // on a tick: no origin
        [InlineData(2.5, 0, 2L, 2.5, 2L)]
        [InlineData(0.0, 0, 0L, 0.0, 0L)]
        [InlineData(1.25, 4, 5L, 0.0, 0L)] // 4 ticks per epoch: 1.25 epochs is tick 5
        [InlineData(1.3, 4, 5L, 1.3, 5L)]
        [InlineData(2.5, -3, 2L, 2.5, 2L)] // no ticks per epoch: one per unit
        [InlineData(2.5, 1, 2L, 2.5, 2L)]
        [InlineData(0.999, 1000, 999L, 0.0, 0L)]
        public void Setting_a_time_lands_on_the_last_tick_at_or_before_it(double time, int stepsPerEpoch, long step, double originTime, long originStep)
        {
            Assert.Equal((step, originTime, originStep), (TimeTravel.SetTime(time, stepsPerEpoch, out double t, out long s), t, s));
        }

        [Theory]
        [InlineData(-0.5, "time = -0.5: must be a finite number >= 0.")]
        [InlineData(double.NaN, "time = NaN: must be a finite number >= 0.")]
        [InlineData(double.PositiveInfinity, "time = Infinity: must be a finite number >= 0.")]
        public void Negative_or_non_finite_times_are_refused(double time, string message)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => TimeTravel.SetTime(time, 0, out _, out _));
            Assert.Equal("time", e.ParamName);
            Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => TimeTravel.CheckTime(time));
        }

        [Fact]
        public void A_negative_tick_is_refused_and_zero_is_not()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => TimeTravel.CheckStep(-1));
            Assert.Equal("step", e.ParamName);
            Assert.StartsWith("step = -1: must be >= 0.", e.Message, StringComparison.Ordinal);
            TimeTravel.CheckStep(0);
            TimeTravel.CheckTime(0);
        }
    }
}
