using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary>The source generator over projects of 1, 100 and 1000 schedule classes: a cold run (fresh
    /// driver, fresh compilation symbols, as a command-line build) and the re-run the IDE makes after a
    /// one-character edit in an unrelated file (same driver, <c>ReplaceSyntaxTree</c>). Parsing is not timed.</summary>
    public class GeneratorBenchmarks
    {
        private SyntheticProject _project = null!;
        private GeneratorDriver _warm = null!, _warmFloor = null!;

        [Params(1, 100, 1000)]
        public int Classes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _project = SyntheticProject.Get(Classes);
            _warm = SyntheticProject.NewDriver().RunGenerators(_project.Compilation);
            _warmFloor = FloorDriver().RunGenerators(_project.Compilation);
        }

        [Benchmark(Baseline = true)]
        public GeneratorDriver Cold() => SyntheticProject.NewDriver().RunGenerators(_project.Compilation.Clone());

        [Benchmark]
        public GeneratorDriver RerunAfterUnrelatedEdit() =>
            _warm.RunGenerators(_project.Compilation.ReplaceSyntaxTree(_project.Unrelated, _project.UnrelatedEdited));

        /// <summary>The same re-run with <see cref="FloorGenerator"/>: Roslyn's search and attribute binding alone.</summary>
        [Benchmark]
        public GeneratorDriver FloorRerunAfterUnrelatedEdit() =>
            _warmFloor.RunGenerators(_project.Compilation.ReplaceSyntaxTree(_project.Unrelated, _project.UnrelatedEdited));

        private static GeneratorDriver FloorDriver() =>
            CSharpGeneratorDriver.Create(new[] { new FloorGenerator().AsSourceGenerator() }, parseOptions: SyntheticProject.ParseOptions);
    }
}
