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
        [InlineData("[LearningRate(0.1), Epochs(90)] [Cyclic(0.001, 5)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Polynomial(Power = 2, EndLr = 1e-3)]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [Warmup(3)] [PiecewiseConstant(new[] { 30.0, 60.0 }, new[] { 0.1, 0.01, 0.001 })]")]
        [InlineData("[LearningRate(0.1), Epochs(90)] [StepDecay(30, 0.1)] [Floor(1e-3)]")]
        [InlineData("[LearningRate(1e-3), Epochs(30)] [Optimizer(OptimizerKind.AdamW)] [Cosine(MinLr = 1e-5)]")]
        [InlineData("[LearningRate(0.1), Steps(10000)] [OneCycle] [Optimizer(OptimizerKind.Sgd, Momentum = 0.9, CycleMomentum = true)]")]
        [InlineData("[LearningRate(1e-3), Steps(10000)] [OneCycle] [Optimizer(OptimizerKind.Adam, CycleMomentum = true)]")]
        public Task Valid_declarations_have_no_diagnostic(string attributes) =>
            Verify.Analyze(U + attributes + "\npublic partial class S { }\n");

        [Fact]
        public Task Class_without_schedule_attributes_is_ignored() =>
            Verify.Analyze(U + "[System.Obsolete] public class C { public double LearningRate = 5; }\n");

        [Fact]
        public Task Invalid_argument_is_reported_on_the_argument() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)]
            [StepDecay({|#1:0|}, 0.1)]
            [Cosine({|#0:MinLr = 0.5|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(1),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("Cosine.MinLr = 0.5: must not exceed the peak learning rate 0.1."));

        [Fact]
        public Task A_new_family_is_checked_on_its_array_element_with_no_analyzer_change() => Verify.Analyze(U + """
            [LearningRate(0.1), Steps(100)]
            [PiecewiseConstant(new[] { 10.0, 20.0 }, new[] { 0.1, {|#0:-0.05|}, 0.01 })]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0)
                .WithMessage("PiecewiseConstant.Values[1] = -0.05: must be a finite rate >= 0."));

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
        public Task Schedule_attributes_without_LearningRate_warn_on_the_first_one() => Verify.Analyze(U + """
            [System.Obsolete]
            [{|#0:Epochs(90)|}]
            [Cosine]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0030", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("'S' declares [Epochs] but no [LearningRate]: no schedule is generated for it; add [LearningRate(rate)] or remove the schedule attributes"));

        [Fact]
        public Task A_lone_component_without_LearningRate_warns_too() => Verify.Analyze(U + """
            [{|#0:Warmup(5)|}, Cosine]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0030", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("'S' declares [Warmup] but no [LearningRate]: no schedule is generated for it; add [LearningRate(rate)] or remove the schedule attributes"));

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
