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

        private readonly string _targetFramework;

        private ConsumerProject(string directory, string targetFramework)
        {
            Directory = directory;
            _targetFramework = targetFramework;
        }

        /// <summary>The project folder.</summary>
        public string Directory { get; }

        /// <summary>Writes the project: <paramref name="packages"/> (id, version) as package references and
        /// <paramref name="sources"/> (file name, text) as its code. Warnings are errors, so a clean build is
        /// free of any warning. <paramref name="targetFramework"/> picks the framework; a <c>netstandard2.0</c>
        /// project is a class library left at its default language version (C# 7.3, no nullable context).</summary>
        public static ConsumerProject Create(PackedFeed feed, string name, IEnumerable<(string Id, string Version)> packages,
            IEnumerable<(string FileName, string Text)> sources, bool warningsAsErrors = true, string targetFramework = "net10.0")
        {
            bool library = targetFramework.StartsWith("netstandard", System.StringComparison.Ordinal);
            // Fail with the pack output, not a restore error, when pack did not produce a package.
            foreach ((string id, _) in packages.Where(p => p.Id.StartsWith("ScheduleDsl", System.StringComparison.Ordinal)))
                feed.PackagePath(id);
            var project = new ConsumerProject(feed.NewConsumerDirectory(name), targetFramework);
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
                    <OutputType>{(library ? "Library" : "Exe")}</OutputType>
                    <TargetFramework>{targetFramework}</TargetFramework>
                    {(library ? "<!-- LangVersion and Nullable left at the netstandard2.0 defaults (C# 7.3, none). -->" : "<Nullable>enable</Nullable>")}
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

        /// <summary>Runs the built program. A net8.0 program rolls forward to a newer major runtime when .NET 8's is
        /// not installed (DOTNET_ROLL_FORWARD=Major prefers the requested major when it is there).</summary>
        public CommandResult Run() =>
            DotNetCli.Run(Directory, new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" },
                Path.Combine("bin", "Release", _targetFramework, "Consumer.dll"));

        /// <summary><c>dotnet format analyzers</c> on the project (restore included), with <paramref name="arguments"/>.</summary>
        public CommandResult FormatAnalyzers(params string[] arguments) =>
            DotNetCli.Run(Directory, new[] { "format", "analyzers", ProjectFile }.Concat(arguments).ToArray());

        /// <summary>The text of one of the project's files.</summary>
        public string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

        private void Write(string fileName, string text) => File.WriteAllText(Path.Combine(Directory, fileName), text);
    }
}
