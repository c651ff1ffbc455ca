using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ScheduleDsl.CodeFixes;
using Xunit;
using Clamp = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, ScheduleDsl.CodeFixes.ClampToRangeFixer>;
using Settings = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Configuration.SettingsAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>Issue 15: each kind's rules on its own arguments (SDL0002 from the core, SDL0021 on unusual values), the
    /// learning-rate rules kept off the other kinds, and the fix that sets a momentum or EMA decay above 1 to 1.</summary>
    public class HyperparameterRuleTests
    {
        private const string U = Verify.Usings;

        [Theory]
        // DINO's schedules: a rising cosine (no SDL0017 outside learning rates), an EMA decay ending at 1.
        [InlineData("[WeightDecay(0.04), Epochs(100)] [Cosine(EndValue = 0.4)]")]
        [InlineData("[EmaDecay(0.996), Epochs(100)] [Cosine(EndValue = 1.0)]")]
        [InlineData("[EmaDecay(0.99), Epochs(100)] [Polynomial(EndValue = 1.0, Power = 2)]")]
        [InlineData("[Momentum(0.95), Steps(10000)] [LinearDecay(EndValue = 0.85)]")]
        [InlineData("[Temperature(0.07), Epochs(30)] [Warmup(5, StartFactor = 0.5)] [Cosine(EndValue = 0.04)]")]
        [InlineData("[Temperature(1.0), Epochs(30), Floor(0.1)] [Cosine]")]
        [InlineData("[Hyperparameter(\"loss_weight\", 2.0), Epochs(10)] [LinearDecay(EndValue = 0.5)]")]
        // Learning-rate rules stay off: a weight decay of 0.4 needs no warmup (SDL0001), a temperature of 5 is no rate
        // of 1 or more (SDL0009), a weight decay falling to nothing wastes no training (SDL0008), an [Optimizer] judges rates.
        [InlineData("[WeightDecay(0.4), Epochs(100)] [Cosine]")]
        [InlineData("[Temperature(5.0), Epochs(100)] [Exponential(0.9)]")]
        [InlineData("[WeightDecay(0.4), Epochs(100)] [StepDecay(10, 0.01)] [Optimizer(OptimizerKind.AdamW)]")]
        public Task Valid_schedules_of_every_kind_have_no_diagnostic(string attributes) =>
            Verify.Analyze(U + attributes + "\npublic partial class S { }\n");

        [Fact]
        public Task Each_kind_is_refused_on_the_argument_at_fault() => Verify.Analyze(U + """
            [EmaDecay({|#0:1.2|}), Epochs(100)]
            public partial class A { }
            [EmaDecay(0.996), Epochs(100)] [Cosine({|#1:EndValue = 1.01|})]
            public partial class B { }
            [Temperature(0.1), Epochs(100)] [Polynomial({|#2:EndValue = 0|})]
            public partial class C { }
            [Momentum(0.99), Epochs(100)] [{|#3:Exponential({|#5:1.001|})|}]
            public partial class D { }
            [Hyperparameter({|#4:"momentum"|}, 0.9), Epochs(100)]
            public partial class E { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0).WithMessage("EmaDecay.Value = 1.2: an EMA decay must lie within [0, 1]."),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(1).WithMessage("Cosine.EndValue = 1.01: an EMA decay must lie within [0, 1]."),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(2).WithMessage("Polynomial.EndValue = 0: a temperature must stay above 0 (or declare [Floor(value)])."),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(3),
            // Growth is the growing-decay warning too, in the kind's words.
            new DiagnosticResult("SDL0020", DiagnosticSeverity.Warning).WithLocation(5).WithMessage(
                "Exponential.Gamma = 1.001: a decay factor above 1 makes the momentum grow over training instead of shrinking (past the declared base); use a factor between 0 and 1 (e.g. 0.1)."),
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(4)
                .WithMessage("Hyperparameter.Name = \"momentum\": is the name of [Momentum]; declare that marker instead, so the rules of its kind apply."));

        [Fact]
        public Task A_rising_cosine_is_flagged_on_learning_rates_only() => Verify.Analyze(U + """
            [LearningRate(0.04), Epochs(100)] [Cosine({|#0:EndValue = 0.4|})]
            public partial class Rate { }
            [WeightDecay(0.04), Epochs(100)] [Cosine(EndValue = 0.4)]
            public partial class Decay { }
            """, null,
            new DiagnosticResult("SDL0017", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("Cosine.EndValue = 0.4: above the peak rate 0.04, so the cosine rises from the peak to it (PyTorch computes the same); if a decay was meant, use a minimum below the peak."));

        [Fact]
        public Task Unusual_values_are_warned_about_on_the_marker_value() => Verify.Analyze(U + """
            [WeightDecay({|#0:0.05|}), Epochs(100)] [Cosine(EndValue = 0.8)]
            public partial class A { }
            [EmaDecay({|#1:0.8|}), Epochs(100)] [Cosine(EndValue = 0.99)]
            public partial class B { }
            [Momentum({|#2:0.9|}), Epochs(10)] [LinearDecay(EndValue = 0.3)]
            public partial class C { }
            [Momentum({|#3:1.0|}), Epochs(10)]
            public partial class D { }
            [Temperature(100.0), Epochs(10)]
            public partial class NoRangeForTemperature { }
            """, null,
            new DiagnosticResult("SDL0021", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "The weight decay reaches 0.8 at epoch 100, above 0.5 (scheduledsl.max_weight_decay): so strong a decay shrinks the weights faster than the gradients move them (AdamW recipes use 0.01-0.1, DINO ends at 0.4); check the value or raise the threshold"),
            new DiagnosticResult("SDL0021", DiagnosticSeverity.Warning).WithLocation(1).WithMessage(
                "The EMA decay falls to 0.8 at epoch 0, below 0.9 (scheduledsl.min_ema_decay): the average then forgets within about 5 updates, hardly an average (teachers use 0.99-0.9999); check the value or lower the threshold"),
            new DiagnosticResult("SDL0021", DiagnosticSeverity.Warning).WithLocation(2).WithMessage(
                "The momentum falls to 0.3 at epoch 10, below 0.5 (scheduledsl.min_momentum): SGD momentum and Adam's beta1 usually lie between 0.85 and 0.99; check the value or lower the threshold"),
            new DiagnosticResult("SDL0021", DiagnosticSeverity.Warning).WithLocation(3).WithMessage(
                "The momentum reaches 1 at epoch 0, above 0.999 (scheduledsl.max_momentum): at 1 the velocity never decays and training diverges; check the value or raise the threshold"));

        [Fact]
        public Task Unusual_value_thresholds_come_from_editorconfig() => Verify.Analyze(U + """
            [WeightDecay(0.05), Epochs(100)] [Cosine(EndValue = 0.8)]
            public partial class A { }
            [EmaDecay({|#0:0.99|}), Epochs(100)]
            public partial class B { }
            """, "scheduledsl.max_weight_decay = 1.0\nscheduledsl.min_ema_decay = 0.995\n",
            new DiagnosticResult("SDL0021", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                "The EMA decay falls to 0.99 at epoch 0, below 0.995 (scheduledsl.min_ema_decay): the average then forgets within about 100 updates, hardly an average (teachers use 0.99-0.9999); check the value or lower the threshold"));

        [Fact]
        public Task An_unreadable_threshold_is_reported_on_every_marker() => Settings.Analyze(U + """
            [{|#0:WeightDecay(0.05)|}, Epochs(100)]
            public partial class A { }
            """, "scheduledsl.max_weight_decay = 0,5\n",
            new DiagnosticResult("SDL0016", DiagnosticSeverity.Warning).WithLocation(0));

        [Fact]
        public Task Attributes_without_any_marker_are_orphans() => Verify.Analyze(U + """
            [{|#0:Epochs(100)|}] [Cosine(EndValue = 0.4)]
            public partial class A { }
            [WeightDecay(0.04), Epochs(100)] [Cosine(EndValue = 0.4)]
            public partial class B { }
            """, null,
            new DiagnosticResult("SDL0030", DiagnosticSeverity.Warning).WithLocation(0));

        [Fact]
        public Task An_EMA_decay_or_momentum_above_1_is_set_to_1() => Clamp.Fix(U + """
            [EmaDecay(0.996), Epochs(100)] [Cosine({|SDL0002:EndValue = 1.2|})]
            public partial class A { }
            [Momentum({|SDL0002:1.5|}), Epochs(100)]
            public partial class B { }
            [EmaDecay(0.99), Epochs(100)] [Cosine({|SDL0002:MinLr = 1.01|})]
            public partial class C { }
            """, U + """
            [EmaDecay(0.996), Epochs(100)] [Cosine(EndValue = 1)]
            public partial class A { }
            [Momentum(1), Epochs(100)]
            public partial class B { }
            [EmaDecay(0.99), Epochs(100)] [Cosine(MinLr = 1)]
            public partial class C { }
            """, ClampToRangeFixer.Key, remainingMarkup: U + """
            [EmaDecay(0.996), Epochs(100)] [Cosine(EndValue = 1)]
            public partial class A { }
            [Momentum({|SDL0021:1|}), Epochs(100)]
            public partial class B { }
            [EmaDecay(0.99), Epochs(100)] [Cosine(MinLr = 1)]
            public partial class C { }
            """);
    }
}
