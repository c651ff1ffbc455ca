using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Sched = TorchSharp.torch.optim.lr_scheduler;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>Reduce-on-plateau against TorchSharp's <c>ReduceLROnPlateau</c> and an independent PyTorch
    /// reference, fed identical metric sequences (random, fixed seed, rounded so ties and threshold
    /// edges occur).</summary>
    public class PlateauParityTests
    {
        /// <summary>A noisy, slowly improving metric; <paramref name="max"/> turns it into an accuracy-like one.</summary>
        internal static double[] Metrics(int seed, int count, bool max)
        {
            var random = new Random(seed);
            return Run.Sequence(count, k =>
            {
                double loss = Math.Round(1.0 / (1.0 + 0.01 * k) + 0.08 * random.NextDouble(), 3);
                return max ? 1.0 - loss : loss;
            });
        }

        public static TheoryData<PlateauMode, double, int, double, ThresholdMode, int, double, double, int> Settings() => new()
        {
            { PlateauMode.Min, 0.1, 10, 1e-4, ThresholdMode.Rel, 0, 0.0, 1e-8, 1 },
            { PlateauMode.Min, 0.5, 3, 1e-2, ThresholdMode.Rel, 2, 1e-4, 1e-8, 2 },
            { PlateauMode.Min, 0.5, 0, 1e-3, ThresholdMode.Abs, 0, 0.0, 1e-8, 3 },
            { PlateauMode.Min, 0.3, 2, 0.0, ThresholdMode.Abs, 5, 2e-3, 1e-8, 4 },
            { PlateauMode.Max, 0.1, 4, 1e-4, ThresholdMode.Rel, 1, 1e-5, 1e-8, 5 },
            { PlateauMode.Max, 0.7, 1, 5e-3, ThresholdMode.Abs, 3, 0.0, 1e-8, 6 },
            // eps large enough that late reductions are skipped (old - new <= eps).
            { PlateauMode.Min, 0.5, 1, 1e-4, ThresholdMode.Rel, 0, 0.0, 2e-3, 7 },
        };

        [Theory]
        [MemberData(nameof(Settings))]
        public void Plateau_matches_ReduceLROnPlateau(PlateauMode mode, double factor, int patience, double threshold,
            ThresholdMode thresholdMode, int cooldown, double minLr, double eps, int seed)
        {
            const double peak = 0.1;
            double[] metrics = Metrics(seed, 400, mode == PlateauMode.Max);
            var d = ScheduleDefinition.Create(peak, TimeUnit.Epochs, null,
                new PlateauReduction(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps));

            var schedule = new Schedule(d);
            var core = new double[metrics.Length + 1];
            core[0] = schedule.CurrentRate;
            for (int k = 0; k < metrics.Length; k++)
            {
                schedule.ReportMetric(metrics[k]);
                schedule.Advance();
                core[k + 1] = schedule.CurrentRate;
            }

            double[] torch = TorchDriver.PlateauRates(new[] { peak }, o => Sched.ReduceLROnPlateau(o, mode == PlateauMode.Min ? "min" : "max",
                factor, patience, threshold, thresholdMode == ThresholdMode.Rel ? "rel" : "abs", cooldown, new[] { minLr }, eps), metrics)[0];
            double[] reference = PyTorchPlateau(new[] { peak }, mode, factor, patience, threshold, thresholdMode, cooldown, new[] { minLr }, eps, metrics)[0];

            Assert.True(core.Distinct().Count() > 2, "the metric sequence should cause several reductions");
            Run.AssertClose(torch, core, Run.TorchTolerance(peak), "TorchSharp");
            Run.AssertClose(reference, core, Run.ReferenceTolerance(peak), "reference");
        }

        /// <summary>Several groups: the core's minimum and eps are factors of the peak, so each group's minimum is
        /// its base x MinLr / peak; given those per-group minimums (and eps scaled alike) PyTorch agrees.</summary>
        [Fact]
        public void Plateau_with_groups_matches_ReduceLROnPlateau_with_per_group_min_lr()
        {
            const double peak = 0.1;
            double[] bases = { 0.1, 0.02, 0.5 };
            double[] metrics = Metrics(11, 300, max: false);
            var d = ScheduleDefinition.Create(peak, TimeUnit.Epochs, null, new PlateauReduction(Factor: 0.5, Patience: 2, MinLr: 0.005, Eps: 0.0));
            var schedule = new Schedule(d);
            var core = bases.Select(_ => new double[metrics.Length + 1]).ToArray();
            for (int k = 0; ; k++)
            {
                for (int g = 0; g < bases.Length; g++) core[g][k] = schedule.GroupRate(bases[g]);
                if (k == metrics.Length) break;
                schedule.ReportMetric(metrics[k]);
                schedule.Advance();
            }
            double[] minLrs = bases.Select(b => b * 0.005 / peak).ToArray();
            double[][] torch = TorchDriver.PlateauRates(bases, o => Sched.ReduceLROnPlateau(o, "min", 0.5, 2, 1e-4, "rel", 0, minLrs, 0.0), metrics);
            for (int g = 0; g < bases.Length; g++)
            {
                Run.AssertClose(torch[g], core[g], Run.TorchTolerance(bases[g]), $"group {g}");
                Assert.Equal(minLrs[g], core[g][^1], 15);
            }
        }

        /// <summary>PyTorch's ReduceLROnPlateau.step, per group in absolute rates.</summary>
        internal static double[][] PyTorchPlateau(double[] baseLrs, PlateauMode mode, double factor, int patience, double threshold,
            ThresholdMode thresholdMode, int cooldown, double[] minLrs, double eps, double[] metrics)
        {
            double[] lr = (double[])baseLrs.Clone();
            var result = baseLrs.Select(_ => new double[metrics.Length + 1]).ToArray();
            double best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
            int bad = 0, cooldownCounter = 0;
            for (int g = 0; g < lr.Length; g++) result[g][0] = lr[g];
            for (int k = 0; k < metrics.Length; k++)
            {
                double current = metrics[k];
                bool better = (mode, thresholdMode) switch
                {
                    (PlateauMode.Min, ThresholdMode.Rel) => current < best * (1 - threshold),
                    (PlateauMode.Min, ThresholdMode.Abs) => current < best - threshold,
                    (PlateauMode.Max, ThresholdMode.Rel) => current > best * (threshold + 1),
                    _ => current > best + threshold,
                };
                if (better) { best = current; bad = 0; } else bad++;
                if (cooldownCounter > 0) { cooldownCounter--; bad = 0; }
                if (bad > patience)
                {
                    for (int g = 0; g < lr.Length; g++)
                    {
                        double newLr = Math.Max(lr[g] * factor, minLrs[g]);
                        if (lr[g] - newLr > eps) lr[g] = newLr;
                    }
                    cooldownCounter = cooldown;
                    bad = 0;
                }
                for (int g = 0; g < lr.Length; g++) result[g][k + 1] = lr[g];
            }
            return result;
        }
    }
}
