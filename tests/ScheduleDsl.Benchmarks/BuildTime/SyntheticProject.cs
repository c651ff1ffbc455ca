using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ScheduleDsl.Testing;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary>A project of N schedule classes (one file each, families in rotation) plus one unrelated file,
    /// parsed once and shared by the build-time benchmarks of the same size.</summary>
    internal sealed class SyntheticProject
    {
        private static readonly ConcurrentDictionary<int, SyntheticProject> Cache = new();

        /// <summary>Declarations in rotation: every family, prefixes, plateau, compositions.</summary>
        private static readonly string[] Declarations =
        {
            "[LearningRate(0.1), Epochs(90)] [StepDecay(30, 0.1)]",
            "[LearningRate(0.1), Epochs(100)] [Warmup(5)] [Cosine(MinLr = 1e-5)]",
            "[LearningRate(0.4), Epochs(90)] [Warmup(5)] [Cosine] [StepDecay(30, 0.1)]",
            "[LearningRate(0.01), Steps(10000)] [OneCycle]",
            "[LearningRate(0.001), Epochs(50)] [ReduceOnPlateau(Patience = 5, Factor = 0.5)]",
            "[LearningRate(0.1), Epochs(200)] [MultiStep(60, 120, 160, Gamma = 0.2)]",
            "[LearningRate(0.001), Steps(100000)] [Warmup(4000)] [InverseSqrt]",
            "[LearningRate(0.0003), Steps(50000)] [Wsd(2000, 30000)]",
            "[LearningRate(0.1), Epochs(100)] [CosineRestarts(10, TMult = 2, MinLr = 1e-4)]",
            "[LearningRate(0.01), Epochs(60)] [Warmup(3)] [Polynomial(Power = 2.0)]",
            "[LearningRate(0.05), Epochs(30)] [Exponential(0.95)]",
            "[LearningRate(0.1), Steps(20000)] [Cyclic(0.001, 2000)]",
        };

        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

        private static readonly Lazy<MetadataReference[]> References = new(() =>
            FrameworkReferences.With(typeof(LearningRateAttribute).Assembly.Location, typeof(global::TorchSharp.torch).Assembly.Location));

        private SyntheticProject(int classes)
        {
            Classes = classes;
            var trees = new List<SyntaxTree>();
            for (int i = 0; i < classes; i++)
                trees.Add(CSharpSyntaxTree.ParseText(ScheduleSource(i), ParseOptions, path: $"Schedules/Schedule{i:D4}.cs"));
            Unrelated = CSharpSyntaxTree.ParseText(UnrelatedSource, ParseOptions, path: "Unrelated.cs");
            trees.Add(Unrelated);
            Compilation = CSharpCompilation.Create("Synthetic" + classes.ToString(CultureInfo.InvariantCulture), trees, References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            // The one-character edit: "1" -> "2" in a constant of the unrelated file.
            int at = UnrelatedSource.IndexOf("= 1;", StringComparison.Ordinal) + 2;
            UnrelatedEdited = Unrelated.WithChangedText(Unrelated.GetText().WithChanges(new TextChange(new TextSpan(at, 1), "2")));

            GeneratorDriver driver = NewDriver().RunGeneratorsAndUpdateCompilation(Compilation, out Compilation generated, out var generatorDiagnostics);
            int files = driver.GetRunResult().GeneratedTrees.Length;
            var errors = generatorDiagnostics.Concat(generated.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (files != classes || errors.Length > 0)
                throw new InvalidOperationException($"synthetic project of {classes} classes: {files} generated files, errors: {string.Join("; ", errors.Take(5))}");
            WithGeneratedCode = generated;
        }

        public int Classes { get; }

        /// <summary>The user's sources (schedules and the unrelated file).</summary>
        public CSharpCompilation Compilation { get; }

        /// <summary>The sources plus the generated files: what analyzers see in a build.</summary>
        public Compilation WithGeneratedCode { get; }

        public SyntaxTree Unrelated { get; }

        public SyntaxTree UnrelatedEdited { get; }

        public static SyntheticProject Get(int classes) => Cache.GetOrAdd(classes, n => new SyntheticProject(n));

        /// <summary>A fresh driver: no cached pipeline state.</summary>
        public static GeneratorDriver NewDriver() =>
            CSharpGeneratorDriver.Create(RoslynComponents.Generators, parseOptions: ParseOptions);

        private static string ScheduleSource(int i) =>
            "using ScheduleDsl;\n\nnamespace Synthetic.Schedules\n{\n" +
            $"    {Declarations[i % Declarations.Length]}\n" +
            $"    public partial class Schedule{i.ToString("D4", CultureInfo.InvariantCulture)} {{ }}\n}}\n";

        private const string UnrelatedSource = """
            namespace Synthetic
            {
                /// <summary>Code that has nothing to do with schedules.</summary>
                public static class Settings
                {
                    public const int Version = 1;

                    public static string Describe(int seed) => "version " + Version + ", seed " + seed;
                }
            }
            """;
    }
}
