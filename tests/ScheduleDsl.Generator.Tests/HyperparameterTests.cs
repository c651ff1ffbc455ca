using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Schedules of other hyperparameters than the learning rate (issue 15): the markers, one class per hyperparameter,
    /// the values against closed forms written out here, the training-class factories, and what the generator refuses.</summary>
    public class HyperparameterTests
    {
        // Compiled in each test, not cached in a static: Stryker reuses the test host across mutants (docs/testing.md).
        private static Assembly Dino() => GeneratorRunner.CompileAndLoad(SnapshotTests.Dino);

        private static double Value(Assembly dino, string nested, double time) =>
            (double)dino.GetType("Demo.DinoTraining+" + nested)!.GetMethod("ValueAt")!.Invoke(null, new object[] { time })!;

        /// <summary>DINO (Caron et al. 2021): weight decay 0.04 to 0.4 and teacher EMA 0.996 to 1 by cosines over 100 epochs,
        /// v(t) = end + (base - end)(1 + cos(pi t / T)) / 2; the rate 5e-4 after a 10-epoch linear warmup, cosine to 1e-6.</summary>
        [Fact]
        public void Dino_schedules_follow_their_closed_forms()
        {
            Assembly dino = Dino();
            for (int k = 0; k <= 400; k++)
            {
                double t = 100.0 * k / 400;
                double cosine = (1 + Math.Cos(Math.PI * t / 100)) / 2;
                Close(0.4 + (0.04 - 0.4) * cosine, Value(dino, "WeightDecaySchedule", t), t);
                Close(1.0 + (0.996 - 1.0) * cosine, Value(dino, "TeacherMomentum", t), t);
                double rate = t < 10 ? 5e-4 * t / 10 : 1e-6 + (5e-4 - 1e-6) * (1 + Math.Cos(Math.PI * (t - 10) / 90)) / 2;
                Close(rate, (double)dino.GetType("Demo.DinoTraining+Rate")!.GetMethod("RateAt")!.Invoke(null, new object[] { t })!, t);
                Assert.InRange(Value(dino, "TeacherMomentum", t), 0.0, 1.0); // an EMA decay never passes 1, even by rounding
            }
            Assert.Equal(1.0, Value(dino, "TeacherMomentum", 100));
            Assert.Equal(0.4, Value(dino, "WeightDecaySchedule", 100), 15);
            Assert.Equal(0.04, Value(dino, "WeightDecaySchedule", 0), 15);
            Assert.Equal(1.0, Value(dino, "TeacherMomentum", 250)); // held past the horizon
        }

        [Fact]
        public void Each_schedule_of_a_training_class_is_its_own_hyperparameter_schedule()
        {
            Assembly dino = Dino();
            var schedules = new[] { "Rate", "WeightDecaySchedule", "TeacherMomentum" }
                .Select(n => (IHyperparameterSchedule)Activator.CreateInstance(dino.GetType("Demo.DinoTraining+" + n)!, 50)!).ToArray();
            Assert.Equal(new[] { HyperparameterKind.LearningRate, HyperparameterKind.WeightDecay, HyperparameterKind.EmaDecay }, schedules.Select(s => s.Kind));
            Assert.Equal(new[] { "lr", "weight_decay", "ema_decay" }, schedules.Select(s => s.Name));
            Assert.Equal(new[] { 5e-4, 0.04, 0.996 }, schedules.Select(s => s.BaseValue));
            Assert.Equal(3, schedules.Select(s => s.Fingerprint).Distinct().Count());
            for (int i = 0; i < 50 * 100; i++)
                foreach (IHyperparameterSchedule s in schedules) s.Advance();
            // Per batch (50 a epoch): epoch 100 after 5000 ticks, at the end values.
            Assert.Equal(1.0, schedules[2].CurrentValue);
            Assert.Equal(0.4, schedules[1].CurrentValue, 15);
            Assert.Equal(schedules[1].BaseValue * schedules[1].CurrentFactor, schedules[1].CurrentValue);
            // A learning-rate class is one too, its value its rate.
            Assert.Equal(((ILearningRateSchedule)schedules[0]).PeakRate * schedules[0].CurrentFactor, schedules[0].CurrentValue);
            // A state saved by one schedule is refused by another (the fingerprints tell them apart).
            Assert.Throws<ArgumentException>(() => schedules[1].RestoreState(schedules[2].SaveState()));
        }

        [Fact]
        public void Stepping_three_schedules_of_a_training_class_allocates_nothing()
        {
            Assembly dino = Dino();
            var schedules = new[] { "Rate", "WeightDecaySchedule", "TeacherMomentum" }
                .Select(n => (IHyperparameterSchedule)Activator.CreateInstance(dino.GetType("Demo.DinoTraining+" + n)!, 100)!).ToArray();
            double sum = 0;
            for (int i = 0; i < 200; i++)
                foreach (IHyperparameterSchedule s in schedules) { sum += s.CurrentValue + s.CurrentFactor; s.Advance(); }
            Assert.Equal(0, Allocations.LeastOfThreeRuns(() =>
            {
                for (int i = 0; i < 10_000; i++)
                    foreach (IHyperparameterSchedule s in schedules) { sum += s.CurrentValue + s.CurrentFactor; s.Advance(); }
            }));
            Assert.True(sum > 0);
        }

        /// <summary>The marker on a class with members of its own: a nested class and factory named after the kind.</summary>
        [Theory]
        [InlineData("[WeightDecay(0.05), Epochs(10)] [Cosine(EndValue = 0.1)]", "WeightDecaySchedule", HyperparameterKind.WeightDecay, "weight_decay", 0.1)]
        [InlineData("[Momentum(0.95), Epochs(10)] [LinearDecay(EndValue = 0.85)]", "MomentumSchedule", HyperparameterKind.Momentum, "momentum", 0.85)]
        [InlineData("[EmaDecay(0.99), Epochs(10)] [Polynomial(EndValue = 1.0, Power = 2)]", "EmaDecaySchedule", HyperparameterKind.EmaDecay, "ema_decay", 1.0)]
        [InlineData("[Temperature(0.1), Epochs(10)] [Cosine(EndValue = 0.04)]", "TemperatureSchedule", HyperparameterKind.Temperature, "temperature", 0.04)]
        [InlineData("[Hyperparameter(\"teacher-forcing/ratio\", 1.0), Epochs(10)] [LinearDecay(EndValue = 0.25)]", "TeacherForcingRatioSchedule", HyperparameterKind.Other, "teacher-forcing/ratio", 0.25)]
        public void Training_class_gets_a_schedule_and_factory_named_after_the_kind(string attributes, string nested, HyperparameterKind kind, string name, double end)
        {
            Assembly assembly = GeneratorRunner.CompileAndLoad($"using ScheduleDsl;\n{attributes}\npublic sealed partial class Trainer {{ private int _epochs = 0; public int Epochs => _epochs; }}");
            Type trainer = assembly.GetType("Trainer")!;
            var schedule = (IHyperparameterSchedule)trainer.GetMethod("Create" + nested, Type.EmptyTypes)!.Invoke(null, null)!;
            Assert.Equal(nested, schedule.GetType().Name);
            Assert.Equal(kind, schedule.Kind);
            Assert.Equal(name, schedule.Name);
            schedule.Seek(10);
            Assert.Equal(end, schedule.CurrentValue, 15);
        }

        [Fact]
        public void A_named_hyperparameter_is_described_and_named_by_its_name()
        {
            Assembly assembly = GeneratorRunner.CompileAndLoad("using ScheduleDsl;\n[Hyperparameter(\"loss_weight\", 2.0), Epochs(10)] [LinearDecay(EndValue = 0.5)] public partial class W { }");
            Type type = assembly.GetType("W")!;
            Assert.Equal("Hyperparameter loss_weight 2 over 10 epochs: linear decay from 1 x base to 0.5; holds the final value past the horizon.",
                type.GetField("Description")!.GetValue(null));
            var schedule = (IHyperparameterSchedule)Activator.CreateInstance(type)!;
            Assert.Equal(("loss_weight", HyperparameterKind.Other), (schedule.Name, schedule.Kind));
            // LinearDecay to an absolute end: 2 + (0.5 - 2) t / 10, written out.
            foreach (double t in new[] { 0.0, 2.5, 5.0, 10.0 })
                Assert.Equal(2.0 + (0.5 - 2.0) * t / 10, (double)type.GetMethod("ValueAt")!.Invoke(null, new object[] { t })!, 14);
        }

        /// <summary>An absolute end is the same for every parameter group under absolute minimums, as PyTorch's <c>eta_min</c>:
        /// a group of base rate b decays linearly from b to 0.01.</summary>
        [Fact]
        public void A_linear_decay_to_an_absolute_end_value_is_absolute_per_group()
        {
            Assembly assembly = GeneratorRunner.CompileAndLoad(
                "using ScheduleDsl;\n[LearningRate(0.1, Minimums = MinimumScaling.Absolute), Epochs(10)] [LinearDecay(EndValue = 0.01)] public partial class G { }");
            Type type = assembly.GetType("G")!;
            var groupRateAt = (Func<double, double, double>)type.GetMethod("GroupRateAt")!.CreateDelegate(typeof(Func<double, double, double>));
            CompiledSchedule core = ((ScheduleDefinition)type.GetProperty("Definition")!.GetValue(null)!).Compile();
            foreach (double b in new[] { 0.1, 0.05, 0.02 })
                foreach (double t in new[] { 0.0, 2.5, 5.0, 10.0 })
                {
                    Close(b + (0.01 - b) * t / 10, groupRateAt(t, b), t);
                    Assert.Equal(b * core.ForGroup(b).FactorAt(t), groupRateAt(t, b));
                }
        }

        /// <summary>A plateau reduces another hyperparameter as it does a rate (PyTorch's algorithm: with patience 0 the first
        /// metric that does not improve on the best multiplies by the factor), and its ReportMetric says so in its own words.</summary>
        [Fact]
        public void A_plateau_reduces_a_weight_decay()
        {
            const string source = "using ScheduleDsl;\n[WeightDecay(0.05), Epochs(10)] [ReduceOnPlateau(Patience = 0, Factor = 0.5)] public partial class W { }";
            Type type = GeneratorRunner.CompileAndLoad(source).GetType("W")!;
            var schedule = (IHyperparameterSchedule)Activator.CreateInstance(type)!;
            MethodInfo report = type.GetMethod("ReportMetric")!;
            Assert.False((bool)report.Invoke(schedule, new object[] { 1.0 })!); // the first metric is the best so far
            Assert.Equal(0.05, schedule.CurrentValue);
            Assert.True((bool)report.Invoke(schedule, new object[] { 2.0 })!);  // worse, one bad epoch > patience 0
            Assert.Equal(0.025, schedule.CurrentValue);

            string[] lines = GeneratorRunner.GeneratedLines(source);
            int at = Array.IndexOf(lines, "public bool ReportMetric(double metric) => _plateau.Report(metric, ShapeFactorAt(CurrentTime), Plateau);");
            Assert.Equal("/// <summary>Feeds a metric to plateau reduction; returns whether the value was reduced.</summary>", lines[at - 1]);
        }

        [Fact]
        public void Two_markers_on_one_class_are_an_error_on_the_second()
        {
            const string source = "using ScheduleDsl;\n[LearningRate(0.1), Epochs(10)] [Cosine] [WeightDecay(0.05)] public partial class T { }";
            (_, GeneratorRunResult result) = GeneratorRunner.Run(source);
            Diagnostic error = Assert.Single(result.Diagnostics);
            Assert.Equal("SDL1010", error.Id);
            Assert.Equal("WeightDecay(0.05)", source.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
            Assert.Equal("'T' carries [WeightDecay] after [LearningRate]: a class holds the schedule of one hyperparameter; declare each schedule on its own nested partial class",
                error.GetMessage(CultureInfo.InvariantCulture));
            Assert.Single(result.GeneratedSources); // the first marker's schedule
        }

        [Fact]
        public void Each_marker_after_the_first_is_an_error_of_its_own()
        {
            const string source = "using ScheduleDsl;\n[Temperature(0.5), Steps(10)] [Hyperparameter(\"w\", 1.0)] [Cosine(EndValue = 0.1)] [Momentum(0.9)] public partial class T { }";
            (_, GeneratorRunResult result) = GeneratorRunner.Run(source);
            Assert.Equal(new[]
                {
                    ("Hyperparameter(\"w\", 1.0)", "'T' carries [Hyperparameter] after [Temperature]: a class holds the schedule of one hyperparameter; declare each schedule on its own nested partial class"),
                    ("Momentum(0.9)", "'T' carries [Momentum] after [Temperature]: a class holds the schedule of one hyperparameter; declare each schedule on its own nested partial class"),
                },
                result.Diagnostics.Where(d => d.Id == "SDL1010").OrderBy(d => d.Location.SourceSpan.Start)
                    .Select(d => (source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), d.GetMessage(CultureInfo.InvariantCulture))));
            Assert.Equal(2, result.Diagnostics.Length);
            // The temperature's schedule (cosine over 10 steps from 0.5 to 0.1) is generated all the same.
            Assert.Contains("public const double BaseValue = 0.5;", Assert.Single(result.GeneratedSources).SourceText.ToString());
        }

        [Theory]
        [InlineData("[WeightDecay(0.05), Epochs(10)] [Cosine] public partial class T { int x; public static void CreateWeightDecaySchedule() { } }")]
        [InlineData("[EmaDecay(0.99), Epochs(10)] [Cosine] public partial class T { int x; class EmaDecaySchedule { } }")]
        [InlineData("[Temperature(1.0), Epochs(10)] public partial class T { public static double ValueAt(double t) => t; }")]
        [InlineData("[Hyperparameter(\"loss_weight\", 1.0), Epochs(10)] public partial class T { int x; static void CreateLossWeightSchedule() { } }")]
        public void Names_a_hyperparameter_schedule_generates_are_reserved(string source)
        {
            (_, GeneratorRunResult result) = GeneratorRunner.Run("using ScheduleDsl;\n" + source);
            Assert.Contains("SDL1008", result.Diagnostics.Select(d => d.Id));
            Assert.Empty(result.GeneratedSources);
        }

        [Theory]
        [InlineData("[Cosine(MinLr = 0.01, EndValue = 0.02)]", "EndValue", "[Cosine] EndValue: MinLr is declared too; both give the end value, declare one of them.")]
        [InlineData("[Cosine(EndValue = 0.02, MinLr = 0.01)]", "MinLr", "[Cosine] MinLr: EndValue is declared too; both give the end value, declare one of them.")]
        [InlineData("[Polynomial(EndValue = 0.02, EndLr = 0.01)]", "EndLr", "[Polynomial] EndLr: EndValue is declared too; both give the end value, declare one of them.")]
        [InlineData("[LinearDecay(EndFactor = 0.5, EndValue = 0.02)]", "EndValue", "[LinearDecay] EndValue: EndFactor is declared too; both give the end value, declare one of them.")]
        public void Both_spellings_of_an_end_are_an_error_on_the_second(string component, string second, string message)
        {
            string source = $"using ScheduleDsl;\n[WeightDecay(0.05), Epochs(10)] {component} public partial class T {{ }}";
            (_, GeneratorRunResult result) = GeneratorRunner.Run(source);
            Diagnostic error = Assert.Single(result.Diagnostics);
            Assert.Equal("SDL1006", error.Id);
            Assert.StartsWith(second + " =", source.Substring(error.Location.SourceSpan.Start));
            Assert.Equal(message, error.GetMessage(CultureInfo.InvariantCulture));
            Assert.Empty(result.GeneratedSources);
        }

        [Fact]
        public void Hyperparameter_classes_generate_under_de_DE_with_invariant_numbers()
        {
            CultureInfo previous = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
                (_, GeneratorRunResult result) = GeneratorRunner.Run(SnapshotTests.Dino);
                string text = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
                Assert.Contains("public const double BaseValue = 0.04;", text);
                Assert.Contains("Weight decay 0.04 over 100 epochs: cosine annealing to 0.4", text);
                Assert.DoesNotContain("0,04", text);
                Assert.DoesNotContain("0,996", text);
            }
            finally
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
            }
        }

        [Fact]
        public void Random_hyperparameter_declarations_cover_every_kind_and_end_spelling()
        {
            var definitions = Families.RandomHyperparameters(seed: 20260315).Take(150).ToArray();
            foreach (HyperparameterKind kind in Enum.GetValues<HyperparameterKind>().Where(k => k != HyperparameterKind.LearningRate))
                Assert.True(definitions.Any(d => d.Kind == kind), kind + " missing");
            Assert.True(definitions.Any(d => d.Components.OfType<CosineShape>().Any(c => c.EndValue > d.LearningRate)), "no rising cosine");
            Assert.True(definitions.Any(d => d.Components.OfType<LinearDecayShape>().Any(c => c.EndValue is not null)), "no linear EndValue");
            Assert.True(definitions.Any(d => d.Components.OfType<PolynomialShape>().Any(c => c.EndValue is not null)), "no polynomial EndValue");
            Assert.True(definitions.Any(d => d.Components.OfType<CosineRestartsShape>().Any(c => c.EndValue is not null)), "no restarts EndValue");
        }

        private static void Close(double expected, double actual, double at) =>
            Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected) + 1e-18, $"at {at}: expected {expected:R}, got {actual:R}");
    }
}
