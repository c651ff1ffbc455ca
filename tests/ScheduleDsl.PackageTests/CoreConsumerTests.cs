using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScheduleDsl.PackageTests.Docs;
using ScheduleDsl.PackageTests.Infrastructure;
using Xunit;

namespace ScheduleDsl.PackageTests
{
    /// <summary>A new project with only <c>ScheduleDsl</c> installed from the feed: the attributes compile into a
    /// schedule class, the analyzers report in the build output, and the class computes the declared rates.</summary>
    [Collection(PackedFeedCollection.Name)]
    public sealed class CoreConsumerTests
    {
        private const string Program = """
            namespace Consumer
            {
                public static class Program
                {
                    public static void Main()
                    {
                        // Ticked per batch, 4 batches per epoch, 2 epochs past the horizon.
                        var schedule = new TrainingSchedule(stepsPerEpoch: 4);
                        for (int step = 0; step < 48; step++)
                        {
                            System.Console.WriteLine("rate " + step.ToString(System.Globalization.CultureInfo.InvariantCulture) + " "
                                + schedule.CurrentRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                            schedule.Advance();
                        }
                    }
                }
            }
            """;

        private const string TrainingSchedule = """
            using ScheduleDsl;

            namespace Consumer
            {
                [LearningRate(0.1), Epochs(10)]
                [Warmup(2)]
                [Cosine(MinLr = 0.001)]
                [StepDecay(3, 0.5)]
                public partial class TrainingSchedule { }
            }
            """;

        private readonly PackedFeed _feed;

        public CoreConsumerTests(PackedFeed feed) => _feed = feed;

        [Theory]
        [InlineData("net8.0")]
        [InlineData("net10.0")]
        public void GeneratedScheduleCompilesWithoutWarningsAndRunsTheDeclaredRates(string targetFramework)
        {
            ConsumerProject project = ConsumerProject.Create(_feed, "core-" + targetFramework, new[] { ("ScheduleDsl", _feed.Version) },
                new[] { ("Program.cs", Program), ("TrainingSchedule.cs", TrainingSchedule) }, warningsAsErrors: true, targetFramework);

            CommandResult build = project.Build(); // warnings are errors here: a clean declaration builds clean
            Assert.True(build.ExitCode == 0, build.ToString());
            AssertNoToolFailure(build);

            CommandResult run = project.Run();
            Assert.True(run.ExitCode == 0, run.ToString());
            PrintedRates.AssertMatch(0.1, ExpectedRate, PrintedRates.Parse(run), expectedCount: 48);
        }

        /// <summary>A netstandard2.0 class library at its default C# 7.3: the README's and docs' schedule declarations
        /// (those that need no TorchSharp) and every argument kind compile with warnings as errors, and none is reported.</summary>
        [Fact]
        public void NetStandardLibraryAtCSharp73CompilesTheDocumentedDeclarations()
        {
            var sources = new List<(string, string)> { ("TrainingSchedule.cs", TrainingSchedule), ("EveryArgument.cs", EveryArgument) };
            foreach (string page in new[] { "README.md", "src/ScheduleDsl/README.md", "docs/generated-code.md" })
                foreach (DocBlock block in DocBlock.Read(Repository.Root, page)
                    .Where(b => !b.IsStatements && b.ExpectedDiagnostics.Count == 0 && !b.Code.Contains("TorchSharp", StringComparison.Ordinal)))
                    sources.Add(($"Doc{sources.Count}.cs", block.ToSource(DocCodeBlockTests.Prelude, "Docs" + sources.Count.ToString(CultureInfo.InvariantCulture))));
            Assert.True(sources.Count >= 5, "documented declarations not found");

            ConsumerProject project = ConsumerProject.Create(_feed, "netstandard-csharp73", new[] { ("ScheduleDsl", _feed.Version) }, sources,
                warningsAsErrors: true, targetFramework: "netstandard2.0");
            CommandResult build = project.Build();
            Assert.True(build.ExitCode == 0, build.ToString());
            AssertNoToolFailure(build);
            Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        }

        // Every attribute argument type with only `using ScheduleDsl;`, in C# 7.3 syntax.
        private const string EveryArgument = """
            using ScheduleDsl;

            namespace Consumer.Arguments
            {
                public abstract class TrainerBase { public abstract void Train(); }

                [LearningRate(0.1), Epochs(30), Floor(1e-4), PastHorizon(PastHorizonPolicy.Throw)]
                [Warmup(2, Kind = WarmupKind.Cosine, StartFactor = 0.1)]
                [Cosine]
                [ReduceOnPlateau(Mode = PlateauMode.Max, Patience = 2)]
                public sealed partial class Trainer : TrainerBase { public override void Train() { } }

                [LearningRate(0.01), Steps(1000), OneCycle(Anneal = AnnealStrategy.Linear)]
                public partial class OneCycleLinear { }

                [LearningRate(0.01), Steps(8000), Cyclic(0.001, 2000, Mode = CyclicMode.ExpRange, Gamma = 0.999)]
                public partial class CyclicExpRange { }

                [LearningRate(3e-4), Steps(10000), Wsd(1000, 6000, DecayCurve = WsdCurve.OneMinusSqrt)]
                public partial class WarmupStableDecay { }

                // A constant rate: [LearningRate] and a time unit, no shape.
                [LearningRate(0.01), Epochs]
                public partial class Constant { }
            }
            """;

