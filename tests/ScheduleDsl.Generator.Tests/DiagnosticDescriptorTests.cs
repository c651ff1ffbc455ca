using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
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

        /// <summary>A diagnostic reduced to values for the pipeline comes back with its file, span, line and message.</summary>
        [Fact]
        public void A_diagnostic_info_restores_its_location_and_message()
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText("class C { }\nclass D { }", path: "File.cs");
            Diagnostic d = DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, Location.Create(tree, new TextSpan(18, 1)), "D").ToDiagnostic();
            FileLinePositionSpan line = d.Location.GetLineSpan();
            Assert.Equal(("SDL1001", "File.cs", new TextSpan(18, 1), new LinePosition(1, 6), new LinePosition(1, 7)),
                (d.Id, line.Path, d.Location.SourceSpan, line.StartLinePosition, line.EndLinePosition));
            Assert.Equal("'D' declares a schedule but is not partial: add the partial modifier so the schedule can be generated into it", d.GetMessage(CultureInfo.InvariantCulture));
            foreach (Location? nowhere in new[] { Location.None, null })
            {
                Diagnostic failure = DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, nowhere, "T", "boom").ToDiagnostic();
                Assert.Equal(Location.None, failure.Location);
                Assert.Equal("The schedule for 'T' could not be generated: boom. Please report this with the declaration.", failure.GetMessage(CultureInfo.InvariantCulture));
            }
        }
    }
}
