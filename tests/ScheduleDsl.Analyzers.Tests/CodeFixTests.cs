using System.Threading.Tasks;
using ScheduleDsl.CodeFixes;
using Xunit;
using Warmup = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, ScheduleDsl.CodeFixes.HighRateWithoutWarmupFixer>;
using Sort = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, ScheduleDsl.CodeFixes.SortMilestonesFixer>;
using Remove = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, ScheduleDsl.CodeFixes.RemoveConflictingAttributeFixer>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>Each fix applied to one diagnostic, then to all of them through Fix All (the test harness runs both).</summary>
    public class CodeFixTests
    {
        private const string U = Verifier<Declaration.ScheduleDeclarationAnalyzer, HighRateWithoutWarmupFixer>.Usings;

        [Fact]
        public Task Add_warmup_inserts_it_after_the_learning_rate() => Warmup.Fix(U + """
            /// <summary>ImageNet.</summary>
            [LearningRate({|SDL0001:0.4|}), Epochs(90)]
            [Cosine]
            public partial class A { }

            namespace N
            {
                [ScheduleDsl.LearningRate({|SDL0001:0.2|}), ScheduleDsl.Steps(10000)]
                [ScheduleDsl.Cosine]
                public partial class B { }
            }
            """, U + """
            /// <summary>ImageNet.</summary>
            [LearningRate(0.4), Epochs(90)]
            [Warmup(5)]
            [Cosine]
            public partial class A { }

            namespace N
            {
                [ScheduleDsl.LearningRate(0.2), ScheduleDsl.Steps(10000)]
                [ScheduleDsl.Warmup(500)]
                [ScheduleDsl.Cosine]
                public partial class B { }
            }
            """, HighRateWithoutWarmupFixer.AddWarmupKey);

        [Fact]
        public Task Lower_rate_writes_the_threshold() => Warmup.Fix(U + """
            [LearningRate({|SDL0001:0.4|}), Epochs(90)] [Cosine]
            public partial class A { }
            [LearningRate({|SDL0001:rate: 0.9|}), Epochs(90)] [StepDecay(30)]
            public partial class B { }
            """, U + """
            [LearningRate(0.1), Epochs(90)] [Cosine]
            public partial class A { }
            [LearningRate(rate: 0.1), Epochs(90)] [StepDecay(30)]
            public partial class B { }
            """, HighRateWithoutWarmupFixer.LowerRateKey);

        [Fact]
        public Task Lower_rate_uses_the_configured_threshold() => Warmup.Fix(U + """
            [LearningRate({|SDL0001:0.4|}), Epochs(90)] [Cosine]
            public partial class A { }
            """, U + """
            [LearningRate(0.25), Epochs(90)] [Cosine]
            public partial class A { }
            """, HighRateWithoutWarmupFixer.LowerRateKey, "scheduledsl.max_rate_without_warmup = 0.25\n");

        [Fact]
        public Task Add_warmup_is_offered_first_by_default() => Warmup.Fix(U + """
            [LearningRate({|SDL0001:0.4|}), Epochs(90)] [Cosine]
            public partial class A { }
            """, U + """
            [LearningRate(0.4), Epochs(90)]
            [Warmup(5)]
            [Cosine]
            public partial class A { }
            """, HighRateWithoutWarmupFixer.AddWarmupKey, actionIndex: 0);

        [Fact]
        public Task Editorconfig_puts_lower_the_rate_first() => Warmup.Fix(U + """
            [LearningRate({|SDL0001:0.4|}), Epochs(90)] [Cosine]
            public partial class A { }
            """, U + """
            [LearningRate(0.1), Epochs(90)] [Cosine]
            public partial class A { }
            """, HighRateWithoutWarmupFixer.LowerRateKey, "scheduledsl.high_rate_fix = lower_rate\n", actionIndex: 0);

        [Fact]
        public Task Sort_milestones_expanded_and_array_forms() => Sort.Fix(U + """
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(60, {|SDL0003:30|}, 80, Gamma = 0.2)]
            public partial class A { }
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(new double[] { 80, {|SDL0003:30|}, 60 })]
            public partial class B { }
            """, U + """
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(30, 60, 80, Gamma = 0.2)]
            public partial class A { }
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(new double[] { 30, 60, 80 })]
            public partial class B { }
            """, SortMilestonesFixer.Key);

        [Fact]
        public Task Sort_fixes_every_decrease_of_one_attribute_at_once() => Sort.Fix(U + """
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(70, {|SDL0003:50|}, {|SDL0003:20|})]
            public partial class A { }
            """, U + """
            [LearningRate(0.1), Epochs(90)]
            [MultiStep(20, 50, 70)]
            public partial class A { }
            """, SortMilestonesFixer.Key, iterations: 1);

        [Fact]
        public Task Remove_conflicting_attribute() => Remove.Fix(U + """
            [LearningRate(0.1), Steps(1000)]
            [OneCycle]
            [{|SDL0006:Warmup(50)|}]
            public partial class A { }
            [LearningRate(0.1), Steps(1000), OneCycle, {|SDL0006:Cosine|}]
            public partial class B { }
            /// <summary>Doc stays.</summary>
            [{|SDL0006:Hold(10)|}]
            [LearningRate(0.1), Steps(1000), Wsd(100, 500)]
            public partial class C { }
            """, U + """
            [LearningRate(0.1), Steps(1000)]
            [OneCycle]
            public partial class A { }
            [LearningRate(0.1), Steps(1000), OneCycle]
            public partial class B { }
            /// <summary>Doc stays.</summary>
            [LearningRate(0.1), Steps(1000), Wsd(100, 500)]
            public partial class C { }
            """, RemoveConflictingAttributeFixer.Key);
    }
}
