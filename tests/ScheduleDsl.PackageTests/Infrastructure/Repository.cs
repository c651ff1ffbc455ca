using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace ScheduleDsl.PackageTests.Infrastructure
{
    /// <summary>The repository this test was built from: where the projects to pack are, and the package
    /// versions it pins (the consumers use the same ones, so restore resolves exactly what the feed serves).</summary>
    public static class Repository
    {
        /// <summary>Root folder of the repository.</summary>
        public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;

        private static readonly Dictionary<string, string> PinnedVersions = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

        /// <summary>The version Directory.Packages.props pins for <paramref name="packageId"/>.</summary>
        public static string PinnedVersion(string packageId) =>
            PinnedVersions.TryGetValue(packageId, out string? version)
                ? version
                : throw new InvalidOperationException($"{packageId} is not pinned in Directory.Packages.props.");
    }
}
