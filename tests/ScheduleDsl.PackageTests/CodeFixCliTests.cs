using System;
using System.Linq;
using ScheduleDsl.PackageTests.Infrastructure;
using Xunit;

namespace ScheduleDsl.PackageTests
{
    /// <summary>The code fixes from the command line, with the package installed from the feed:
    /// <c>dotnet format analyzers --diagnostics ...</c> applies every fix, the same way on every run (Fix All used
    /// to be skipped in most runs when several IDs were given), "lower the rate" is reachable through
    /// .editorconfig, and an unreadable .editorconfig threshold is reported in the build.</summary>
    [Collection(PackedFeedCollection.Name)]
    public sealed class CodeFixCliTests
    {
        private static readonly (string, string)[] Sources =
        {
            ("Program.cs", "namespace Consumer { public static class Program { public static void Main() { } } }\n"),
            ("Risky.cs", """
                using ScheduleDsl;

                namespace Consumer
                {
                    [LearningRate(0.4), Epochs(90)]
                    [Cosine]
                    public partial class RiskyA { }

                    [LearningRate(0.9), Epochs(60)]
                    [StepDecay(20)]
                    public partial class RiskyB { }
                }
                """),
            ("Milestones.cs", """
                using ScheduleDsl;

                namespace Consumer
                {
                    [LearningRate(0.05), Epochs(90)]
                    [MultiStep(60, 30)]
                    public partial class Milestones { }
                }
                """),
            ("Twice.cs", """
                using ScheduleDsl;

                namespace Consumer
                {
                    [LearningRate(0.05), Epochs(90)]
                    [Cosine]
                    [Cosine]
                    public partial class Twice { }
                }
                """),
        };

        private readonly PackedFeed _feed;

        public CodeFixCliTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void Format_applies_every_fix_the_same_way_three_times()
        {
            string? first = null;
            for (int run = 1; run <= 3; run++)
            {
                ConsumerProject project = Create($"format-{run}", Sources);
                CommandResult format = project.FormatAnalyzers("--diagnostics", "SDL0001", "SDL0003", "SDL0006", "--severity", "warn", "-v", "diag");
                Assert.True(format.ExitCode == 0, format.ToString());
                Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);

                string risky = project.Read("Risky.cs").Replace("\r", ""), milestones = project.Read("Milestones.cs"), twice = project.Read("Twice.cs");
                Assert.Contains("[LearningRate(0.4), Epochs(90)]\n    [Warmup(5)]\n    [Cosine]", risky);
                Assert.Contains("[LearningRate(0.9), Epochs(60)]\n    [Warmup(3)]\n    [StepDecay(20)]", risky);
                Assert.Contains("[MultiStep(30, 60)]", milestones);
                Assert.Single(twice.Split('\n'), l => l.Contains("[Cosine]", StringComparison.Ordinal));
                string result = risky + milestones + twice;
                first ??= result;
                Assert.Equal(first, result);
            }
        }

        [Fact]
        public void Editorconfig_makes_format_lower_the_rate()
        {
            ConsumerProject project = Create("format-lower", Sources.Append((".editorconfig", "root = true\n\n[*.cs]\nscheduledsl.high_rate_fix = lower_rate\n")).ToArray());
            CommandResult format = project.FormatAnalyzers("--diagnostics", "SDL0001", "--severity", "warn");
            Assert.True(format.ExitCode == 0, format.ToString());
            string risky = project.Read("Risky.cs");
            Assert.Contains("[LearningRate(0.1), Epochs(90)]", risky);
            Assert.Contains("[LearningRate(0.1), Epochs(60)]", risky);
            Assert.DoesNotContain("Warmup", risky);
        }

        [Fact]
        public void Unreadable_threshold_is_reported_with_its_key()
        {
            ConsumerProject project = Create("format-comma", ("Program.cs", Sources[0].Item2), ("Risky.cs", Sources[1].Item2),
                (".editorconfig", "root = true\n\n[*.cs]\nscheduledsl.max_rate_without_warmup = 0,6\n"));
            CommandResult build = project.Build();
            CoreConsumerTests.AssertNoToolFailure(build);
            Assert.True(build.Output.Split('\n').Any(l => l.Contains("warning SDL0016:", StringComparison.Ordinal)
                && l.Contains("scheduledsl.max_rate_without_warmup = 0,6", StringComparison.Ordinal)), build.ToString());
            // The default threshold (0.1) stays in force: both rates still warn.
            Assert.Equal(2, build.Output.Split('\n').Where(l => l.Contains("warning SDL0001:", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().Count());
        }

        private ConsumerProject Create(string name, params (string, string)[] sources) =>
            ConsumerProject.Create(_feed, name, new[] { ("ScheduleDsl", _feed.Version) }, sources, warningsAsErrors: false);
    }
}
