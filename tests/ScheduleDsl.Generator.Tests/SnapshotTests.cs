using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>The exact generated files, checked in under Snapshots/. <c>SDL_UPDATE_SNAPSHOTS=1</c> rewrites them.</summary>
    public class SnapshotTests
    {
        public static TheoryData<string, string, string> Cases()
        {
            var data = new TheoryData<string, string, string>();
            foreach ((string name, var d) in Families.EveryFamily)
                data.Add(name, "Snapshots." + name + "Schedule.g.cs", AttributeWriter.Usings + "namespace Snapshots;\n" + AttributeWriter.Class(name + "Schedule", d));
            data.Add("ImageNet", "Demo.ImageNetSchedule.g.cs", """
                using ScheduleDsl;
                namespace Demo;
                [LearningRate(0.4), Epochs(90)]
                [Warmup(5)]
                [Cosine(MinLr = 1e-5)]
                [StepDecay(30, 0.1)]
                public partial class ImageNetSchedule { }
                """);
            data.Add("TrainingClass", "Demo.Trainer.g.cs", """
                using System;
                using ScheduleDsl;
                namespace Demo;
                public abstract class TrainerBase { public abstract void Train(); }
                [LearningRate(0.1), Epochs(30), Floor(1e-4)]
                [Warmup(2, Kind = ScheduleDsl.WarmupKind.Cosine, StartFactor = 0.1)]
                [MultiStep(10, 20, Gamma = 0.2)]
                public sealed partial class Trainer : TrainerBase, IDisposable
                {
                    private readonly int _batchSize = 128;
                    public override void Train() { }
                    public void Dispose() { }
                }
                """);
            data.Add("PerBatchPlateau", "Demo.Outer.Finetune.g.cs", """
                using ScheduleDsl;
                namespace Demo
                {
                    public static partial class Outer
                    {
                        [LearningRate(3e-4), Epochs(10)]
                        [Hold(1)]
                        [Exponential(0.9)]
                        [ReduceOnPlateau(Mode = PlateauMode.Max, Patience = 2, Factor = 0.5)]
                        internal partial struct Finetune { }
                    }
                }
                """);
            // Momentum cycled by a shape after a warmup, under plateau reduction: every branch of the fused momentum code.
            data.Add("WarmupCyclicPlateau", "Demo.CyclicFinetune.g.cs", """
                using ScheduleDsl;
                namespace Demo;
                [LearningRate(0.01), Steps(10000)]
                [Warmup(500)]
                [Cosine]
                [Cyclic(0.001, 1000)]
                [ReduceOnPlateau(Patience = 3)]
                public partial class CyclicFinetune { }
                """);
            // PyTorch's per-group semantics: every absolute rate (cosine and plateau minimums, floor) the same for every group.
            data.Add("AbsoluteMinimums", "Demo.FineTune.g.cs", """
                using ScheduleDsl;
                namespace Demo;
                [LearningRate(1e-3, Minimums = MinimumScaling.Absolute), Epochs(30), Floor(1e-7)]
                [Warmup(2)]
                [Cosine(MinLr = 1e-6)]
                [ReduceOnPlateau(MinLr = 1e-6)]
                public partial class FineTune { }
                """);
            data.Add("CustomFactor", "Custom.g.cs", """
                using System;
                using ScheduleDsl;
                [LearningRate(0.01), Steps(1000)]
                [Warmup(100)]
                [CustomFactor(nameof(Decay))]
                public partial class Custom
                {
                    private static double Decay(double t) => Math.Exp(-t / 300);
                }
                """);
            // Two prefixes (the hold's formula shifted by the warmup), a shape and a window over them, refused past the horizon.
            data.Add("WarmupHoldWindowThrow", "Demo.Phased.g.cs", """
                using ScheduleDsl;
                namespace Demo;
                [LearningRate(0.1), Steps(1000), PastHorizon(PastHorizonPolicy.Throw)]
                [Warmup(100)]
                [Hold(50)]
                [Cosine]
                [ConstantFactor(0.5, From = 600, Until = 800)]
                public partial class Phased { }
                """);
            // Another hyperparameter counted in epochs without a horizon, under a floor: the preview's default span.
            data.Add("TemperatureNoHorizon", "Demo.Distillation.g.cs", """
                using ScheduleDsl;
                namespace Demo;
                [Temperature(2.0), Epochs, Floor(0.5)]
                [Exponential(0.9)]
                public partial class Distillation { }
                """);
            // Schedules of other hyperparameters (issue 15): a weight decay nested in a training class, an EMA decay declared on the
            // training class itself (a nested EmaDecaySchedule and its factory), and DINO's three schedules on one training class.
            data.Add("WeightDecayNested", "Demo.Trainer.WeightDecaySchedule.g.cs", """
                using ScheduleDsl;
                namespace Demo;
                public partial class Trainer
                {
                    [WeightDecay(0.04), Epochs(100)]
                    [Cosine(EndValue = 0.4)]
                    public partial class WeightDecaySchedule { }
                }
                """);
            data.Add("EmaDecayTrainingClass", "Demo.Teacher.g.cs", """
                using System;
                using ScheduleDsl;
                namespace Demo;
                [EmaDecay(0.996), Epochs(100)]
                [Cosine(EndValue = 1.0)]
                public sealed partial class Teacher : IDisposable
                {
                    private readonly int _updates = 0;
                    public void Dispose() { }
                }
                """);
            return data;
        }

        /// <summary>DINO's recipe (Caron et al. 2021): cosine rate after a warmup, cosine weight decay 0.04 to 0.4, teacher EMA 0.996 to 1.</summary>
        public const string Dino = """
            using ScheduleDsl;
            namespace Demo;
            public partial class DinoTraining
            {
                [LearningRate(5e-4), Epochs(100)] [Warmup(10)] [Cosine(MinLr = 1e-6)]
                public partial class Rate { }
                [WeightDecay(0.04), Epochs(100)] [Cosine(EndValue = 0.4)]
                public partial class WeightDecaySchedule { }
                [EmaDecay(0.996), Epochs(100)] [Cosine(EndValue = 1.0)]
                public partial class TeacherMomentum { }
            }
            """;

        [Theory]
        [MemberData(nameof(Cases))]
        public Task Generated_file_matches_its_snapshot(string name, string hintName, string source) => Verify(source, (name, hintName));

        /// <summary>Three schedules of one training class: three generated files, each its own class.</summary>
        [Fact]
        public Task Every_schedule_of_a_training_class_matches_its_snapshot() => Verify(Dino,
            ("DinoRate", "Demo.DinoTraining.Rate.g.cs"), ("DinoWeightDecay", "Demo.DinoTraining.WeightDecaySchedule.g.cs"),
            ("DinoTeacherMomentum", "Demo.DinoTraining.TeacherMomentum.g.cs"));

        private static async Task Verify(string source, params (string Name, string HintName)[] files)
        {
            var test = new CSharpSourceGeneratorTest<ScheduleGenerator, DefaultVerifier>
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
                TestState =
                {
                    Sources = { source },
                    AdditionalReferences = { typeof(LearningRateAttribute).Assembly.Location },
                },
            };
            foreach ((string name, string hintName) in files)
            {
                string path = Path.Combine(SnapshotDirectory(), name + ".g.cs");
                string generated = Generate(source, hintName);
                if (Environment.GetEnvironmentVariable("SDL_UPDATE_SNAPSHOTS") == "1") File.WriteAllText(path, Scrub(generated));
                Assert.True(File.Exists(path), $"{path} is missing: run the tests with SDL_UPDATE_SNAPSHOTS=1 and review it.");
                string expected = File.ReadAllText(path).Replace("\r\n", "\n").Replace("{version}", Version);
                test.TestState.GeneratedSources.Add((typeof(ScheduleGenerator), hintName, SourceText.From(expected, Encoding.UTF8)));
            }

            // The testing library compares the whole output and shows a line diff on mismatch.
            await test.RunAsync();
        }

        private static readonly string Version = typeof(ScheduleGenerator).Assembly.GetName().Version!.ToString();

        private static string Scrub(string text) => text.Replace($"\"ScheduleDsl.Generator\", \"{Version}\"", "\"ScheduleDsl.Generator\", \"{version}\"");

        private static string Generate(string source, string hintName)
        {
            (_, var result) = GeneratorRunner.Run(source);
            return result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
        }

        private static string SnapshotDirectory() => typeof(SnapshotTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SnapshotDirectory").Value!;
    }
}
