using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit;

namespace ScheduleDsl.PackageTests.Infrastructure
{
    /// <summary>Reads the <c>rate &lt;step&gt; &lt;value&gt;</c> lines a consumer program prints (invariant culture).</summary>
    public static class PrintedRates
    {
        /// <summary>The printed rates, by step; fails when the steps are not 0, 1, 2, ...</summary>
        public static double[] Parse(CommandResult run)
        {
            var rates = new List<double>();
            foreach (string line in run.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("rate ", StringComparison.Ordinal)))
            {
                string[] fields = line.Split(' ');
                Assert.Equal(rates.Count, int.Parse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture));
                rates.Add(double.Parse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture));
            }
            return rates.ToArray();
        }

        /// <summary>Asserts every printed rate equals the reference within 1e-12 x peak.</summary>
        public static void AssertMatch(double peak, Func<int, double> expected, double[] printed, int expectedCount)
        {
            Assert.Equal(expectedCount, printed.Length);
            for (int step = 0; step < printed.Length; step++)
            {
                double want = expected(step);
                Assert.True(Math.Abs(printed[step] - want) <= 1e-12 * peak,
                    string.Create(CultureInfo.InvariantCulture, $"step {step}: printed {printed[step]:R}, expected {want:R}"));
            }
        }
    }
}
