using System;
using System.Linq;
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

        [Fact]
        public void GeneratedScheduleCompilesWithoutWarningsAndRunsTheDeclaredRates()
        {
            ConsumerProject project = Create("core", ("Program.cs", Program), ("TrainingSchedule.cs", TrainingSchedule));

            CommandResult build = project.Build(); // warnings are errors here: a clean declaration builds clean
            Assert.True(build.ExitCode == 0, build.ToString());
            AssertNoToolFailure(build);

            CommandResult run = project.Run();
            Assert.True(run.ExitCode == 0, run.ToString());
            PrintedRates.AssertMatch(0.1, ExpectedRate, PrintedRates.Parse(run), expectedCount: 48);
        }

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
