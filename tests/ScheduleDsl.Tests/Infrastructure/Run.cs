using System;
using System.Collections.Generic;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit.Sdk;

namespace ScheduleDsl.Tests.Infrastructure
{
    /// <summary>Runs the core and compares sequences.</summary>
    internal static class Run
    {
        /// <summary>Peak-group rate after 0..<paramref name="steps"/> ticks of a runtime <see cref="Schedule"/>.</summary>
        public static double[] Rates(ScheduleDefinition definition, int steps, int? stepsPerEpoch = null)
        {
            var schedule = new Schedule(definition, stepsPerEpoch);
            var rates = new double[steps + 1];
            for (int k = 0; k <= steps; k++)
            {
                rates[k] = schedule.CurrentRate;
                schedule.Advance();
            }
            return rates;
        }

        /// <summary>A sequence of <paramref name="count"/> values of <paramref name="f"/>(k).</summary>
        public static double[] Sequence(int count, Func<int, double> f)
        {
            var values = new double[count];
            for (int k = 0; k < count; k++) values[k] = f(k);
            return values;
        }

        /// <summary>Asserts every value matches within <paramref name="tolerance"/>, naming the first that does not.</summary>
        public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what = "")
        {
            if (expected.Count != actual.Count)
                throw new XunitException($"{what}: expected {expected.Count} values, got {actual.Count}.");
            for (int k = 0; k < expected.Count; k++)
            {
                double e = expected[k], a = actual[k];
                if (!(Math.Abs(e - a) <= tolerance) && !e.Equals(a))
                    throw new XunitException($"{what}: at index {k} expected {e:R}, got {a:R} (difference {Math.Abs(e - a):R}, tolerance {tolerance:R}).");
            }
        }

        /// <summary>Tolerance against TorchSharp's (partly recursive) schedulers.</summary>
        public static double TorchTolerance(double peak) => 1e-9 * peak;

        /// <summary>Tolerance against the independent closed-form references.</summary>
        public static double ReferenceTolerance(double peak) => 1e-12 * peak;
    }
}
