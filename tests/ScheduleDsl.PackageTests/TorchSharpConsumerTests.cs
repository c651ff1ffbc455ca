using System;
using System.Globalization;
using System.Linq;
using ScheduleDsl.PackageTests.Infrastructure;
using Xunit;

namespace ScheduleDsl.PackageTests
{
    /// <summary>A new project with <c>ScheduleDsl.TorchSharp</c> (which brings ScheduleDsl and its generator),
    /// <c>TorchSharp</c> and a libtorch backend: a generated schedule drives SGD for a few training steps.</summary>
    [Collection(PackedFeedCollection.Name)]
    public sealed class TorchSharpConsumerTests
    {
        private const int Steps = 10;

        private readonly PackedFeed _feed;

        public TorchSharpConsumerTests(PackedFeed feed) => _feed = feed;

        /// <summary>net8.0 (the LTS; rolls forward to a newer runtime when only that one is installed) and net10.0.</summary>
        [Theory]
        [InlineData("net8.0")]
        [InlineData("net10.0")]
        public void GeneratedScheduleDrivesSgdThroughThePackage(string targetFramework)
        {
            // Only the adapter package is referenced from ScheduleDsl: the core and its generator come with it.
            ConsumerProject project = ConsumerProject.Create(_feed, "torchsharp-" + targetFramework,
                new[]
                {
                    ("ScheduleDsl.TorchSharp", _feed.Version),
                    ("TorchSharp", Repository.PinnedVersion("TorchSharp")),
                    ("libtorch-cpu-linux-x64", Repository.PinnedVersion("libtorch-cpu-linux-x64")),
                },
                new[] { ("Program.cs", Program) }, warningsAsErrors: true, targetFramework);

            CommandResult build = project.Build();
            Assert.True(build.ExitCode == 0, build.ToString());
            CoreConsumerTests.AssertNoToolFailure(build);

            CommandResult run = project.Run();
            Assert.True(run.ExitCode == 0, run.ToString());
            // The rates the optimizer actually used (read from its parameter group before each step).
            PrintedRates.AssertMatch(0.1, ExpectedRate, PrintedRates.Parse(run), expectedCount: Steps);
            double[] losses = run.Output.Split('\n').Where(l => l.StartsWith("loss ", StringComparison.Ordinal))
                .Select(l => double.Parse(l.Split(' ')[2], NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(Steps, losses.Length);
            Assert.Equal(losses[0], losses[1]); // rate 0 at step 0 (warmup starts at 0): the weights did not move
            Assert.True(losses[^1] < 0.5 * losses[0], run.ToString()); // then training does
        }

        // Written from docs/schedule-semantics.md: linear warmup from 0 over 2 steps, then cosine to 0 over the remaining 8.
        private static double ExpectedRate(int step)
        {
            if (step < 2) return 0.1 * step / 2.0;
            return 0.1 * (1 + Math.Cos(Math.PI * (step - 2) / 8.0)) / 2;
        }

        private const string Program = """
            using System;
            using System.Globalization;
            using System.Linq;
            using ScheduleDsl;
            using ScheduleDsl.TorchSharp;
            using TorchSharp;
            using static TorchSharp.torch;

            namespace Consumer
            {
                [LearningRate(0.1), Steps(10)]
                [Warmup(2)]
                [Cosine]
                public partial class TinySchedule { }

                public static class Program
                {
                    public static void Main()
                    {
                        torch.manual_seed(1);
                        using var model = nn.Linear(3, 1);
                        using Tensor x = torch.randn(64, 3);
                        using Tensor y = x.sum(1, keepdim: true) * 0.5;
                        using var optimizer = torch.optim.SGD(model.parameters(), TinySchedule.Peak);
                        var driver = ScheduleDriver.Attach(optimizer, new TinySchedule());
                        for (int step = 0; step < 10; step++)
                        {
                            double rate = optimizer.ParamGroups.First().LearningRate;
                            optimizer.zero_grad();
                            using Tensor loss = nn.functional.mse_loss(model.call(x), y);
                            loss.backward();
                            optimizer.step();
                            driver.Step(); // after optimizer.step(), as in PyTorch
                            string s = step.ToString(CultureInfo.InvariantCulture);
                            Console.WriteLine("rate " + s + " " + rate.ToString("R", CultureInfo.InvariantCulture));
                            Console.WriteLine("loss " + s + " " + loss.item<float>().ToString("R", CultureInfo.InvariantCulture));
                        }
                    }
                }
            }
            """;
    }
}
