using System;

namespace ScheduleDsl.Composition
{
    /// <summary>Moving a schedule in time (seek to a tick, set a fractional time): the checks and the arithmetic shared by
    /// <see cref="Schedule"/> and generated classes. A schedule's time is <c>originTime + ticks since originStep</c>,
    /// the origin being (0, 0) until a time off the ticks is set, so ordinary stepping computes exactly what it always did.</summary>
    public static class TimeTravel
    {
        /// <summary>Refuses a negative tick (<see cref="ArgumentOutOfRangeException"/>, ParamName <c>step</c>).</summary>
        public static void CheckStep(long step)
        {
            if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"step = {step}: must be >= 0.");
        }

        /// <summary>Refuses a negative or non-finite time (<see cref="ArgumentOutOfRangeException"/>, ParamName <c>time</c>).</summary>
        public static void CheckTime(double time)
        {
            if (!(time >= 0) || double.IsInfinity(time))
                throw new ArgumentOutOfRangeException(nameof(time), time, $"time = {Numbers.Format(time)}: must be a finite number >= 0.");
        }

        /// <summary>Moves the time line to <paramref name="time"/>: the tick becomes the last one at or before it
        /// (<paramref name="stepsPerEpoch"/> ticks per unit, 0 or less for one), and the origin is (0, 0) when the time lies on
        /// that tick, else (<paramref name="time"/>, tick).</summary>
        public static long SetTime(double time, int stepsPerEpoch, out double originTime, out long originStep)
        {
            CheckTime(time);
            long step = (long)Math.Floor(stepsPerEpoch > 0 ? time * stepsPerEpoch : time);
            double onTick = stepsPerEpoch > 0 ? (double)step / stepsPerEpoch : step;
            bool exact = onTick == time;
            originTime = exact ? 0.0 : time;
            originStep = exact ? 0 : step;
            return step;
        }
    }
}
