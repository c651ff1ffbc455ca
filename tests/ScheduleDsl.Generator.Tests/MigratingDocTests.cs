using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ScheduleDsl.Composition;
using Xunit;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>docs/migrating-from-pytorch.md is a test: every C# block compiles with the generator, and each class gives
    /// the rates stated under it, which are PyTorch's (an independent reference per class, from PyTorch's formulas).</summary>
    public class MigratingDocTests
    {
        private static readonly Lazy<string> Doc = new(() =>
        {
            string root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "ScheduleDsl.sln"))) root = Path.GetDirectoryName(root)!;
            return File.ReadAllText(Path.Combine(root, "docs", "migrating-from-pytorch.md")).Replace("\r\n", "\n");
        });

        // The doc's C# blocks, generated and compiled by each test (not cached: a test host reused across runs, as a
        // mutation tool's is, must see the generator as it is now): the block declaring the class, or all of them.
        private static Assembly Compile(string name)
        {
            string[] blocks = Regex.Matches(Doc.Value, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
            string[] own = blocks.Where(b => Regex.IsMatch(b, $@"\bclass {name}\b")).ToArray();
            return GeneratorRunner.CompileAndLoad(own.Length > 0 ? own : blocks);
        }

        // PyTorch's rate after t calls to step(), per documented class (the core is not called).
        private static readonly Dictionary<string, Func<int, double>> Reference = new()
        {
            ["LambdaSchedule"] = t => R.ExponentialLR(0.05, 0.95, t)[t],
            ["MultiplicativeSchedule"] = t => R.ExponentialLR(0.05, 0.95, t)[t],
            ["StepSchedule"] = t => R.StepLR(0.05, 3, 0.1, t)[t],
            ["MultiStepSchedule"] = t => R.MultiStepLR(0.05, new[] { 2, 5, 9 }, 0.1, t),
            ["ConstantSchedule"] = t => R.ConstantLR(0.05, 0.5, 4, t),
            ["LinearSchedule"] = t => R.LinearLR(0.05, 0.25, 0.6, 4, t),
            ["ExponentialSchedule"] = t => R.ExponentialLR(0.05, 0.9, t)[t],
            ["PolynomialSchedule"] = t => R.PolynomialLR(0.05, 5, 0.9, t),
            ["CosineSchedule"] = t => R.CosineAnnealingLR(0.05, 10, 0.001, t),
            ["ChainedSchedule"] = t => R.ExponentialLR(0.05, 0.9, t)[t] * R.ConstantLR(1, 0.2, 4, t) * R.StepLR(1, 3, 0.1, t)[t],
            ["SequentialSchedule"] = t => t < 3 ? R.ConstantLR(0.05, 0.1, 3, t) : t < 6 ? R.ExponentialLR(0.05, 0.8, t)[t - 3] : R.StepLR(0.05, 2, 0.1, t)[t - 6],
            ["CyclicSchedule"] = t => R.CyclicLR(0.001, 0.01, 4, 4, "triangular", 1, t),
            // Built up front, stepped by hand: the cosine's epochs 1-21, then the CyclicLR's epochs from 1 (0 spent at construction).
            ["CosineThenCyclicByHand"] = t => t <= 21 ? R.CosineAnnealingLR(0.5, 20, 0.1, t) : R.CyclicLR(0.1, 0.3, 1, 3, "triangular", 1, t - 21),
            ["OneCycleSchedule"] = t => R.OneCycleLR(0.1, 100, 0.3, "cos", 25, 1e4, false, 0.85, 0.95, t).Lr,
            ["RestartsSchedule"] = t => R.CosineAnnealingWarmRestarts(0.05, 4, 2, 0.001, t),
            ["WarmupCosine"] = t => t < 5 ? R.LinearLR(0.1, 0.01, 1, 5, t) : R.CosineAnnealingLR(0.1, 95, 1e-5, t - 5),
            ["WarmupStep"] = t => t < 3 ? R.LinearLR(0.1, 0.1, 1, 3, t) : R.StepLR(0.1, 30, 0.1, t)[t - 3],
            ["DecayThenRestart"] = t => R.CosineAnnealingLR(0.05, 10, 0, t < 10 ? t : t - 10),
            ["Compound"] = t => R.StepLR(0.05, 3, 0.1, t)[t] * R.ConstantLR(1, 0.4, 4, t),
            ["ChainedPhase"] = t => t < 5 ? R.LinearLR(0.05, 0.1, 1, 5, t) * 0.1 : R.ConstantLR(0.05, 0.5, 5, t - 5),
            // ReduceLROnPlateau(factor=0.5, patience=1) after t + 1 reports; the warmup (start 0.2 over 5) stepped alongside.
            ["PlateauSchedule"] = t => 0.1 * PlateauScale(t),
            ["WarmupPlateau"] = t => R.LinearLR(0.1, 0.2, 1, 5, Math.Min(t + 1, 5)) * PlateauScale(t),
        };

        // PyTorch's ReduceLROnPlateau (mode min, rel threshold 1e-4, factor 0.5, patience 1, cooldown 0) over the doc's losses.
        private static double PlateauScale(int k)
        {
            double best = double.PositiveInfinity, scale = 1;
            int bad = 0;
            for (int i = 0; i <= k; i++)
            {
                if (Losses[i] < best * (1 - 1e-4)) { best = Losses[i]; bad = 0; }
                else bad++;
                if (bad > 1) { scale *= 0.5; bad = 0; }
            }
            return scale;
        }

        private static readonly double[] Losses = { 1.0, 0.8, 0.6, 0.5, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45 };

        public static IEnumerable<object[]> Classes() => Reference.Keys.Select(k => new object[] { k });

        /// <summary>The stated rates of <paramref name="name"/>: the times (null for a plateau run), the losses, the values.</summary>
        private static (int[]? Times, double[]? Losses, double[] Values) Stated(string doc, string name)
        {
            int at = doc.IndexOf($"public partial class {name}", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{name} is not declared in the doc");
            Match m = new Regex(@"Rates (?:at (epochs|steps) ([0-9, -]+)|after each epoch's `ReportMetric\(loss\)` then `Advance\(\)`, losses `([^`]*)`): `([^`]*)`").Match(doc, at);
            Assert.True(m.Success, $"no rates stated under {name}");
            double[] values = Numbers(m.Groups[4].Value);
            if (m.Groups[3].Success) return (null, Numbers(m.Groups[3].Value), values);
            string spec = m.Groups[2].Value.Trim();
            int[] times = spec.Contains('-')
                ? Enumerable.Range(int.Parse(spec.Split('-')[0], CultureInfo.InvariantCulture), int.Parse(spec.Split('-')[1], CultureInfo.InvariantCulture) - int.Parse(spec.Split('-')[0], CultureInfo.InvariantCulture) + 1).ToArray()
                : spec.Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(times.Length, values.Length);
            return (times, null, values);
        }

        private static double[] Numbers(string list) => list.Split(',').Select(s => double.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

        [Theory]
        [MemberData(nameof(Classes))]
        public void Each_documented_class_gives_the_stated_rates_which_are_PyTorchs(string name)
        {
            string doc = Doc.Value;
            Type type = Compile(name).GetType(name)!;
            Assert.NotNull(type);
            (int[]? times, double[]? losses, double[] stated) = Stated(doc, name);
            var schedule = (ILearningRateSchedule)Activator.CreateInstance(type)!;
            for (int i = 0; i < stated.Length; i++)
            {
                double actual, reference;
                if (times is null)
                {
                    Assert.Equal(Losses, losses);
                    ((IPlateauSchedule)schedule).ReportMetric(losses![i]);
                    schedule.Advance();
                    actual = schedule.PeakRate * schedule.CurrentFactor;
                    reference = Reference[name](i);
                }
                else
                {
                    int t = times[i];
                    while (schedule.CurrentStep < t) schedule.Advance();
                    actual = schedule.PeakRate * schedule.CurrentFactor;
                    Assert.Equal(actual, (double)type.GetMethod("RateAt")!.Invoke(null, new object[] { (double)t })!);
                    reference = Reference[name](t);
                }
                // PyTorch's formula, to the reference tolerance; the doc's number, to the 10 digits it shows.
                Assert.True(Math.Abs(actual - reference) <= 1e-12 + 1e-9 * Math.Abs(reference), $"{name} [{i}]: {actual} vs PyTorch {reference}");
                Assert.True(Math.Abs(actual - stated[i]) <= 1e-15 + 1e-9 * Math.Abs(stated[i]), $"{name} [{i}]: {actual} vs the doc's {stated[i]}");
            }
        }

        [Fact]
        public void Every_class_of_the_doc_is_checked()
        {
            string doc = Doc.Value;
            var declared = Regex.Matches(doc, @"public partial class (\w+)").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.Equal(Reference.Keys.OrderBy(k => k), declared.OrderBy(k => k));
            // Every torch.optim.lr_scheduler class has its section.
            foreach (string torch in new[] { "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR",
                "CosineAnnealingLR", "ChainedScheduler", "SequentialLR", "ReduceLROnPlateau", "CyclicLR", "OneCycleLR", "CosineAnnealingWarmRestarts" })
                Assert.Contains("### " + torch + "\n", doc);
        }
    }
}