        [Fact]
        public void DangerousDeclarationShowsTheAnalyzerWarningWithItsId()
        {
            ConsumerProject project = Create("dangerous", warningsAsErrors: false, ("Program.cs", Program), ("TrainingSchedule.cs", TrainingSchedule),
                ("RiskySchedule.cs", """
                    using ScheduleDsl;

                    namespace Consumer
                    {
                        // 0.5 with no warmup: SDL0001.
                        [LearningRate(0.5), Epochs(90)]
                        [Cosine]
                        public partial class RiskySchedule { }
                    }
                    """));

            CommandResult build = project.Build();
            Assert.True(build.ExitCode == 0, build.ToString()); // a warning, not an error
            AssertNoToolFailure(build);
            Assert.True(Lines(build).Any(l => l.Contains("RiskySchedule.cs(6,", StringComparison.Ordinal) && l.Contains("warning SDL0001:", StringComparison.Ordinal)),
                build.ToString());
            Assert.False(Lines(build).Any(l => l.Contains("TrainingSchedule.cs(", StringComparison.Ordinal)), build.ToString()); // the clean one stays clean
        }

        [Fact]
        public void EditorConfigSetsTheSeverityAndTheThreshold()
        {
            const string risky = """
                using ScheduleDsl;

                namespace Consumer
                {
                    // 0.5 with no warmup: SDL0001 at the default threshold of 0.1.
                    [LearningRate(0.5), Epochs(90)]
                    [Cosine]
                    public partial class RiskySchedule { }
                }
                """;
            ConsumerProject strict = Create("strict", warningsAsErrors: false, ("Program.cs", Program), ("TrainingSchedule.cs", TrainingSchedule), ("RiskySchedule.cs", risky),
                (".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SDL0001.severity = error\n"));
            CommandResult strictBuild = strict.Build();
            Assert.NotEqual(0, strictBuild.ExitCode);
            Assert.True(Lines(strictBuild).Any(l => l.Contains("RiskySchedule.cs(6,", StringComparison.Ordinal) && l.Contains("error SDL0001:", StringComparison.Ordinal)),
                strictBuild.ToString());

            ConsumerProject lenient = Create("lenient", warningsAsErrors: true, ("Program.cs", Program), ("TrainingSchedule.cs", TrainingSchedule), ("RiskySchedule.cs", risky),
                (".editorconfig", "root = true\n\n[*.cs]\nscheduledsl.max_rate_without_warmup = 0.6\n"));
            CommandResult lenientBuild = lenient.Build();
            Assert.True(lenientBuild.ExitCode == 0, lenientBuild.ToString());
            Assert.False(Lines(lenientBuild).Any(l => l.Contains("SDL0001", StringComparison.Ordinal)), lenientBuild.ToString());
        }

        [Fact]
        public void InvalidDeclarationFailsTheBuildWithTheErrorId()
        {
            ConsumerProject project = Create("invalid", warningsAsErrors: false, ("Program.cs", Program), ("TrainingSchedule.cs", TrainingSchedule),
                ("BrokenSchedule.cs", """
                    using ScheduleDsl;

                    namespace Consumer
                    {
                        [LearningRate(0.1), Epochs(10)]
                        [StepDecay(0, 0.1)]
                        public partial class BrokenSchedule { }
                    }
                    """));

            CommandResult build = project.Build();
            Assert.NotEqual(0, build.ExitCode);
            AssertNoToolFailure(build);
            Assert.True(Lines(build).Any(l => l.Contains("BrokenSchedule.cs(6,", StringComparison.Ordinal) && l.Contains("error SDL0002:", StringComparison.Ordinal)
                && l.Contains("StepDecay.StepSize", StringComparison.Ordinal)), build.ToString());
        }

        // Written from docs/schedule-semantics.md: linear warmup from 0 over 2 epochs, then cosine to
        // MinLr / peak over the remaining 8 epochs times 0.5^floor(s / 3); time held at the horizon (10).
        private static double ExpectedRate(int step)
        {
            const double peak = 0.1;
            double t = Math.Min(step / 4.0, 10.0);
            if (t < 2) return peak * t / 2;
            double s = t - 2, minFactor = 0.001 / peak;
            double cosine = minFactor + (1 - minFactor) * (1 + Math.Cos(Math.PI * s / 8)) / 2;
            return peak * cosine * Math.Pow(0.5, Math.Floor(s / 3));
        }

        private ConsumerProject Create(string name, params (string, string)[] sources) => Create(name, true, sources);

        private ConsumerProject Create(string name, bool warningsAsErrors, params (string, string)[] sources) =>
            ConsumerProject.Create(_feed, name, new[] { ("ScheduleDsl", _feed.Version) }, sources, warningsAsErrors);

        private static string[] Lines(CommandResult result) => result.Output.Split('\n');

        // A generator that throws (CS8785) or an analyzer that throws (AD0001) would hide the real result.
        internal static void AssertNoToolFailure(CommandResult build)
        {
            Assert.DoesNotContain("CS8785", build.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("CS9057", build.Output, StringComparison.Ordinal); // analyzer built against a newer compiler
            Assert.DoesNotContain("NU1603", build.Output, StringComparison.Ordinal);
        }
    }
}
