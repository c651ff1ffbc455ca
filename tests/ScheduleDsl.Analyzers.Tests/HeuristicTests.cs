using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>SDL0001 and SDL0008-SDL0011: peak rate, evaluated curve and optimizer checks, with their
    /// .editorconfig thresholds. Expected numbers are worked out by hand in the comments.</summary>
    public class HeuristicTests
    {
        private const string U = Verify.Usings;

        [Fact]
        public Task High_rate_without_warmup_warns_on_the_rate() => Verify.Analyze(U + """
            [LearningRate({|#0:0.4|}), Epochs(90)]
            [Cosine]
            public partial class S { }
            """, null,
            // 5% of 90 epochs = 4.5, rounded to 5.
            new DiagnosticResult("SDL0001", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "Peak learning rate 0.4 is above 0.1 and the schedule has no warmup: early updates at full rate often diverge; add [Warmup(5)] or lower the rate to 0.1"));

        [Theory]
        [InlineData("Steps(10000)", "500")] // 5% of the steps
        [InlineData("Epochs(10)", "1")]     // 0.5 rounds to 1
        [InlineData("Epochs(4)", "1")]      // at least one epoch
        public Task Suggested_warmup_is_five_percent_of_the_horizon(string horizon, string warmup) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:0.2|}), {{horizon}}]
            [Cosine]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0001", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                $"Peak learning rate 0.2 is above 0.1 and the schedule has no warmup: early updates at full rate often diverge; add [Warmup({warmup})] or lower the rate to 0.1"));

        [Theory]
        [InlineData("Epochs(90)] [Warmup(5)] [Cosine]")]
        [InlineData("Steps(9000)] [OneCycle]")]
        [InlineData("Epochs(90)] [Cyclic(0.01, 5)]")]
        public Task High_rate_with_a_ramp_is_fine(string shapes) => Verify.Analyze(U + $"[LearningRate(0.4), {shapes}\npublic partial class S {{ }}\n");

        [Fact]
        public Task Rate_equal_to_the_threshold_is_fine() => Verify.Analyze(U + "[LearningRate(0.1), Epochs(90)] [Cosine]\npublic partial class S { }\n");

        [Fact]
        public Task Warmup_threshold_is_read_from_editorconfig() => Verify.Analyze(U + """
            [LearningRate(0.4), Epochs(90)] [Cosine]
            public partial class A { }
            [LearningRate({|#0:0.6|}), Epochs(90)] [Cosine]
            public partial class B { }
            """, "scheduledsl.max_rate_without_warmup = 0.5\n",
            new DiagnosticResult("SDL0001", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "Peak learning rate 0.6 is above 0.5 and the schedule has no warmup: early updates at full rate often diverge; add [Warmup(5)] or lower the rate to 0.5"));

        [Fact]
        public async Task Thresholds_and_messages_are_culture_invariant()
        {
            CultureInfo saved = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            try
            {
                await Verify.Analyze(U + """
                    [LearningRate({|#0:0.06|}), Epochs(90)] [Cosine]
                    public partial class S { }
                    """, "scheduledsl.max_rate_without_warmup = 0.05\n",
                    new DiagnosticResult("SDL0001", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                        "Peak learning rate 0.06 is above 0.05 and the schedule has no warmup: early updates at full rate often diverge; add [Warmup(5)] or lower the rate to 0.05"));
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public Task Warning_can_be_silenced() => Verify.Analyze(U + "[LearningRate(0.4), Epochs(90)] [Cosine]\npublic partial class S { }\n",
            "dotnet_diagnostic.SDL0001.severity = none\n");

        // 0.1 * 0.8^t falls below 1e-3 of the peak when t > ln(1e-3) / ln(0.8) = 30.96; sampled every 0.05 epoch,
        // the first useless sample is t = 31, leaving 69 of 100 epochs.
        private const string Exponential = "[LearningRate(0.1), Epochs({|#0:100|})] [Exponential(0.8)]\npublic partial class S { }\n";

        [Fact]
        public Task Wasted_epochs_are_reported_on_the_horizon() => Verify.Analyze(U + Exponential, null,
            new DiagnosticResult("SDL0008", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "The rate falls below 0.0001 (0.001 of the peak) at epoch 31 and stays there for the last 69 epochs (69% of training): those updates barely move the weights; shorten the horizon, decay less, or raise the floor"));

        [Fact]
        public Task Useless_ratio_is_read_from_editorconfig() => Verify.Analyze(U + Exponential,
            "scheduledsl.useless_rate_ratio = 0.0001\n",
            // ln(1e-4) / ln(0.8) = 41.28: first useless sample 41.3, 58.7 epochs left.
            new DiagnosticResult("SDL0008", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "The rate falls below 1E-05 (0.0001 of the peak) at epoch 41.3 and stays there for the last 58.7 epochs (58.7% of training): those updates barely move the weights; shorten the horizon, decay less, or raise the floor"));

        [Fact]
        public Task Wasted_fraction_is_read_from_editorconfig() => Verify.Analyze(U + Exponential.Replace("{|#0:100|}", "100"),
            "scheduledsl.wasted_fraction = 0.7\n");

        // Cosine times a 10x step decay (the README's ImageNet recipe): with s = t - 5, the factor is
        // 0.01 * (2.5e-5 + 0.999975 * (1 + cos(pi s / 85)) / 2) after s = 60; it drops below 1e-3 when
        // cos(pi s / 85) < -0.800045, i.e. s > 85 * acos(-0.800045) / pi = 67.59, t > 72.59. Samples every
        // 0.045 epoch: first useless one at 1614 * 0.045 = 72.63, leaving 17.37 epochs (19.3%).
        [Fact]
        public Task Cosine_times_step_decay_wastes_the_last_epochs() => Verify.Analyze(U + """
            [LearningRate(0.4), Epochs({|#0:90|})]
            [Warmup(5)]
            [Cosine(MinLr = 1e-5)]
            [StepDecay(30, 0.1)]
            public partial class ImageNetSchedule { }
            """, null,
            new DiagnosticResult("SDL0008", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "The rate falls below 0.0004 (0.001 of the peak) at epoch 72.63 and stays there for the last 17.37 epochs (19.3% of training): those updates barely move the weights; shorten the horizon, decay less, or raise the floor"));

        [Fact]
        public Task A_floor_keeps_the_rate_useful() =>
            Verify.Analyze(U + "[LearningRate(0.1), Epochs(100)] [Exponential(0.8)] [Floor(1e-3)]\npublic partial class S { }\n");

        [Fact]
        public Task Step_schedule_reports_steps() => Verify.Analyze(U + """
            [LearningRate(0.1), Steps({|#0:1000|})]
            [Exponential(0.5, DecaySteps = 100)]
            public partial class S { }
            """, null,
            // 0.5^(t/100) < 1e-3 when t > 996.6: first useless sample 997, only 3 steps left: no warning ...
            new DiagnosticResult[0]).ContinueWith(_ => Verify.Analyze(U + """
            [LearningRate(0.1), Steps({|#0:1000|})]
            [Exponential(0.5, DecaySteps = 50)]
            public partial class S { }
            """, null,
            // ... 0.5^(t/50) < 1e-3 when t > 498.3: first useless sample 498.5, 501.5 steps left (50.15%).
            new DiagnosticResult("SDL0008", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "The rate falls below 0.0001 (0.001 of the peak) at step 498.5 and stays there for the last 501.5 steps (50.2% of training): those updates barely move the weights; shorten the horizon, decay less, or raise the floor"))).Unwrap();

        [Fact]
        public Task Rate_of_one_or_more_warns() => Verify.Analyze(U + """
            [LearningRate({|#0:0.1|}), Epochs(10)]
            [LinearDecay(StartFactor = 12)]
            public partial class S { }
            """, null,
            // 0.1 * 12 = 1.2 at epoch 0.
            new DiagnosticResult("SDL0009", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "The rate reaches 1.2 at epoch 0: rates of 1.0 or more make almost every network diverge; lower the peak or the factor that raises it"));

        [Fact]
        public Task Rate_limit_is_read_from_editorconfig() =>
            Verify.Analyze(U + "[LearningRate(0.1), Epochs(10)] [LinearDecay(StartFactor = 12)]\npublic partial class S { }\n", "scheduledsl.max_rate = 2\n");

        [Fact]
        public Task Adaptive_optimizer_with_sgd_rate_warns() => Verify.Analyze(U + """
            [LearningRate({|#0:0.1|}), Epochs(90)]
            [Warmup(5)] [Cosine]
            [Optimizer(OptimizerKind.Adam)]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0010", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "Peak learning rate 0.1 is above 0.01 for Adam, an adaptive optimizer whose usual rate is 0.001: lower the rate or use SGD"));

        [Fact]
        public Task Adaptive_limit_is_read_from_editorconfig() => Verify.Analyze(U + """
            [LearningRate(0.02), Epochs(90)] [Cosine] [Optimizer(OptimizerKind.RMSProp)]
            public partial class A { }
            [LearningRate({|SDL0010:0.06|}), Epochs(90)] [Cosine] [Optimizer(OptimizerKind.AdamW)]
            public partial class B { }
            """, "scheduledsl.max_adaptive_rate = 0.05\n");

        [Fact]
        public Task Sgd_with_sgd_rate_is_fine() =>
            Verify.Analyze(U + "[LearningRate(0.1), Epochs(90)] [Cosine] [Optimizer(OptimizerKind.Sgd, Momentum = 0.9)]\npublic partial class S { }\n");

        [Fact]
        public Task Cycling_momentum_of_adagrad_is_an_error() => Verify.Analyze(U + """
            [LearningRate(0.01), Steps(1000)]
            [OneCycle]
            [Optimizer(OptimizerKind.Adagrad, {|#0:CycleMomentum = true|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0011", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                "CycleMomentum = true, but the optimizer is Adagrad: Adagrad has neither momentum nor beta1 to cycle; remove CycleMomentum or use SGD with Momentum, or Adam"));

        [Theory]
        [InlineData("OptimizerKind.Sgd, {|#0:CycleMomentum = true|}", "Sgd", "0")]
        [InlineData("OptimizerKind.RMSProp, Momentum = 0, {|#0:CycleMomentum = true|}", "RMSProp", "0")]
        public Task Cycling_momentum_without_momentum_is_an_error(string arguments, string kind, string momentum) => Verify.Analyze(U + $$"""
            [LearningRate(0.01), Steps(1000)]
            [OneCycle]
            [Optimizer({{arguments}})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0011", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                $"CycleMomentum = true, but the optimizer is {kind} without momentum: {kind} is declared with Momentum = {momentum}, so there is no momentum to cycle; set Momentum (e.g. 0.9) or remove CycleMomentum"));
    }
}
