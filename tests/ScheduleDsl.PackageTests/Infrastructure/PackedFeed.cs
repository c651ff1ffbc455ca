using System;
using System.Globalization;
using System.IO;
using Xunit;

namespace ScheduleDsl.PackageTests.Infrastructure
{
    /// <summary>Packs ScheduleDsl, ScheduleDsl.TorchSharp and ScheduleDsl.Plotting once for all tests, into a
    /// temporary folder used as the consumers' package feed. The version is a fresh prerelease each run, so
    /// the global NuGet cache never serves a copy packed by an earlier run.</summary>
    public sealed class PackedFeed : IDisposable
    {
        /// <summary>The packed projects, by package id (= project name).</summary>
        public static readonly string[] PackageIds = { "ScheduleDsl", "ScheduleDsl.TorchSharp", "ScheduleDsl.Plotting" };

        public PackedFeed()
        {
            Version = "0.1.0-ci." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
            WorkDirectory = Path.Combine(Path.GetTempPath(), "scheduledsl-package-tests-" + Guid.NewGuid().ToString("N"));
            FeedDirectory = Path.Combine(WorkDirectory, "feed");
            Directory.CreateDirectory(FeedDirectory);

            // A solution filter packs the three projects in one command. Builds go to a private artifacts
            // folder, so a solution-wide test run that is building the same projects is left alone.
            string filter = Path.Combine(WorkDirectory, "packages.slnf");
            File.WriteAllText(filter, $$"""
                {
                  "solution": {
                    "path": "{{JsonPath(Path.Combine(Repository.Root, "ScheduleDsl.sln"))}}",
                    "projects": [
                      "src/ScheduleDsl/ScheduleDsl.csproj",
                      "src/ScheduleDsl.TorchSharp/ScheduleDsl.TorchSharp.csproj",
                      "src/ScheduleDsl.Plotting/ScheduleDsl.Plotting.csproj"
                    ]
                  }
                }
                """);
            PackResult = DotNetCli.Run(Repository.Root, "pack", filter, "-c", "Release", "-o", FeedDirectory,
                "-p:Version=" + Version, "-p:ArtifactsPath=" + Path.Combine(WorkDirectory, "artifacts"),
                "-nodeReuse:false", "--disable-build-servers");
        }

        /// <summary>The prerelease version of this run's packages.</summary>
        public string Version { get; }

        /// <summary>Temporary folder holding the feed, the build artifacts and the consumer projects.</summary>
        public string WorkDirectory { get; }

        /// <summary>The folder the packages were packed to.</summary>
        public string FeedDirectory { get; }

        /// <summary>Output of <c>dotnet pack</c>.</summary>
        public CommandResult PackResult { get; }

        /// <summary>Path of a package (or, with <c>snupkg</c>, symbol package) of this run; fails the test
        /// with the pack output when pack did not produce it.</summary>
        public string PackagePath(string packageId, string extension = "nupkg")
        {
            string path = Path.Combine(FeedDirectory, $"{packageId}.{Version}.{extension}");
            Assert.True(File.Exists(path), $"{Path.GetFileName(path)} was not packed.\n{PackResult}");
            return path;
        }

        /// <summary>A new empty folder for a consumer project, outside the repository.</summary>
        public string NewConsumerDirectory(string name)
        {
            string path = Path.Combine(WorkDirectory, "consumers", name);
            Directory.CreateDirectory(path);
            return path;
        }

        public void Dispose()
        {
            // This run's version was extracted into the global package cache by the consumers' restores:
            // remove exactly those folders, so repeated runs do not pile up there.
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
                ? custom
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (string id in PackageIds)
            {
                string idFolder = Path.Combine(cache, id.ToLowerInvariant());
                TryDelete(Path.Combine(idFolder, Version));
                if (Directory.Exists(idFolder) && Directory.GetFileSystemEntries(idFolder).Length == 0) TryDelete(idFolder);
            }
            TryDelete(WorkDirectory);
        }

        private static void TryDelete(string directory)
        {
            try
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }
            catch (IOException) { } // best effort: a leftover temp folder must not fail the run
            catch (UnauthorizedAccessException) { }
        }

        private static string JsonPath(string path) => path.Replace("\\", "\\\\");
    }

    /// <summary>Every test class of this assembly shares one <see cref="PackedFeed"/> (one pack per run).</summary>
    [CollectionDefinition(Name)]
    public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
    {
        public const string Name = "Packed feed";
    }
}
