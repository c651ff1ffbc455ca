using System;
using System.Collections.Generic;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>What a range test recorded, and the rates it suggests.
    /// <para>Rules (computed on the smoothed loss, leaving out <see cref="RangeTestOptions.SkipBegin"/> points at the
    /// start and <see cref="RangeTestOptions.SkipEnd"/> at the end):
    /// <list type="bullet">
    /// <item><see cref="SteepestRate"/>: where the smoothed loss falls fastest against log(rate) (central
    /// differences; fastai's "steep", Lightning's suggestion). This is <see cref="Suggestion"/>.</item>
    /// <item><see cref="MinimumOverTenRate"/>: the rate of the lowest smoothed loss divided by 10 (fastai's "minimum"),
    /// a safer pick just before the loss stops improving.</item>
    /// </list>Both are null when fewer than three points are left.</para></summary>
    public sealed class RangeTestResult
    {
        internal RangeTestResult(RangeTestOptions options, double[] rates, double[] losses, double[] smoothed, string? stopReason,
            double?[] weightDecays, double?[] momenta)
        {
            WeightDecays = weightDecays;
            Momenta = momenta;
            Options = options;
            Rates = rates;
            Losses = losses;
            SmoothedLosses = smoothed;
            StopReason = stopReason;

            int from = options.SkipBegin, to = rates.Length - options.SkipEnd; // [from, to)
            if (to - from < 3) return;
            int steepest = -1, lowest = from;
            double steepestSlope = double.PositiveInfinity;
            for (int i = from; i < to; i++)
            {
                if (smoothed[i] < smoothed[lowest]) lowest = i;
                // np.gradient on log(rate): one-sided at the ends, central inside.
                int a = Math.Max(i - 1, from), b = Math.Min(i + 1, to - 1);
                double slope = (smoothed[b] - smoothed[a]) / (Math.Log(rates[b]) - Math.Log(rates[a]));
                if (slope < steepestSlope)
                {
                    steepestSlope = slope;
                    steepest = i;
                }
            }
            if (steepest >= 0) SteepestRate = rates[steepest];
            MinimumLossRate = rates[lowest];
            MinimumOverTenRate = rates[lowest] / 10.0;
        }

        /// <summary>The settings the test ran with.</summary>
        public RangeTestOptions Options { get; }

        /// <summary>Rate of each batch run.</summary>
        public IReadOnlyList<double> Rates { get; }

        /// <summary>Loss of each batch run.</summary>
        public IReadOnlyList<double> Losses { get; }

        /// <summary>Exponentially smoothed loss with bias correction: <c>avg = beta*avg + (1-beta)*loss; smoothed = avg / (1 - beta^(i+1))</c>.</summary>
        public IReadOnlyList<double> SmoothedLosses { get; }

        /// <summary>Why the test stopped before <see cref="RangeTestOptions.Iterations"/> batches, or null.</summary>
        public string? StopReason { get; }

        /// <summary>Whether the test stopped on divergence.</summary>
        public bool StoppedEarly => StopReason is not null;

        /// <summary>Rate where the smoothed loss falls fastest, or null.</summary>
        public double? SteepestRate { get; }

        /// <summary>Rate of the lowest smoothed loss, or null.</summary>
        public double? MinimumLossRate { get; }

        /// <summary><see cref="MinimumLossRate"/> / 10, or null.</summary>
        public double? MinimumOverTenRate { get; }

        /// <summary>Each group's weight decay during the test (held; null for an optimizer without the option).</summary>
        public IReadOnlyList<double?> WeightDecays { get; }

        /// <summary>Each group's momentum or beta1 during the test (held; null for an optimizer without either).</summary>
        public IReadOnlyList<double?> Momenta { get; }

        /// <summary>The values of the driver's tracked schedules during the test, by name (empty without a driver).</summary>
        public IReadOnlyDictionary<string, double> Tracked { get; internal set; } = new Dictionary<string, double>();

        /// <summary>The suggested rate: <see cref="SteepestRate"/>.</summary>
        public double? Suggestion => SteepestRate;
    }
}
