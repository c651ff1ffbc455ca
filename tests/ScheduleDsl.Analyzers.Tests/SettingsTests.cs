using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using ScheduleDsl.Analyzers.Configuration;
using Xunit;
using Verify = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Configuration.SettingsAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>SDL0016: a ScheduleDsl .editorconfig value that cannot be read is reported, naming the key, on every
    /// schedule declaration of the files it applies to (run under de-DE, where "0,6" would parse); and which values
    /// are read, into which threshold.</summary>
    public class SettingsTests
    {
        private const string Number = "a finite number >= 0 written with a '.' (invariant culture)";

        private const string Schedule = Verify.Usings + """
            [{|#0:LearningRate(0.5)|}, Epochs(90)] [Cosine]
            public partial class A { }
            """;

        [Fact]
        public async Task Comma_decimal_threshold_is_reported_with_its_key()
        {
            CultureInfo previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                await Verify.Analyze(Schedule, "scheduledsl.max_rate_without_warmup = 0,6\n",
                    new DiagnosticResult("SDL0016", DiagnosticSeverity.Warning).WithLocation(0)
                        .WithArguments("scheduledsl.max_rate_without_warmup", "0,6", Number, "0.1"));
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        [Fact]
        public Task Unknown_fix_choice_is_reported() => Verify.Analyze(Schedule, "scheduledsl.high_rate_fix = lower\n",
            new DiagnosticResult("SDL0016", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("'scheduledsl.high_rate_fix = lower' in .editorconfig cannot be read: expected add_warmup or lower_rate; the default add_warmup is used"));

        [Fact]
        public Task Readable_settings_are_silent() => Verify.Analyze(Schedule,
            "scheduledsl.max_rate_without_warmup = 0.6\nscheduledsl.useless_rate_ratio = 1e-4\nscheduledsl.high_rate_fix = lower_rate\n");

        /// <summary>Every marker of the file gets every unreadable value, in the order the keys are read; a type with
        /// schedule attributes but no marker, and the marker's companions ([Epochs], [Cosine]), get nothing.</summary>
        [Fact]
        public Task Each_unreadable_value_is_reported_on_each_marker() => Verify.Analyze(Verify.Usings + """
            [{|#0:LearningRate(0.5)|}, Epochs(90)] [Cosine]
            public partial class A { }
            [Epochs(90)] [Cosine]
            public partial class NoMarker { }
            [{|#1:WeightDecay(0.05)|}, Epochs(100)]
            public partial class B { }
            """, "scheduledsl.max_momentum = high\nscheduledsl.wasted_fraction = -0.5\n",
            Unreadable(0, "scheduledsl.wasted_fraction", "-0.5", "0.1"),
            Unreadable(0, "scheduledsl.max_momentum", "high", "0.999"),
            Unreadable(1, "scheduledsl.wasted_fraction", "-0.5", "0.1"),
            Unreadable(1, "scheduledsl.max_momentum", "high", "0.999"));

        private static DiagnosticResult Unreadable(int location, string key, string value, string fallback) =>
            new DiagnosticResult("SDL0016", DiagnosticSeverity.Warning).WithLocation(location)
                .WithMessage($"'{key} = {value}' in .editorconfig cannot be read: expected {Number}; the default {fallback} is used");

        /// <summary>Each key sets its own threshold (all at once, each to a value no other key has).</summary>
        [Fact]
        public void Each_key_sets_its_threshold()
        {
            AnalyzerSettings settings = Read(new Dictionary<string, string>
            {
                ["scheduledsl.max_rate_without_warmup"] = "0.11",
                ["scheduledsl.useless_rate_ratio"] = "0.12",
                ["scheduledsl.wasted_fraction"] = "0.13",
                ["scheduledsl.max_rate"] = "0.14",
                ["scheduledsl.max_adaptive_rate"] = "0.15",
                ["scheduledsl.max_weight_decay"] = "0.16",
                ["scheduledsl.min_ema_decay"] = "0.17",
                ["scheduledsl.min_momentum"] = "0.18",
                ["scheduledsl.max_momentum"] = "0.19",
                ["scheduledsl.high_rate_fix"] = "add_warmup",
            });
            Assert.Empty(settings.Unreadable);
            Assert.Equal(
                new[] { 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19 },
                new[]
                {
                    settings.MaxRateWithoutWarmup, settings.UselessRateRatio, settings.WastedFraction, settings.MaxRate, settings.MaxAdaptiveRate,
                    settings.MaxWeightDecay, settings.MinEmaDecay, settings.MinMomentum, settings.MaxMomentum,
                });
        }

        /// <summary>Without settings, the documented defaults (docs/diagnostics: SDL0001, SDL0008-SDL0010, SDL0021).</summary>
        [Fact]
        public void Defaults_are_the_documented_ones()
        {
            AnalyzerSettings settings = Read(new Dictionary<string, string>());
            Assert.Empty(settings.Unreadable);
            Assert.Equal(
                new[] { 0.1, 1e-3, 0.1, 1.0, 0.01, 0.5, 0.9, 0.5, 0.999 },
                new[]
                {
                    settings.MaxRateWithoutWarmup, settings.UselessRateRatio, settings.WastedFraction, settings.MaxRate, settings.MaxAdaptiveRate,
                    settings.MaxWeightDecay, settings.MinEmaDecay, settings.MinMomentum, settings.MaxMomentum,
                });
        }

        [Theory]
        [InlineData("0.25", 0.25)]
        [InlineData(" 0.25 ", 0.25)] // .editorconfig values may keep spaces
        [InlineData("0", 0.0)]       // the lower bound is allowed
        [InlineData("2.5e-3", 2.5e-3)]
        [InlineData("+3", 3.0)]
        [InlineData("1e300", 1e300)]
        [InlineData("-0", 0.0)]      // negative zero is not below zero
        public void Finite_numbers_at_least_zero_are_read(string text, double expected)
        {
            AnalyzerSettings settings = Read(new Dictionary<string, string> { ["scheduledsl.max_rate"] = text });
            Assert.Empty(settings.Unreadable);
            Assert.Equal(expected, settings.MaxRate);
        }

        [Theory]
        [InlineData("0,25")]      // a German decimal comma
        [InlineData("-0.001")]
        [InlineData("NaN")]
        [InlineData("Infinity")]
        [InlineData("-Infinity")]
        [InlineData("1e999")]     // overflows to infinity
        [InlineData("abc")]
        [InlineData("")]
        [InlineData("0.5.1")]
        public void Other_values_are_unreadable_and_keep_the_default(string text)
        {
            CultureInfo previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                AnalyzerSettings settings = Read(new Dictionary<string, string> { ["scheduledsl.max_adaptive_rate"] = text });
                Assert.Equal(0.01, settings.MaxAdaptiveRate);
                Assert.Equal(new[] { ("scheduledsl.max_adaptive_rate", text, Number, "0.01") }, settings.Unreadable);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        [Theory]
        [InlineData("add_warmup", true)]
        [InlineData("lower_rate", true)]
        [InlineData("  lower_rate ", true)]
        [InlineData("Lower_Rate", false)] // values are case-sensitive, as the fixer compares them
        [InlineData("lower", false)]
        [InlineData("", false)]
        public void High_rate_fix_is_one_of_two_choices(string text, bool readable)
        {
            AnalyzerSettings settings = Read(new Dictionary<string, string> { ["scheduledsl.high_rate_fix"] = text });
            if (readable) Assert.Empty(settings.Unreadable);
            else Assert.Equal(new[] { ("scheduledsl.high_rate_fix", text, "add_warmup or lower_rate", "add_warmup") }, settings.Unreadable);
        }

        /// <summary>The settings of one file, as the compiler hands them to analyzers.</summary>
        private static AnalyzerSettings Read(Dictionary<string, string> values) =>
            AnalyzerSettings.For(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new EditorConfigOptions(values)), CSharpSyntaxTree.ParseText("class C { }"));
    }
}
