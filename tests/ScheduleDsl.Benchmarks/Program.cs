using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ScheduleDsl.Benchmarks.BuildTime;
using ScheduleDsl.Benchmarks.PerStep;

// ./bench.sh [--short] [steps] [generator] [analyzers] [--filter GLOB]
// ./bench.sh profile [classes]
//   suites     which suites to run (default: all three, in this order)
//   profile    Roslyn's own accounting of the generator's steps and the analyzers' time (default 1000 classes)
//   --short    3 warmup + 3 measured iterations: a few minutes on 2 cores, for a quick look
//              (full mode: 5 + 15 per step benchmark, 3 + 10 per build-time benchmark)
//   --filter   BenchmarkDotNet glob over Type.Method, e.g. '*OneCycle*'
// Tables: artifacts/benchmarks/<suite>.md (GitHub markdown), plus BenchmarkDotNet's own exports beside them.
if (args.FirstOrDefault() == "profile")
{
    BuildTimeProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
    return 0;
}

bool quick = args.Contains("--short");
int filterAt = Array.IndexOf(args, "--filter");
string? filter = filterAt >= 0 && filterAt + 1 < args.Length ? args[filterAt + 1] : null;
string[] chosen = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (filterAt < 0 || i != filterAt + 1)).ToArray();

var suites = new Dictionary<string, (Type[] Types, bool BuildTime)>
{
    ["steps"] = (new[] { typeof(StepDecayPerStep), typeof(CosinePerStep), typeof(WarmupCosineStepPerStep), typeof(OneCyclePerStep), typeof(PlateauPerStep), typeof(SequentialPerStep), typeof(DinoPerStep) }, false),
    ["generator"] = (new[] { typeof(GeneratorBenchmarks) }, true),
    ["analyzers"] = (new[] { typeof(AnalyzerBenchmarks) }, true),
};
string? unknown = chosen.FirstOrDefault(s => !suites.ContainsKey(s));
if (unknown is not null)
{
    Console.Error.WriteLine($"unknown suite '{unknown}': use {string.Join(", ", suites.Keys)}");
    return 2;
}

string output = Path.GetFullPath(Path.Combine("artifacts", "benchmarks"));
Directory.CreateDirectory(output);
foreach (var (name, (types, buildTime)) in suites.Where(s => chosen.Length == 0 || chosen.Contains(s.Key)))
{
    Summary summary = BenchmarkRunner.Run(types, Config(buildTime)).Single();
    string table = Path.Combine(output, name + ".md");
    using (var logger = new StreamLogger(table))
        MarkdownExporter.GitHub.ExportToLog(summary, logger);
    Console.WriteLine($"{name}: {table}");
    if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success)) return 1;
}
return 0;

IConfig Config(bool buildTime)
{
    // In-process: the benchmarks run inside this process, which scripts/dotnet.sh started under the muxer
    // that can load TorchSharp's natives (a child process started by BenchmarkDotNet might not be).
    // Full mode: fixed iteration counts (BenchmarkDotNet's default keeps adding iterations while the shared
    // 2-core machine is noisy, which takes half an hour for the step suite).
    Job job = quick ? Job.ShortRun : buildTime ? Job.Default.WithWarmupCount(3).WithIterationCount(10) : Job.Default.WithWarmupCount(5).WithIterationCount(15);
    job = job.WithToolchain(InProcessEmitToolchain.Instance).WithId(quick ? "Short" : buildTime ? "Build" : "Default");
    IConfig config = DefaultConfig.Instance
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(output)
        .WithOptions(ConfigOptions.JoinSummary)
        .HideColumns(Column.Job, Column.Error, Column.RatioSD, Column.AllocRatio);
    if (buildTime) config = config.AddColumn(new PerClassColumn());
    else config = config.AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory).AddColumn(CategoriesColumn.Default);
    if (filter is not null) config = config.AddFilter(new GlobFilter(new[] { filter }));
    return config;
}
