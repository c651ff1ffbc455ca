using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScheduleDsl.PackageTests.Infrastructure
{
    /// <summary>A brand-new console project outside the repository, as a user would create it: it installs the
    /// ScheduleDsl packages from the test's feed only (package source mapping) and everything else from nuget.org.</summary>
    public sealed class ConsumerProject
    {
        private const string ProjectFile = "Consumer.csproj";

        private ConsumerProject(string directory) => Directory = directory;

        /// <summary>The project folder.</summary>
        public string Directory { get; }

        /// <summary>Writes the project: <paramref name="packages"/> (id, version) as package references and
        /// <paramref name="sources"/> (file name, text) as its code. Warnings are errors, so a clean build is
        /// free of any warning.</summary>
        public static ConsumerProject Create(PackedFeed feed, string name, IEnumerable<(string Id, string Version)> packages,
            IEnumerable<(string FileName, string Text)> sources, bool warningsAsErrors = true)
        {
            // Fail with the pack output, not a restore error, when pack did not produce a package.
            foreach ((string id, _) in packages.Where(p => p.Id.StartsWith("ScheduleDsl", System.StringComparison.Ordinal)))
                feed.PackagePath(id);
            var project = new ConsumerProject(feed.NewConsumerDirectory(name));
            project.Write("nuget.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed.FeedDirectory}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local">
                      <package pattern="ScheduleDsl*" />
                    </packageSource>
                    <packageSource key="nuget.org">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            // Stop the MSBuild directory walk here: nothing from a parent folder may leak into the consumer.
            project.Write("Directory.Build.props", "<Project />");
            project.Write("Directory.Build.targets", "<Project />");
            project.Write("Directory.Packages.props", "<Project />");
            string references = string.Join("\n", packages.Select(p => $"""    <PackageReference Include="{p.Id}" Version="{p.Version}" />"""));
            project.Write(ProjectFile, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>{(warningsAsErrors ? "true" : "false")}</TreatWarningsAsErrors>
                    <!-- Run as `dotnet Consumer.dll`, under the same (possibly patched) dotnet as the test. -->
                    <UseAppHost>false</UseAppHost>
                    <!-- The vulnerability audit queries nuget.org and is about others' packages, not these. -->
                    <NuGetAudit>false</NuGetAudit>
                  </PropertyGroup>
                  <ItemGroup>
                {references}
                  </ItemGroup>
                </Project>
                """);
            foreach ((string fileName, string text) in sources) project.Write(fileName, text);
            return project;
        }

        /// <summary><c>dotnet build</c> (restore included).</summary>
        public CommandResult Build() =>
            DotNetCli.Run(Directory, "build", ProjectFile, "-c", "Release", "-nodeReuse:false", "--disable-build-servers");

        /// <summary>Runs the built program.</summary>
        public CommandResult Run() =>
            DotNetCli.Run(Directory, Path.Combine("bin", "Release", "net10.0", "Consumer.dll"));

        /// <summary><c>dotnet format analyzers</c> on the project (restore included), with <paramref name="arguments"/>.</summary>
        public CommandResult FormatAnalyzers(params string[] arguments) =>
            DotNetCli.Run(Directory, new[] { "format", "analyzers", ProjectFile }.Concat(arguments).ToArray());

        /// <summary>The text of one of the project's files.</summary>
        public string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

        private void Write(string fileName, string text) => File.WriteAllText(Path.Combine(Directory, fileName), text);
    }
}
