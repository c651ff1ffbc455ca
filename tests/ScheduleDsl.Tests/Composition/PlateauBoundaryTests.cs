using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>PyTorch's <c>ReduceLROnPlateau.is_better</c> is strict: a metric exactly on the threshold is not an
    /// improvement, and a reduction is applied only when the rate moves by more than <c>eps</c>. Each case below sits
    /// exactly on a boundary (values chosen so the arithmetic is exact in binary) and just inside it.</summary>
    public class PlateauBoundaryTests
    {
        // Patience 0: the first report that is not an improvement reduces (returns true).
        private static Schedule Plateau(PlateauMode mode, ThresholdMode thresholdMode, double threshold, double eps = 1e-8) =>
            new(ScheduleDefinition.Create(1.0, TimeUnit.Epochs, 10,
                new PlateauReduction(mode, Factor: 0.5, Patience: 0, Threshold: threshold, ThresholdMode: thresholdMode, Eps: eps)));

        [Theory]
        // mode, threshold mode, threshold, the metric exactly on the threshold after a first 1.0, one just better
        [InlineData(PlateauMode.Min, ThresholdMode.Rel, 0.5, 0.5, 0.49)]   // better: a < best * (1 - threshold)
        [InlineData(PlateauMode.Min, ThresholdMode.Abs, 0.25, 0.75, 0.74)] // better: a < best - threshold
        [InlineData(PlateauMode.Max, ThresholdMode.Rel, 0.5, 1.5, 1.51)]   // better: a > best * (1 + threshold)
        [InlineData(PlateauMode.Max, ThresholdMode.Abs, 0.25, 1.25, 1.26)] // better: a > best + threshold
        public void A_metric_exactly_on_the_threshold_is_no_improvement(PlateauMode mode, ThresholdMode thresholdMode, double threshold,
            double onThreshold, double better)
        {
            Schedule onIt = Plateau(mode, thresholdMode, threshold);
            Assert.False(onIt.ReportMetric(1.0)); // the first report is always the best so far
            Assert.True(onIt.ReportMetric(onThreshold));
            Assert.Equal(0.5, onIt.CurrentFactor);

            Schedule past = Plateau(mode, thresholdMode, threshold);
            Assert.False(past.ReportMetric(1.0));
            Assert.False(past.ReportMetric(better));
            Assert.Equal(1.0, past.CurrentFactor);
        }

        [Fact]
        public void A_reduction_of_exactly_eps_is_not_applied()
        {
            // Rate 1 halved: it would move by exactly 0.5.
            Schedule exactlyEps = Plateau(PlateauMode.Min, ThresholdMode.Rel, 1e-4, eps: 0.5);
            exactlyEps.ReportMetric(1.0);
            Assert.False(exactlyEps.ReportMetric(1.0));
            Assert.Equal(1.0, exactlyEps.CurrentFactor);

            Schedule belowEps = Plateau(PlateauMode.Min, ThresholdMode.Rel, 1e-4, eps: 0.4999);
            belowEps.ReportMetric(1.0);
            Assert.True(belowEps.ReportMetric(1.0));
            Assert.Equal(0.5, belowEps.CurrentFactor);
        }
    }
}
