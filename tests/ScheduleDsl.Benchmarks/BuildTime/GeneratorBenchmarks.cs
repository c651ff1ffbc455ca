using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary>The source generator over projects of 1, 100 and 1000 schedule classes: a cold run (fresh
    /// driver, fresh compilation symbols, as a command-line build) and the re-run the IDE makes after a
    /// one-character edit in an unrelated file (same driver, <c>ReplaceSyntaxTree</c>). Parsing is not timed.</summary>
    public class GeneratorBenchmarks
    {
        private SyntheticProject _project = null!;
        private GeneratorDriver _warm = null!;

        [Params(1, 100, 1000)]
        public int Classes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _project = SyntheticProject.Get(Classes);
            _warm = SyntheticProject.NewDriver().RunGenerators(_project.Compilation);
        }

        [Benchmark(Baseline = true)]
        public GeneratorDriver Cold() => SyntheticProject.NewDriver().RunGenerators(_project.Compilation.Clone());

        [Benchmark]
        public GeneratorDriver RerunAfterUnrelatedEdit() =>
            _warm.RunGenerators(_project.Compilation.ReplaceSyntaxTree(_project.Unrelated, _project.UnrelatedEdited));
    }
}
