using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using ScheduleDsl.PackageTests.Infrastructure;
using Xunit;

namespace ScheduleDsl.PackageTests
{
    /// <summary>What is inside the packed .nupkg / .snupkg files: layout, dependencies, metadata.</summary>
    [Collection(PackedFeedCollection.Name)]
    public sealed class PackageContentTests
    {
        private readonly PackedFeed _feed;

        public PackageContentTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void CorePackageCarriesTheRuntimeAndTheCompileTimeAssemblies()
        {
            using ZipArchive package = ZipFile.OpenRead(_feed.PackagePath("ScheduleDsl"));
            string[] dlls = package.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".dll", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[]
            {
                "analyzers/dotnet/cs/ScheduleDsl.Analyzers.dll",
                "analyzers/dotnet/cs/ScheduleDsl.CodeFixes.dll",
                "analyzers/dotnet/cs/ScheduleDsl.Generator.dll",
                "analyzers/dotnet/cs/ScheduleDsl.dll",
                "lib/net10.0/ScheduleDsl.dll",
                "lib/netstandard2.0/ScheduleDsl.dll",
            }, dlls);

            // The core the analyzers load beside them is the netstandard2.0 build (compilers on .NET Framework load it too).
            Assert.Equal(Bytes(package, "lib/netstandard2.0/ScheduleDsl.dll"), Bytes(package, "analyzers/dotnet/cs/ScheduleDsl.dll"));

            // Documentation comes with the runtime assemblies.
            Assert.Contains(package.Entries, e => e.FullName == "lib/net10.0/ScheduleDsl.xml");
            Assert.Contains(package.Entries, e => e.FullName == "lib/netstandard2.0/ScheduleDsl.xml");
        }

        [Fact]
        public void CorePackageHasNoDependencies()
        {
            // Roslyn is provided by the compiler that loads the analyzers: it must never become a dependency.
            XElement metadata = Nuspec(_feed.PackagePath("ScheduleDsl"));
            XElement[] groups = metadata.Elements(Ns(metadata) + "dependencies").Elements(Ns(metadata) + "group").ToArray();
            Assert.Equal(new[] { ".NETStandard2.0", "net10.0" }, groups.Select(g => (string)g.Attribute("targetFramework")!).OrderBy(f => f, StringComparer.Ordinal));
            Assert.All(groups, g => Assert.Empty(g.Elements()));
        }

