using System.Collections.Immutable;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary>All ScheduleDsl analyzers over the same projects (sources plus generated files, as in a build),
    /// on fresh compilation symbols each time. Running analyzers makes the compiler bind everything, so the
    /// baseline is that binding alone (<c>GetDiagnostics</c>): the difference is what the analyzers add.
    /// Analysis is sequential, to measure CPU per class rather than the machine's free cores.</summary>
    public class AnalyzerBenchmarks
    {
        private Compilation _compilation = null!;
        private CompilationWithAnalyzersOptions _options = null!;

        [Params(1, 100, 1000)]
        public int Classes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _compilation = SyntheticProject.Get(Classes).WithGeneratedCode;
            _options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        }

        [Benchmark(Baseline = true)]
        public int CompilerOnly() => _compilation.Clone().GetDiagnostics().Length;

        [Benchmark]
        public async Task<int> WithAnalyzers()
        {
            var analysis = _compilation.Clone().WithAnalyzers(RoslynComponents.Analyzers, _options);
            return (await analysis.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false)).Length;
        }
    }
}
