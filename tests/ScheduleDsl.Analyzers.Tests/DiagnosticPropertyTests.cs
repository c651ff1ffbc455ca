using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Analyzers.Declaration;
using Xunit;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>The values the declaration analyzer hands to the code fixes in <c>Diagnostic.Properties</c>
    /// (<see cref="DiagnosticProperties"/>): a fix is offered exactly when its value is there, so each case below is
    /// also which fixes the user sees.</summary>
    public class DiagnosticPropertyTests
    {
        [Theory]
        // No ramp, starts at the peak: add a warmup (5% of 90 epochs, rounded up from 4.5) or lower the rate.
        [InlineData("[LearningRate(0.4), Epochs(90)] [Cosine]", "SDL0001", "MaxRate=0.1; WarmupLength=5")]
        [InlineData("[LearningRate(0.4), Steps(2000)] [Cosine]", "SDL0001", "MaxRate=0.1; WarmupLength=100")]
        // No ramp, starts below the peak (0.2): lowering the peak to 0.1 would halve the whole curve, so only the warmup.
        [InlineData("[LearningRate(0.4), Epochs(90)] [ConstantFactor(0.5)] [Cosine]", "SDL0001", "WarmupLength=5")]
        // A hold at full rate before the warmup: only lowering the rate (moving the warmup is the user's call).
        [InlineData("[LearningRate(0.4), Epochs(90)] [Hold(3)] [Warmup(2)]", "SDL0001", "MaxRate=0.1")]
        // A ramp that starts too high: no fix knows what to change.
        [InlineData("[LearningRate(0.4), Epochs(90)] [Warmup(2, StartFactor = 0.5)] [Cosine]", "SDL0001", "")]
        // A window gap: the bound that closes it; an overlap: the end of the window before.
        [InlineData("[LearningRate(0.1), Epochs(20)] [Exponential(0.9, Until = 3)] [StepDecay(4, From = 5)]", "SDL0018", "SuggestedValue=3")]
        [InlineData("[LearningRate(0.1), Epochs(20)] [StepDecay(4, 0.5, Until = 12.5)] [StepDecay(2, 0.5, From = 10)]", "SDL0018", "SuggestedValue=12.5")]
        // Core rules without a suggestion, and the other heuristics: nothing.
        [InlineData("[LearningRate(0.1), Epochs(90)] [StepDecay(-3)]", "SDL0002", "")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [MultiStep(60, 30)]", "SDL0003", "")]
        [InlineData("[LearningRate(0.1), Epochs(100)] [Exponential(0.8)]", "SDL0008", "")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Cosine] [Optimizer(OptimizerKind.Adam)]", "SDL0010", "")]
        public void Each_diagnostic_carries_what_its_fixes_need(string attributes, string id, string properties)
        {
            var diagnostics = AnalyzerRun.Diagnostics(new ScheduleDeclarationAnalyzer(), "using ScheduleDsl;\n" + attributes + "\npublic partial class S { }\n");
            Diagnostic diagnostic = Assert.Single(diagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(properties, Show(diagnostic.Properties));
        }

        [Fact]
        public void The_rate_to_lower_to_is_the_configured_threshold()
        {
            var diagnostics = AnalyzerRun.Diagnostics(new ScheduleDeclarationAnalyzer(),
                "using ScheduleDsl;\n[LearningRate(0.4), Epochs(90)] [Cosine]\npublic partial class S { }\n",
                new Dictionary<string, string> { ["scheduledsl.max_rate_without_warmup"] = "0.025" });
            Assert.Equal("MaxRate=0.025; WarmupLength=5", Show(Assert.Single(diagnostics).Properties));
        }

        private static string Show(IEnumerable<KeyValuePair<string, string?>> properties) =>
            string.Join("; ", properties.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
    }
}