        [Fact]
        public void TorchSharpPackageDependsOnManagedTorchSharpAndTheCoreWithItsAnalyzers()
        {
            XElement metadata = Nuspec(_feed.PackagePath("ScheduleDsl.TorchSharp"));
            XElement[] dependencies = Dependencies(metadata);
            Assert.DoesNotContain(dependencies, d => ((string)d.Attribute("id")!).StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(dependencies, d => ((string)d.Attribute("id")!).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
            // Only what a consumer needs, per target (net8.0 and net10.0): the repository's NU1603 pins
            // (SharpZipLib, SkiaSharp) stay inside the repository.
            XElement[] groups = metadata.Elements(Ns(metadata) + "dependencies").Elements(Ns(metadata) + "group").ToArray();
            Assert.Equal(new[] { "net10.0", "net8.0" }, groups.Select(g => (string)g.Attribute("targetFramework")!).OrderBy(f => f, StringComparer.Ordinal));
            Assert.All(groups, g => Assert.Equal(new[] { "ScheduleDsl", "TorchSharp" },
                g.Elements().Select(d => (string)d.Attribute("id")!).OrderBy(id => id, StringComparer.Ordinal)));
            Assert.All(dependencies.Where(d => (string)d.Attribute("id")! == "TorchSharp"),
                d => Assert.Equal(Repository.PinnedVersion("TorchSharp"), (string)d.Attribute("version")!));
            AssertCoreDependency(dependencies);
            AssertOnlyLibrary(_feed.PackagePath("ScheduleDsl.TorchSharp"), "ScheduleDsl.TorchSharp");
        }

        [Fact]
        public void PlottingPackageDependsOnOxyPlotAndTheCore()
        {
            XElement[] dependencies = Dependencies(Nuspec(_feed.PackagePath("ScheduleDsl.Plotting")));
            Assert.Equal(new[] { "OxyPlot.Core", "ScheduleDsl" }, dependencies.Select(d => (string)d.Attribute("id")!).Distinct().OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(dependencies.Where(d => (string)d.Attribute("id")! == "OxyPlot.Core"),
                d => Assert.Equal(Repository.PinnedVersion("OxyPlot.Core"), (string)d.Attribute("version")!));
            AssertCoreDependency(dependencies);
            AssertOnlyLibrary(_feed.PackagePath("ScheduleDsl.Plotting"), "ScheduleDsl.Plotting");
        }

        [Theory]
        [InlineData("ScheduleDsl")]
        [InlineData("ScheduleDsl.TorchSharp")]
        [InlineData("ScheduleDsl.Plotting")]
        public void EveryPackageHasFullMetadataAReadmeAndSymbols(string id)
        {
            string path = _feed.PackagePath(id);
            XElement metadata = Nuspec(path);
            XNamespace ns = Ns(metadata);
            Assert.Equal(id, (string?)metadata.Element(ns + "id"));
            Assert.Equal(_feed.Version, (string?)metadata.Element(ns + "version"));
            XElement license = metadata.Element(ns + "license")!;
            Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
            Assert.Equal("https://github.com/scheduledsl/scheduledsl", (string?)metadata.Element(ns + "repository")?.Attribute("url"));
            Assert.Equal("https://github.com/scheduledsl/scheduledsl", (string?)metadata.Element(ns + "projectUrl"));
            Assert.True(((string?)metadata.Element(ns + "description"))?.Length > 50, "description missing or too short");
            Assert.Contains("learning-rate", ((string?)metadata.Element(ns + "tags"))?.Split(' ') ?? Array.Empty<string>());

            string readme = (string?)metadata.Element(ns + "readme") ?? "";
            using (ZipArchive package = ZipFile.OpenRead(path))
            {
                ZipArchiveEntry entry = Assert.Single(package.Entries, e => e.FullName == readme);
                using var reader = new StreamReader(entry.Open());
                Assert.StartsWith("# " + id, reader.ReadToEnd(), StringComparison.Ordinal);
            }

            // Symbols: one portable PDB per library assembly in the .snupkg.
            using ZipArchive symbols = ZipFile.OpenRead(_feed.PackagePath(id, "snupkg"));
            string[] libraries = LibraryAssemblies(path);
            Assert.NotEmpty(libraries);
            Assert.Equal(libraries.Select(l => Path.ChangeExtension(l, ".pdb")).OrderBy(p => p, StringComparer.Ordinal),
                symbols.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal));
        }

        private void AssertCoreDependency(XElement[] dependencies)
        {
            XElement[] cores = dependencies.Where(d => (string)d.Attribute("id")! == "ScheduleDsl").ToArray();
            Assert.Equal(2, cores.Length); // one per target framework
            foreach (XElement core in cores)
            {
                Assert.Equal(_feed.Version, (string)core.Attribute("version")!);
                // The core's analyzers (the generator) must flow to whoever installs only this package.
                string exclude = (string?)core.Attribute("exclude") ?? "";
                Assert.DoesNotContain("Analyzers", exclude, StringComparison.OrdinalIgnoreCase);
            }
        }

        private static void AssertOnlyLibrary(string packagePath, string assemblyName) =>
            Assert.Equal(new[] { $"lib/net10.0/{assemblyName}.dll", $"lib/net8.0/{assemblyName}.dll" }, LibraryAssemblies(packagePath).Concat(
                OpenEntries(packagePath).Where(n => n.StartsWith("analyzers/", StringComparison.Ordinal))));

        private static string[] LibraryAssemblies(string packagePath) =>
            OpenEntries(packagePath).Where(n => n.StartsWith("lib/", StringComparison.Ordinal) && n.EndsWith(".dll", StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal).ToArray();

        private static string[] OpenEntries(string packagePath)
        {
            using ZipArchive package = ZipFile.OpenRead(packagePath);
            return package.Entries.Select(e => e.FullName).ToArray();
        }

        private static XElement Nuspec(string packagePath)
        {
            using ZipArchive package = ZipFile.OpenRead(packagePath);
            ZipArchiveEntry nuspec = Assert.Single(package.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
            using Stream stream = nuspec.Open();
            XElement root = XDocument.Load(stream).Root!;
            return root.Element(root.Name.Namespace + "metadata")!;
        }

        private static XNamespace Ns(XElement metadata) => metadata.Name.Namespace;

        private static XElement[] Dependencies(XElement metadata) =>
            metadata.Descendants(Ns(metadata) + "dependency").ToArray();

        private static byte[] Bytes(ZipArchive package, string entryName)
        {
            using Stream stream = package.GetEntry(entryName)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
