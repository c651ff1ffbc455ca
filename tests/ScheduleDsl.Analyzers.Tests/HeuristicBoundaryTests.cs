using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>The heuristics (SDL0001, SDL0008-SDL0011, SDL0021) at their edges: values exactly on a threshold, the
    /// sample where the extreme is first reached, schedules the analyzer cannot evaluate (a custom factor), no horizon,
    /// and declarations with an error, which get the error alone. Expected numbers are worked out in the comments.</summary>
    public class HeuristicBoundaryTests
    {
        private const string U = Verify.Usings;

        private static DiagnosticResult Warning(string id, int location, string message) =>
            new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(location).WithMessage(message);

        private static DiagnosticResult HighRate(string message) => Warning("SDL0001", 0, message);

        // SDL0001 ------------------------------------------------------------------------------------------------

        [Theory]
        // No horizon: one epoch, or 1000 steps.
        [InlineData("Epochs] [StepDecay(30)", "1")]
        [InlineData("Steps] [StepDecay(3000)", "1000")]
        // A linear factor starting at 1 is no ramp.
        [InlineData("Epochs(90)] [LinearFactor(1.0, EndFactor = 0.5)", "5")]
        // A custom factor cannot be evaluated here: without a prefix covering t = 0 the peak is assumed.
        [InlineData("Epochs(90)] [CustomFactor(nameof(F))", "5")]
        public Task A_schedule_starting_at_a_high_peak_without_a_ramp_gets_a_warmup_suggested(string shapes, string warmup) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:0.4|}), {{shapes}}]
            public partial class S { public static double F(double t) => 1; }
            """, null,
            HighRate($"Peak learning rate 0.4 is above 0.1 and the schedule has no warmup: early updates at full rate often diverge; add [Warmup({warmup})] or lower the rate to 0.1"));

        [Fact]
        public Task A_constant_factor_starts_below_the_peak_but_still_too_high() => Verify.Analyze(U + """
            [LearningRate({|#0:0.4|}), Epochs(90)] [ConstantFactor(0.5)] [Cosine]
            public partial class S { }
            """, null,
            // 0.4 x 0.5 = 0.2 at t = 0; a constant factor is no ramp.
            HighRate("The learning rate starts at 0.2, above 0.1, and the schedule has no warmup: early updates at a high rate often diverge; add [Warmup(5)] or start lower"));

        [Theory]
        // LinearLR from 0.5: 0.2 at t = 0.
        [InlineData("Epochs(90)] [LinearFactor(0.5)] [Cosine", "0.2")]
        // OneCycleLR with DivFactor 1 starts at the peak itself: the ramp is declared, no hold comes first.
        [InlineData("Steps(9000)] [OneCycle(DivFactor = 1)", "0.4")]
        public Task A_declared_ramp_that_starts_too_high_is_named(string shapes, string start) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:0.4|}), {{shapes}}]
            public partial class S { }
            """, null,
            HighRate($"The learning rate starts at {start} (peak 0.4), above 0.1: early updates at a high rate often diverge; start the ramp lower (a warmup's StartFactor, a cyclic BaseLr, a one-cycle DivFactor or the floor)"));

        [Fact]
        public Task A_warmup_before_a_custom_factor_is_fine() => Verify.Analyze(U + """
            [LearningRate(0.4), Epochs(90)] [Warmup(5)] [CustomFactor(nameof(F))]
            public partial class S { public static double F(double t) => 1; }
            """);

        [Fact]
        public Task An_error_silences_the_heuristics_but_not_the_optimizer_rules() => Verify.Analyze(U + """
            [LearningRate({|#1:0.5|}), Epochs(90)] [StepDecay({|#0:0|}, 0.1)] [Optimizer(OptimizerKind.Adam)]
            public partial class S { }
            [WeightDecay(0.9), Epochs(100)] [StepDecay({|#2:0|}, 0.5)]
            public partial class W { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0).WithMessage("StepDecay.StepSize = 0: must be a finite number greater than 0."),
            Warning("SDL0010", 1, "Peak learning rate 0.5 is above 0.01 for Adam, an adaptive optimizer whose usual rate is 0.001: lower the rate or use SGD"),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(2).WithMessage("StepDecay.StepSize = 0: must be a finite number greater than 0."));

        // SDL0009 and SDL0008 ------------------------------------------------------------------------------------

        [Theory]
        // A linear warmup over 1 of 10 epochs reaches the peak at t = 1 (sample 200 of 2000) and stays there: the first
        // time the maximum is reached is named.
        [InlineData("1.5", "1.5")]
        // Exactly the limit 1.0 warns.
        [InlineData("1.0", "1")]
        public Task A_rate_of_one_or_more_is_named_where_first_reached(string peak, string shown) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:{{peak}}|}), Epochs(10)] [Warmup(1)]
            public partial class S { }
            """, null,
            Warning("SDL0009", 0, $"The rate reaches {shown} at epoch 1: rates of 1.0 or more make almost every network diverge; lower the peak or the factor that raises it"));

        [Fact]
        public Task A_rate_counted_in_steps_is_named_at_its_step_and_the_last_sample_counts() => Verify.Analyze(U + """
            [LearningRate({|#0:1.5|}), Steps(1000)] [Warmup(100)]
            public partial class S { }
            [LearningRate({|#1:1.0|}), Epochs(10)] [LinearFactor(0.05, TotalIters = 10)]
            public partial class RampToTheEnd { }
            """, null,
            // S: the warmup ends at step 100, sample 200 of 2000.
            Warning("SDL0009", 0, "The rate reaches 1.5 at step 100: rates of 1.0 or more make almost every network diverge; lower the peak or the factor that raises it"),
            // RampToTheEnd reaches 1.0 only at t = 10, the last of the 2001 samples (0.05 + 0.95 x 0.9995 = 0.999525 one before).
            Warning("SDL0009", 1, "The rate reaches 1 at epoch 10: rates of 1.0 or more make almost every network diverge; lower the peak or the factor that raises it"));

        [Fact]
        public Task A_rate_useless_from_the_first_sample_wastes_all_of_training() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs({|#0:100|})] [ConstantFactor(1e-4, TotalIters = 200)]
            public partial class S { }
            """, null,
            // 0.1 x 1e-4 = 1e-5 at every sample (the factor lasts past the horizon), below 0.1 x 1e-3: no sample is useful, so the waste starts at t = 0.
            Warning("SDL0008", 0, "The rate falls below 0.0001 (0.001 of the peak) at epoch 0 and stays there for the last 100 epochs (100% of training): those updates barely move the weights; shorten the horizon, decay less, or raise the floor"));

        [Fact]
        public Task Wasted_training_exactly_at_the_allowed_share_warns() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs({|#0:100|})] [StepDecay(50, 1e-4)]
            public partial class S { }
            """, "scheduledsl.wasted_fraction = 0.5\n",
            // 0.1 x 1e-4 = 1e-5 from t = 50 (sample 1000) on, below 1e-4: 50 of 100 epochs, exactly the allowed 0.5.
            Warning("SDL0008", 0, "The rate falls below 0.0001 (0.001 of the peak) at epoch 50 and stays there for the last 50 epochs (50% of training): those updates barely move the weights; shorten the horizon, decay less, or raise the floor"));

        [Fact]
        public Task A_rate_exactly_at_the_useless_level_is_still_useful() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(100)] [StepDecay(50, 0.5)]
            public partial class S { }
            """, "scheduledsl.useless_rate_ratio = 0.5\n");

        [Fact]
        public Task Only_the_last_sample_useless_wastes_nothing() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(100)] [LinearDecay]
            public partial class S { }
            """,
            // Linear to 0: 0.1 x 1/2000 = 5e-5 at the next-to-last sample, above 0.1 x 1e-4; only t = 100 is useless,
            // which leaves 0 epochs: nothing to report even when no waste at all is allowed.
            "scheduledsl.useless_rate_ratio = 1e-4\nscheduledsl.wasted_fraction = 0\n");

        [Fact]
        public Task A_custom_factor_is_not_evaluated() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(100)] [CustomFactor(nameof(F))]
            public partial class S { public static double F(double t) => System.Math.Pow(0.5, t); }
            """);

        // SDL0010 and SDL0011 ------------------------------------------------------------------------------------

        [Theory]
        [InlineData("Adam")]
        [InlineData("AdamW")]
        [InlineData("RMSProp")]
        [InlineData("Adagrad")]
        public Task Every_adaptive_optimizer_warns_above_its_limit(string kind) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:0.05|}), Epochs(90)] [Cosine] [Optimizer(OptimizerKind.{{kind}})]
            public partial class S { }
            [LearningRate(0.01), Epochs(90)] [Cosine] [Optimizer(OptimizerKind.{{kind}})]
            public partial class AtTheLimit { }
            """, null,
            Warning("SDL0010", 0, $"Peak learning rate 0.05 is above 0.01 for {kind}, an adaptive optimizer whose usual rate is 0.001: lower the rate or use SGD"));

        [Theory]
        [InlineData("OptimizerKind.Sgd")]
        [InlineData("OptimizerKind.Adagrad")]                                  // no cycling asked
        [InlineData("OptimizerKind.Adagrad, CycleMomentum = false")]
        [InlineData("OptimizerKind.RMSProp, Momentum = 0.9, CycleMomentum = true")]
        [InlineData("OptimizerKind.AdamW, Momentum = 0, CycleMomentum = true")] // beta1 cycles; Momentum is ignored
        [InlineData("kind: OptimizerKind.Sgd, CycleMomentum = true, Momentum = 0.5")]
        public Task Optimizers_with_something_to_cycle_or_no_cycling_are_fine(string arguments) => Verify.Analyze(U + $$"""
            [LearningRate(0.01), Steps(1000)] [OneCycle] [Optimizer({{arguments}})]
            public partial class S { }
            """);

        // SDL0021 ------------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("[WeightDecay(0.5), Epochs(10)]")]
        [InlineData("[EmaDecay(0.9), Epochs(10)]")]
        [InlineData("[Momentum(0.5), Epochs(10)]")]
        [InlineData("[Momentum(0.999), Epochs(10)]")]
        [InlineData("[WeightDecay(0.9), Epochs(10)] [CustomFactor(nameof(F))]")] // evaluated only in the user's code
        public Task Values_on_the_thresholds_are_usual(string attributes) => Verify.Analyze(U + attributes + """

            public partial class S { public static double F(double t) => 1; }
            """);

        [Fact]
        public Task Without_a_horizon_the_base_value_is_judged() => Verify.Analyze(U + """
            [EmaDecay({|#0:0.8|}), Epochs] [ReduceOnPlateau]
            public partial class S { }
            """, null,
            Warning("SDL0021", 0, "The EMA decay falls to 0.8 at epoch 0, below 0.9 (scheduledsl.min_ema_decay): the average then forgets within about 5 updates, hardly an average (teachers use 0.99-0.9999); check the value or lower the threshold"));

        [Fact]
        public Task Step_schedules_name_the_step() => Verify.Analyze(U + """
            [Momentum({|#0:0.9|}), Steps(1000)] [LinearDecay(EndValue = 0.3)]
            public partial class S { }
            [Momentum({|#1:0.95|}), Steps(1000)] [Warmup(100, StartFactor = 0.5)] [LinearDecay(EndValue = 1.0)]
            public partial class T { }
            """, "scheduledsl.max_momentum = 0.98\nscheduledsl.min_momentum = 0.4\n",
            Warning("SDL0021", 0, "The momentum falls to 0.3 at step 1000, below 0.4 (scheduledsl.min_momentum): SGD momentum and Adam's beta1 usually lie between 0.85 and 0.99; check the value or lower the threshold"),
            // Warms up from 0.475 to 0.95 by step 100, then rises linearly to 1.0 at step 1000.
            Warning("SDL0021", 1, "The momentum reaches 1 at step 1000, above 0.98 (scheduledsl.max_momentum): at 1 the velocity never decays and training diverges; check the value or raise the threshold"));
    }
}
