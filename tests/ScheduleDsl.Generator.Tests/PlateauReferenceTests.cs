using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Every setting of <c>[ReduceOnPlateau]</c> reaches the generated class: each mode and threshold mode, with
    /// metrics landing exactly on the threshold, cooldowns, and an <c>Eps</c> that blocks a reduction the default would
    /// allow (issue 14: the random cases always used the default Eps). Against PyTorch's <c>ReduceLROnPlateau</c>
    /// written out below, not the core.</summary>
    public class PlateauReferenceTests
    {
        private static readonly PlateauReduction[] Cases =
        {
            new(PlateauMode.Min, 0.5, 1, 0.25, ThresholdMode.Rel, 0, 0.0, 1e-8),
            new(PlateauMode.Min, 0.5, 1, 0.25, ThresholdMode.Abs, 0, 0.0, 1e-8),
            new(PlateauMode.Max, 0.5, 1, 0.25, ThresholdMode.Rel, 0, 0.0, 1e-8),
            new(PlateauMode.Max, 0.5, 1, 0.25, ThresholdMode.Abs, 0, 0.0, 1e-8),
            new(PlateauMode.Min, 0.25, 0, 0.5, ThresholdMode.Abs, 2, 0.0, 1e-8),
            new(PlateauMode.Max, 0.25, 2, 0.5, ThresholdMode.Rel, 1, 0.0, 1e-8),
            // Peak 1: 1 -> 0.5 moves by 0.5 > Eps; 0.5 -> max(0.25, MinLr 0.3) would move by 0.2 < Eps 0.25: refused.
            new(PlateauMode.Min, 0.5, 0, 0.0, ThresholdMode.Abs, 0, 0.3, 0.25),
            // The same with the default Eps: the second reduction happens.
            new(PlateauMode.Min, 0.5, 0, 0.0, ThresholdMode.Abs, 0, 0.3, 1e-8),
        };

        /// <summary>PyTorch's ReduceLROnPlateau.step(metric) on one group, returning the rate after each report.</summary>
        private static double[] PyTorchRates(PlateauReduction p, double lr, double[] metrics)
        {
            double best = p.Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
            int bad = 0, cooldown = 0;
            var rates = new double[metrics.Length];
            for (int i = 0; i < metrics.Length; i++)
            {
                double a = metrics[i];
                bool better = (p.Mode, p.ThresholdMode) switch
                {
                    (PlateauMode.Min, ThresholdMode.Rel) => a < best * (1 - p.Threshold),
                    (PlateauMode.Min, ThresholdMode.Abs) => a < best - p.Threshold,
                    (PlateauMode.Max, ThresholdMode.Rel) => a > best * (p.Threshold + 1),
                    _ => a > best + p.Threshold,
                };
                if (better) { best = a; bad = 0; }
                else bad++;
                if (cooldown > 0) { cooldown--; bad = 0; }
                if (bad > p.Patience)
                {
                    double reduced = Math.Max(lr * p.Factor, p.MinLr);
                    if (lr - reduced > p.Eps) lr = reduced;
                    cooldown = p.Cooldown;
                    bad = 0;
                }
                rates[i] = lr;
            }
            return rates;
        }

        // Metrics on a grid of eighths (exact in binary), so relative and absolute thresholds of 0.25 and 0.5 land
        // exactly on reported values: a metric equal to the threshold is not an improvement.
        private static double[] Metrics(int seed, bool rising)
        {
            var random = new Random(seed);
            double m = rising ? 1.0 : 4.0;
            var metrics = new double[60];
            for (int i = 0; i < metrics.Length; i++)
            {
                metrics[i] = m;
                double move = random.Next(-2, 5) / 8.0; // mostly improving, sometimes worse
                m = Math.Max(0.125, rising ? m + move : m - move);
            }
            return metrics;
        }

        [Fact]
        public void Each_plateau_setting_is_applied_by_the_generated_class_as_PyTorch_does()
        {
            var source = new StringBuilder(AttributeWriter.Usings).Append("namespace Plateaus;\n");
            for (int i = 0; i < Cases.Length; i++)
                source.Append(AttributeWriter.Class("P" + i, ScheduleDefinition.Create(1.0, TimeUnit.Epochs, null, Cases[i])));
            Assembly assembly = GeneratorRunner.CompileAndLoad(source.ToString());

            var reductions = new List<int>();
            for (int i = 0; i < Cases.Length; i++)
            {
                PlateauReduction p = Cases[i];
                foreach (int seed in new[] { 1, 2, 3 })
                {
                    double[] metrics = i >= 6 ? Enumerable.Repeat(1.0, 10).ToArray() : Metrics(seed, p.Mode == PlateauMode.Max);
                    double[] expected = PyTorchRates(p, 1.0, metrics);
                    var generated = (IPlateauSchedule)Activator.CreateInstance(assembly.GetType("Plateaus.P" + i)!)!;
                    for (int k = 0; k < metrics.Length; k++)
                    {
                        bool reduced = generated.ReportMetric(metrics[k]);
                        Assert.Equal(expected[k] < (k == 0 ? 1.0 : expected[k - 1]), reduced);
                        Assert.True(Math.Abs(expected[k] - generated.CurrentFactor) <= 1e-12,
                            $"case {i} ({p}), seed {seed}, report {k} ({metrics[k]}): PyTorch {expected[k]}, generated {generated.CurrentFactor}");
                        generated.Advance();
                    }
                    reductions.Add(expected.Distinct().Count() - 1);
                }
            }
            // The metrics must make every case reduce (or the settings would not be told apart).
            Assert.All(reductions, r => Assert.True(r >= 1));
            // ... nor a relative threshold from an absolute one, nor one mode from the other.
            foreach ((int a, int b) in new[] { (0, 1), (2, 3) })
                Assert.Contains(new[] { 1, 2, 3 }, seed => !PyTorchRates(Cases[a], 1.0, Metrics(seed, a == 2)).SequenceEqual(PyTorchRates(Cases[b], 1.0, Metrics(seed, a == 2))));
            Assert.Contains(new[] { 1, 2, 3 }, seed => !PyTorchRates(Cases[0], 1.0, Metrics(seed, false)).SequenceEqual(PyTorchRates(Cases[0] with { Mode = PlateauMode.Max }, 1.0, Metrics(seed, false))));
            Assert.Equal(1, PyTorchRates(Cases[6], 1.0, Enumerable.Repeat(1.0, 10).ToArray()).Distinct().Count() - 1);
            Assert.Equal(2, PyTorchRates(Cases[7], 1.0, Enumerable.Repeat(1.0, 10).ToArray()).Distinct().Count() - 1);
        }
    }
}
