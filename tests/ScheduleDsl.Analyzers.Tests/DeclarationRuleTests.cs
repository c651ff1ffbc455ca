using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>The core's rules (SDL0002-SDL0007), each reported once on the exact argument.</summary>
    public class DeclarationRuleTests
    {
        private const string U = Verify.Usings;

        [Theory]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Cosine]")]
        [InlineData("[LearningRate(0.4), Epochs(90)] [Warmup(5)] [Cosine(MinLr = 1e-5)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [MultiStep(30, 60, 80)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [MultiStep(new[] { 30.0, 60, 80 }, Gamma = 0.2)]")]
        [InlineData("[LearningRate(0.1), Steps(10000)] [OneCycle]")]
        [InlineData("[LearningRate(3e-4), Steps(10000)] [Wsd(500, 7000)]")]
        [InlineData("[LearningRate(1e-3), Steps(100000)] [Warmup(4000)] [InverseSqrt]")]
        [InlineData("[LearningRate(0.1), Epochs] [ReduceOnPlateau(Patience = 5)]")]
        [InlineData("[LearningRate(0.05), Epochs(100)] [Exponential(0.95)]")]
        [InlineData("[LearningRate(0.1), Epochs(200)] [CosineRestarts(10, TMult = 2, MinLr = 1e-4)]")]
        [InlineData("[LearningRate(0.1), Epochs(200)] [CosineRestarts(10, MinLr = 1e-4, Decay = 0.5, DecayMode = ScheduleDsl.RestartDecayMode.Amplitude, CycleLimit = 4)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Cyclic(0.001, 5)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Cyclic(0.001, 5, Mode = ScheduleDsl.CyclicMode.ExpRange, Gamma = 0.9, ScaleMode = ScheduleDsl.CyclicScaleMode.Cycle)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Polynomial(Power = 2, EndLr = 1e-3)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Warmup(3)] [PiecewiseConstant(new[] { 30.0, 60.0 }, new[] { 0.1, 0.01, 0.001 })]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [StepDecay(30, 0.1)] [Floor(1e-3)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Warmup(3)] [Cosine] [RateNoise(Pct = 0.1, RangeStart = 10, RangeEnd = 60, Seed = 3)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Warmup(3)] [PiecewiseInterpolate(new[] { 0.0, 30.0, 80.0 }, new[] { 1.0, 0.5, 0.01 }, Interpolation = ScheduleDsl.Interpolation.Cosine)]")]
        [InlineData("[LearningRate(0.05), Epochs(12)] [Exponential(0.8, Until = 3)] [StepDecay(4, From = 3)]")]
        [InlineData("[LearningRate(0.05), Epochs(10)] [ConstantFactor(0.1, TotalIters = 3, Until = 3)] [Exponential(0.8, From = 3, Until = 6)] [StepDecay(2, From = 6)]")]
        [InlineData("[LearningRate(0.05), Epochs(12)] [StepDecay(4, 0.5)] [StepDecay(6, 0.5)] [LinearFactor(0.25, EndFactor = 0.5)]")]
        [InlineData("[LearningRate(0.05), Epochs(40)] [Cosine(Until = 20)] [Cosine(From = 20)]")]
        [InlineData("[LearningRate(1e-3), Epochs(30)] [Optimizer(OptimizerKind.AdamW)] [Cosine(MinLr = 1e-5)]")]
        [InlineData("[LearningRate(0.1), Steps(10000)] [OneCycle] [Optimizer(OptimizerKind.Sgd, Momentum = 0.9, CycleMomentum = true)]")]
        [InlineData("[LearningRate(1e-3), Steps(10000)] [OneCycle] [Optimizer(OptimizerKind.Adam, CycleMomentum = true)]")]
        public Task Valid_declarations_have_no_diagnostic(string attributes) =>
            Verify.Analyze(U + attributes + "\npublic partial class S { }\n");

        [Fact]
        public Task Class_without_schedule_attributes_is_ignored() =>
            Verify.Analyze(U + "[System.Obsolete] public class C { public double LearningRate = 5; }\n");

        /// <summary>A milestone is found however its array is written: its element in a collection expression; the whole
        /// argument for a single value passed by parameter name to the params array.</summary>
        [Fact]
        public Task Milestone_elements_are_located_in_a_collection_expression_and_a_named_params_value() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(50)]
            [MultiStep([10, {|#0:5|}, 40])]
            public partial class A { }

            [LearningRate(0.1), Epochs(50)]
            [MultiStep({|#1:milestones: 60|})]
            public partial class B { }
            """, null,
            new DiagnosticResult("SDL0003", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("MultiStep.Milestones[1] = 5: milestones must not decrease, but the previous one is 10."),
            new DiagnosticResult("SDL0007", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("MultiStep.Milestones[0] = 60: at or after the end of training (50 after warmup/hold), so it never fires."));

        [Fact]
        public Task Invalid_argument_is_reported_on_the_argument() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [StepDecay({|#1:0|}, 0.1)]
            [Cosine({|#0:MinLr = 0.5|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(1),
            // Issue 11 item 5: a minimum above the peak is a rising cosine, computed as PyTorch does, and flagged.
            new DiagnosticResult("SDL0017", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("Cosine.MinLr = 0.5: above the peak rate 0.1, so the cosine rises from the peak to it (PyTorch computes the same); if a decay was meant, use a minimum below the peak."));

        [Fact]
        public Task A_new_family_is_checked_on_its_array_element_with_no_analyzer_change() => Verify.Analyze(U + """
            [LearningRate(0.1), Steps(100)]
            [PiecewiseConstant(new[] { 10.0, 20.0 }, new[] { 0.1, {|#0:-0.05|}, 0.01 })]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("PiecewiseConstant.Values[1] = -0.05: must be a finite rate >= 0."));

        [Fact]
        public Task A_restart_decay_above_one_is_reported_on_its_argument() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [CosineRestarts(10, TMult = 2, {|#0:Decay = 1.5|}, CycleLimit = 3)]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("CosineRestarts.Decay = 1.5: must lie between 0 and 1."));

        [Fact]
        public Task A_cyclic_gamma_is_reported_on_its_argument_beside_a_scale_mode() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [Cyclic(0.001, 5, Mode = ScheduleDsl.CyclicMode.ExpRange, {|#0:Gamma = 0|}, ScaleMode = ScheduleDsl.CyclicScaleMode.Cycle)]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Cyclic.Gamma = 0: must be a finite number greater than 0."));

        [Fact]
        public Task A_piecewise_interpolation_time_out_of_order_is_reported_on_its_element() => Verify.Analyze(U + """
            [LearningRate(0.1), Steps(100)]
            [PiecewiseInterpolate(new[] { 0.0, 20.0, {|#0:15.0|} }, new[] { 1.0, 0.5, 0.1 })]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("PiecewiseInterpolate.Times[2] = 15: times must increase strictly, but the previous one is 20."));

        [Fact]
        public Task A_noise_range_ending_before_it_starts_is_reported_on_its_end() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [Cosine]
            [RateNoise(Pct = 0.2, RangeStart = 30, {|#0:RangeEnd = 20|}, Seed = 7)]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("RateNoise.RangeEnd = 20: must be a finite number greater than RangeStart = 30."));

        [Fact]
        public Task Invalid_argument_message_names_parameter_value_and_rule() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [StepDecay({|#0:-3|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("StepDecay.StepSize = -3: must be a finite number greater than 0."));

        [Fact]
        public Task Named_argument_is_located_on_its_assignment() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [Exponential(0.9, {|SDL0002:DecaySteps = 0|})]
            public partial class S { }
            """);

        [Fact]
        public Task Decreasing_milestone_is_reported_on_that_element() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(30, 60, {|#0:45|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0003", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("MultiStep.Milestones[2] = 45: milestones must not decrease, but the previous one is 60."));

        [Fact]
        public Task Decreasing_milestone_in_array_is_reported_on_the_element() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(new double[] { 60, {|SDL0003:30|} })]
            public partial class S { }
            """);

        [Fact]
        public Task Missing_horizon() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs]
            [{|#0:Cosine|}]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0004", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Cosine needs the schedule's horizon: declare [Epochs(n)] or [Steps(n)], or give its length explicitly."));

        [Fact]
        public Task Warmup_filling_the_horizon() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(10)]
            [Warmup(6)]
            [{|#0:Hold(4)|}]
            [Cosine]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0005", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Warmup and hold last 10 but the horizon is 10: nothing would be left for the decay; shorten them or lengthen the horizon."));

        [Fact]
        public Task One_cycle_with_warmup_conflicts() => Verify.Analyze(U + """
            [LearningRate(0.1), Steps(1000)]
            [OneCycle]
            [{|#0:Warmup(50)|}]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0006", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Warmup cannot be combined with OneCycle, which defines the whole schedule (its own warmup included); remove one of them."));

        [Fact]
        public Task Two_whole_schedule_shapes_conflict() => Verify.Analyze(U + """
            [LearningRate(0.1), Steps(1000)]
            [OneCycle]
            [{|#0:Wsd(100, 500)|}]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0006", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Wsd cannot be combined with OneCycle: each defines the whole schedule."));

        [Fact]
        public Task Step_decay_beyond_the_horizon_never_fires() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [Warmup(5)]
            [StepDecay({|#0:90|})]
            [MultiStep(30, {|#1:85|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0007", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("StepDecay.StepSize = 90: the first decay would come at or after the end of training (85 after warmup/hold), so it never fires."),
            new DiagnosticResult("SDL0007", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("MultiStep.Milestones[1] = 85: at or after the end of training (85 after warmup/hold), so it never fires."));

        [Fact]
        public Task Diagnostic_can_be_silenced_in_editorconfig() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [StepDecay(120)]
            public partial class S { }
            """, "dotnet_diagnostic.SDL0007.severity = none\n");

        [Fact]
        public Task Window_problems_are_reported_on_the_bound() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(20)]
            [Exponential(0.9, Until = 3)]
            [StepDecay(4, {|#0:From = 5|}, Until = 12)]
            [StepDecay(2, {|#1:From = 10|})]
            [ConstantFactor(0.5, From = 12, {|#2:Until = 25|})]
            [LinearFactor(0.5, From = 8, {|#3:Until = 8|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0018", DiagnosticSeverity.Warning).WithLocation(2)
                .WithMessage("ConstantFactor.Until = 25: the window ends past the end of training (20); leave Until out or set it to the horizon."),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(3)
                .WithMessage("LinearFactor.Until = 8: must be greater than From = 8 (an empty window never applies)."),
            new DiagnosticResult("SDL0018", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("StepDecay.From = 5: no window applies between 3 and 5, where the rate returns to the peak; start it at 3."),
            new DiagnosticResult("SDL0018", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("StepDecay.From = 10: overlaps the StepDecay before it, which runs until 12; both factors would multiply there. Start it at 12, or drop the windows to chain them."));

        [Fact]
        public Task A_bad_StartAt_is_reported_on_it() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(20)]
            [Exponential(0.9, Until = 3)]
            [StepDecay(4, From = 3, {|#0:StartAt = -1|})]
            [ConstantFactor(0.5, {|#1:StartAt = 2|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("StepDecay.StartAt = -1: must be a finite number at least 0."),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(1)
                .WithMessage("ConstantFactor.StartAt = 2: shifts the component's time inside a window; give it a window (From/Until)."));

        [Fact]
        public Task A_repeated_warmup_without_a_window_conflicts() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(20)]
            [Warmup(2)]
            [{|#0:Warmup(3)|}]
            [Warmup(3, From = 10)]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0006", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Warmup is declared twice; give the second one a window (From/Until) to run it later."));

        [Fact]
        public Task Schedule_attributes_without_LearningRate_warn_on_the_first_one() => Verify.Analyze(U + """
            [System.Obsolete]
            [{|#0:Epochs(90)|}]
            [Cosine]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0030", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("'S' declares [Epochs] but no [LearningRate] (nor another hyperparameter's marker): no schedule is generated for it; add [LearningRate(rate)] (or [WeightDecay(value)]...) or remove the schedule attributes"));

        [Fact]
        public Task A_lone_component_without_LearningRate_warns_too() => Verify.Analyze(U + """
            [{|#0:Warmup(5)|}, Cosine]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0030", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("'S' declares [Warmup] but no [LearningRate] (nor another hyperparameter's marker): no schedule is generated for it; add [LearningRate(rate)] (or [WeightDecay(value)]...) or remove the schedule attributes"));

        [Fact]
        public Task A_derived_overflow_is_reported_on_its_argument() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [Cosine({|#0:Period = double.Epsilon|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Cosine.Period = 5E-324: is too short: 90 / Period overflows to infinity (the rate would be NaN)."));
    }
}
