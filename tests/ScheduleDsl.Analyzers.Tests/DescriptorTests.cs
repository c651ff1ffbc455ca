using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Analyzers.Configuration;
using ScheduleDsl.Analyzers.Declaration;
using ScheduleDsl.Analyzers.Usage;
using Xunit;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>Every descriptor the analyzers report against its page in docs/diagnostics (the page the IDE's help link
    /// opens): same title and severity, on by default, a description for the IDE's tooltip that names the
    /// .editorconfig keys of its thresholds.</summary>
    public class DescriptorTests
    {
        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (DiagnosticDescriptor d in All()) data.Add(d.Id);
            return data;
        }

        private static DiagnosticDescriptor[] All() =>
            new DiagnosticAnalyzer[] { new ScheduleDeclarationAnalyzer(), new SettingsAnalyzer(), new TrainingLoopAnalyzer() }
                .SelectMany(a => a.SupportedDiagnostics).OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();

        [Fact]
        public void Every_rule_is_reported_by_one_analyzer() => Assert.Equal(
            new[]
            {
                "SDL0001", "SDL0002", "SDL0003", "SDL0004", "SDL0005", "SDL0006", "SDL0007", "SDL0008", "SDL0009", "SDL0010", "SDL0011",
                "SDL0012", "SDL0013", "SDL0014", "SDL0015", "SDL0016", "SDL0017", "SDL0018", "SDL0020", "SDL0021", "SDL0030",
            },
            All().Select(d => d.Id));

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_matches_its_docs_page(string id)
        {
            DiagnosticDescriptor descriptor = All().Single(d => d.Id == id);
            string root = typeof(DescriptorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Repository.Root").Value!;
            string page = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", id + ".md"));

            Assert.Equal($"# {id}: {descriptor.Title}", page.Replace("\r", "").Split('\n')[0]);
            Assert.Equal(Regex.Match(page, @"Severity\W+(\w+)").Groups[1].Value, descriptor.DefaultSeverity.ToString());
            Match category = Regex.Match(page, @"\| Category \| ([\w.]+) \|");
            if (category.Success) Assert.Equal(category.Groups[1].Value, descriptor.Category);
            Assert.Equal($"https://github.com/scheduledsl/scheduledsl/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.EndsWith(".", descriptor.Description.ToString());
            Assert.Contains("{0}", descriptor.MessageFormat.ToString());
        }

        [Theory]
        [InlineData("SDL0001", AnalyzerSettings.MaxRateWithoutWarmupKey)]
        [InlineData("SDL0008", AnalyzerSettings.UselessRateRatioKey, AnalyzerSettings.WastedFractionKey)]
        [InlineData("SDL0009", AnalyzerSettings.MaxRateKey)]
        [InlineData("SDL0010", AnalyzerSettings.MaxAdaptiveRateKey)]
        [InlineData("SDL0021", AnalyzerSettings.MaxWeightDecayKey, AnalyzerSettings.MinEmaDecayKey, AnalyzerSettings.MinMomentumKey, AnalyzerSettings.MaxMomentumKey)]
        public void Description_names_the_thresholds_keys(string id, params string[] keys)
        {
            string description = All().Single(d => d.Id == id).Description.ToString();
            foreach (string key in keys) Assert.Contains(key, description);
        }
    }
}
