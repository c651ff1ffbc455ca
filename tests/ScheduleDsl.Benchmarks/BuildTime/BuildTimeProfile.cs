using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary><c>./bench.sh profile [classes]</c>: where the build-time goes, from Roslyn's own accounting
    /// (not a BenchmarkDotNet suite): the generator's tracked steps on a cold run and on the re-run after an
    /// unrelated edit (how many outputs were recomputed, and their time), and each analyzer's execution time.</summary>
    internal static class BuildTimeProfile
    {
        private static readonly string[] Steps = { "Parse", "Schedules", "Diagnostics" };

        public static void Run(int classes)
        {
            SyntheticProject project = SyntheticProject.Get(classes);
            Console.WriteLine($"## Generator steps, {classes} classes (median of 5 runs)");
            Console.WriteLine();
            Console.WriteLine("| Run | Step | Outputs by reason | Step time | Generator time |");
            Console.WriteLine("| --- | --- | --- | ---: | ---: |");
            for (int run = 0; run < 2; run++)
            {
                var samples = Enumerable.Range(0, 5).Select(_ =>
                {
                    GeneratorDriver driver = Tracking();
                    Compilation compilation = project.Compilation.Clone();
                    if (run == 1)
                    {
                        driver = driver.RunGenerators(compilation);
                        compilation = project.Compilation.ReplaceSyntaxTree(project.Unrelated, project.UnrelatedEdited);
                    }
                    driver = driver.RunGenerators(compilation);
                    return (Result: driver.GetRunResult().Results.Single(), Timing: driver.GetTimingInfo().ElapsedTime);
                }).OrderBy(s => s.Timing).ToArray();
                var (result, timing) = samples[samples.Length / 2];
                foreach (string step in Steps)
                {
                    var runs = result.TrackedSteps.TryGetValue(step, out var r) ? r : ImmutableArray<IncrementalGeneratorRunStep>.Empty;
                    string reasons = string.Join(", ", runs.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Count()} {g.Key}"));
                    double ms = runs.Sum(s => s.ElapsedTime.TotalMilliseconds);
                    Console.WriteLine($"| {(run == 0 ? "cold" : "re-run after unrelated edit")} | {step} | {reasons} | {Ms(ms)} | {Ms(timing.TotalMilliseconds)} |");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"## Analyzer execution time, {classes} classes (Roslyn telemetry, sequential, median of 5 runs)");
            Console.WriteLine();
            Console.WriteLine("| Analyzer | Total | Per class |");
            Console.WriteLine("| --- | ---: | ---: |");
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var times = RoslynComponents.Analyzers.ToDictionary(a => a, _ => new double[5]);
            for (int i = 0; i < 5; i++)
            {
                var analysis = project.WithGeneratedCode.Clone().WithAnalyzers(RoslynComponents.Analyzers, options);
                analysis.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                foreach (DiagnosticAnalyzer analyzer in RoslynComponents.Analyzers)
                    times[analyzer][i] = analysis.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
            }
            foreach (var (analyzer, ms) in times)
            {
                double median = ms.OrderBy(x => x).ElementAt(2);
                Console.WriteLine($"| {analyzer.GetType().Name} | {Ms(median)} | {Ms(median / classes)} |");
            }
        }

        private static GeneratorDriver Tracking() =>
            CSharpGeneratorDriver.Create(RoslynComponents.Generators, parseOptions: SyntheticProject.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        private static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
    }
}
