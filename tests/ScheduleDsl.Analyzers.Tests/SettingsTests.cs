using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Configuration.SettingsAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>SDL0016: a ScheduleDsl .editorconfig value that cannot be read is reported, naming the key, on every
    /// schedule declaration of the files it applies to (run under de-DE, where "0,6" would parse).</summary>
    public class SettingsTests
    {
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
                    new DiagnosticResult("SDL0016", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                        .WithArguments("scheduledsl.max_rate_without_warmup", "0,6", "a finite number >= 0 written with a '.' (invariant culture)", "0.1"));
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        [Fact]
        public Task Unknown_fix_choice_is_reported() => Verify.Analyze(Schedule, "scheduledsl.high_rate_fix = lower\n",
            new DiagnosticResult("SDL0016", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("scheduledsl.high_rate_fix", "lower", "add_warmup or lower_rate", "add_warmup"));

        [Fact]
        public Task Readable_settings_are_silent() => Verify.Analyze(Schedule,
            "scheduledsl.max_rate_without_warmup = 0.6\nscheduledsl.useless_rate_ratio = 1e-4\nscheduledsl.high_rate_fix = lower_rate\n");
    }
}
