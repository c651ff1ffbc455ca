using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Generator.Diagnostics;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>The generator's diagnostics as users meet them: each descriptor's ID, title, category and severity are the
    /// ones its release-tracking row (AnalyzerReleases.*.md) and its docs page (docs/diagnostics/ID.md) announce, and a
    /// diagnostic that crossed the pipeline as an ID comes back as the same descriptor.</summary>
    public class DiagnosticDescriptorTests
    {
        private static string Root() => Path.GetFullPath(Path.Combine(typeof(DiagnosticDescriptorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SnapshotDirectory").Value!, "..", "..", ".."));

        private static DiagnosticDescriptor[] Descriptors() => typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToArray();

        [Fact]
        public void Every_descriptor_is_the_one_its_release_row_and_docs_page_announce()
        {
            string generator = Path.Combine(Root(), "generator", "ScheduleDsl.Generator");
            string releases = File.ReadAllText(Path.Combine(generator, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(generator, "AnalyzerReleases.Unshipped.md"));
            // "SDL1001 | ScheduleDsl.Generator | Error | Schedule type must be partial"
            var rows = Regex.Matches(releases, @"^(SDL\d{4}) \| ([^|]+) \| ([^|]+) \| (.+)$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups[1].Value, m => (Category: m.Groups[2].Value.Trim(), Severity: m.Groups[3].Value.Trim(), Title: m.Groups[4].Value.Trim()));

            DiagnosticDescriptor[] descriptors = Descriptors();
            Assert.Equal(rows.Keys.OrderBy(k => k, StringComparer.Ordinal), descriptors.Select(d => d.Id).OrderBy(k => k, StringComparer.Ordinal));
            foreach (DiagnosticDescriptor d in descriptors)
            {
                Assert.Equal(rows[d.Id], (d.Category, d.DefaultSeverity.ToString(), d.Title.ToString()));
                Assert.Equal(("ScheduleDsl.Generator", DiagnosticSeverity.Error, true), (d.Category, d.DefaultSeverity, d.IsEnabledByDefault));
                string page = File.ReadAllText(Path.Combine(Root(), "docs", "diagnostics", d.Id + ".md"));
                Assert.StartsWith($"# {d.Id}: {d.Title}\n", page.Replace("\r\n", "\n"));
                Assert.Equal($"https://github.com/scheduledsl/scheduledsl/blob/main/docs/diagnostics/{d.Id}.md", d.HelpLinkUri);
                // Diagnostics cross the pipeline as an ID (DiagnosticInfo): each ID must come back as its own descriptor.
                Assert.Same(d, DiagnosticDescriptors.ById(d.Id));
            }
            Assert.Same(DiagnosticDescriptors.GeneratorFailure, DiagnosticDescriptors.ById("SDL9999"));
        }
    }
}
