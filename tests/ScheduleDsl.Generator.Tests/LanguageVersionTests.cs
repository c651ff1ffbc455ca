using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>The generated code compiles, without a single warning, at every C# version from 7.3 (a
    /// netstandard2.0 library's default) to the latest: no <c>#nullable</c> before 8, no init-only setters.</summary>
    public class LanguageVersionTests
    {
        public static TheoryData<LanguageVersion> Versions() => new()
        {
            LanguageVersion.CSharp7_3, LanguageVersion.CSharp8, LanguageVersion.CSharp9, LanguageVersion.CSharp10, LanguageVersion.Latest,
        };

        // Every family, random compositions (floors and past-horizon policies included), a training class
        // (nested schedule), a custom factor and a plateau: written with block namespaces, as C# 7.3 needs.
        private static string Source()
        {
            var source = new StringBuilder(AttributeWriter.Usings).Append("namespace Versions\n{\n");
            foreach ((string name, ScheduleDefinition d) in Families.EveryFamily) source.Append(AttributeWriter.Class("Family" + name, d));
            int i = 0;
            foreach (ScheduleDefinition d in Families.RandomValid(seed: 7).Take(60)) source.Append(AttributeWriter.Class("Random" + i++, d));
            // Schedules of the other hyperparameters, every kind, ends spelled EndValue (issue 15).
            foreach (ScheduleDefinition d in Families.RandomHyperparameters(seed: 7).Take(30)) source.Append(AttributeWriter.Class("Random" + i++, d));
            source.Append("""
                public abstract class TrainerBase { public abstract void Train(); }
                [LearningRate(0.1), Epochs(30), Floor(1e-4), PastHorizon(PastHorizonPolicy.Throw)]
                [Warmup(2, Kind = WarmupKind.Cosine, StartFactor = 0.1)]
                [Cosine]
                public sealed partial class Trainer : TrainerBase { public override void Train() { } }
                [LearningRate(0.01), Steps(1000), OneCycle(Anneal = AnnealStrategy.Linear)]
                public partial class OneCycleLinear { }
                [LearningRate(0.01), Steps(8000), Cyclic(0.001, 2000, Mode = CyclicMode.ExpRange, Gamma = 0.999)]
                public partial class CyclicExpRange { }
                [LearningRate(0.01), Steps(1000)]
                [Warmup(100)]
                [CustomFactor("Decay")]
                [ReduceOnPlateau(Mode = PlateauMode.Max)]
                public partial class Custom { private static double Decay(double t) { return System.Math.Exp(-t / 300); } }
                public partial class DinoTraining
                {
                    [LearningRate(5e-4), Epochs(100)] [Warmup(10)] [Cosine(MinLr = 1e-6)]
                    public partial class Rate { }
                    [WeightDecay(0.04), Epochs(100)] [Cosine(EndValue = 0.4)]
                    public partial class WeightDecaySchedule { }
                    [EmaDecay(0.996), Epochs(100)] [Cosine(EndValue = 1.0)]
                    public partial class TeacherMomentum { }
                }
                [Temperature(0.1), Steps(1000), Floor(0.01)] [Warmup(100)] [Exponential(0.99)] [ReduceOnPlateau]
                public partial class DistillationTemperature { }
                [Hyperparameter("loss_weight", 1.0), Epochs(30)] [LinearDecay(EndValue = 0.1)] [CustomFactor("Wiggle")]
                public sealed partial class Distillation : TrainerBase { public override void Train() { } private static double Wiggle(double t) { return 1.0; } }
                [Momentum(0.95), Epochs(30), PastHorizon(PastHorizonPolicy.Throw)] [Polynomial(EndValue = 0.85)]
                public partial class MomentumSchedule { }
                }

                """);
            return source.ToString();
        }

        [Theory]
        [MemberData(nameof(Versions))]
        public void Generated_code_compiles_without_warnings_at(LanguageVersion version)
        {
            var parseOptions = new CSharpParseOptions(version);
            CSharpCompilation input = TestCompilation.Create(Source()).WithOptions(
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: version >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable));
            input = input.ReplaceSyntaxTree(input.SyntaxTrees.Single(), input.SyntaxTrees.Single().WithRootAndOptions(input.SyntaxTrees.Single().GetRoot(), parseOptions));
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ScheduleGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
                .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out var generatorDiagnostics);

            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            Assert.Equal(Families.EveryFamily.Count + 60 + 30 + 4 + 6, result.GeneratedSources.Length);
            IEnumerable<Diagnostic> problems = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning);
            Assert.True(!problems.Any(), string.Join("\n", problems.Take(20)));
            bool nullable = result.GeneratedSources.All(s => s.SourceText.ToString().Contains("#nullable enable", StringComparison.Ordinal));
            Assert.Equal(version >= LanguageVersion.CSharp8, nullable);
        }
    }
}
