using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Warmup = ScheduleDsl.Analyzers.Tests.Verifier<ScheduleDsl.Analyzers.Declaration.ScheduleDeclarationAnalyzer, ScheduleDsl.CodeFixes.HighRateWithoutWarmupFixer>;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>Issue 13 item 3: SDL0001 judges the composed curve (whatever the attribute order), a decay that
    /// grows the rate is SDL0020, and an invalid peak is one error, not a cascade. Start rates are worked out by
    /// hand from each family's formula in the comments.</summary>
    public class CurveRuleTests
    {
        private const string U = Verify.Usings;

        private static DiagnosticResult Sdl0001(string message) =>
            new DiagnosticResult("SDL0001", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(message);

        [Theory]
        [InlineData("[Hold(3)] [Warmup(2)]")]
        [InlineData("[Hold(3)] [Warmup(2)] [Cosine]")]
        [InlineData("[Hold(0.5), Warmup(5)] [StepDecay(30)]")]
        [InlineData("[Hold(2)] [Cyclic(0.01, 5)]")] // the cycle's base rate comes after the hold
        public Task A_hold_before_the_warmup_starts_at_the_full_rate(string phases) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:0.5|}), Epochs(90)] {{phases}}
            public partial class S { }
            """, null,
            Sdl0001("The learning rate starts at the full peak 0.5, above 0.1: a [Hold] at full rate runs before the ramp, so the ramp comes too late; declare a [Warmup] before the hold, or lower the rate to 0.1"));

        [Theory]
        [InlineData("[Warmup(2)] [Hold(3)]")]
        [InlineData("[Warmup(2)] [Hold(3)] [Cosine]")]
        [InlineData("[Warmup(5), Hold(0.5)] [StepDecay(30)]")]
        [InlineData("[Warmup(2, Kind = ScheduleDsl.WarmupKind.Constant, StartFactor = 0.1)] [Cosine]")] // starts at 0.05
        [InlineData("[Warmup(2, StartFactor = 0.2)] [Cosine]")]                               // starts at exactly 0.1: not above
        public Task A_warmup_first_ramps(string phases) => Verify.Analyze(U + $"[LearningRate(0.5), Epochs(90)] {phases}\npublic partial class S {{ }}\n");

        [Theory]
        // Linear warmup from 0.5 x peak: 0.25 at t = 0.
        [InlineData("Epochs(90)] [Warmup(2, StartFactor = 0.5)] [Cosine]", "0.25")]
        // The floor applies last: max(0, 0.2) at t = 0 although the warmup starts at 0.
        [InlineData("Epochs(90)] [Warmup(5)] [Cosine] [Floor(0.2)]", "0.2")]
        // CyclicLR starts at its base rate.
        [InlineData("Epochs(90)] [Cyclic(0.2, 5)]", "0.2")]
        // OneCycleLR starts at max_lr / div_factor = 0.5 / 2.
        [InlineData("Steps(9000)] [OneCycle(DivFactor = 2)]", "0.25")]
        public Task A_ramp_that_starts_too_high_warns(string shapes, string start) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:0.5|}), {{shapes}}
            public partial class S { }
            """, null,
            Sdl0001($"The learning rate starts at {start} (peak 0.5), above 0.1: early updates at a high rate often diverge; start the ramp lower (a warmup's StartFactor, a cyclic BaseLr, a one-cycle DivFactor or the floor)"));

        [Fact]
        public Task Lowering_the_rate_fixes_a_hold_before_the_warmup() => Warmup.Fix(U + """
            [LearningRate({|SDL0001:0.5|}), Epochs(90)] [Hold(3)] [Warmup(2)]
            public partial class S { }
            """, U + """
            [LearningRate(0.1), Epochs(90)] [Hold(3)] [Warmup(2)]
            public partial class S { }
            """, ScheduleDsl.CodeFixes.HighRateWithoutWarmupFixer.LowerRateKey);

        private static DiagnosticResult Growing(int location, string component, string parameter, string value) =>
            new DiagnosticResult("SDL0020", DiagnosticSeverity.Warning).WithLocation(location).WithMessage(
                $"{component}.{parameter} = {value}: a decay factor above 1 makes the rate grow over training instead of shrinking (past the declared peak); use a factor between 0 and 1 (e.g. 0.1).");

        [Fact]
        public Task A_step_decay_that_grows_the_rate_warns_on_its_gamma() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)] [StepDecay(30, {|#0:1.5|})]
            public partial class S { }
            """, null, Growing(0, "StepDecay", "Gamma", "1.5"));

        [Fact]
        public Task An_exponential_decay_that_grows_the_rate_warns_on_its_gamma() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(10)] [Exponential({|#0:1.1|})]
            public partial class S { }
            """, null, Growing(0, "Exponential", "Gamma", "1.1"));

        [Fact]
        public Task A_multistep_decay_that_grows_the_rate_warns_on_its_gamma() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)] [MultiStep(new[] { 30.0, 60 }, {|#0:Gamma = 2|})]
            public partial class S { }
            """, null, Growing(0, "MultiStep", "Gamma", "2"));

        [Fact]
        public Task An_exp_range_cycle_that_grows_warns_on_its_gamma() => Verify.Analyze(U + """
            [LearningRate(0.1), Steps(1000)] [Cyclic(0.01, 100, Mode = ScheduleDsl.CyclicMode.ExpRange, {|#0:Gamma = 1.001|})]
            public partial class S { }
            """, null, Growing(0, "Cyclic", "Gamma", "1.001"));

        [Theory]
        [InlineData("[StepDecay(30, 1)]")]                                   // a factor of 1 keeps the rate: not growing
        [InlineData("[StepDecay(30, 0.1)]")]
        [InlineData("[Exponential(0.95)]")]
        [InlineData("[MultiStep(new[] { 30.0, 60 }, Gamma = 0.5)]")]
        [InlineData("[Cyclic(0.01, 5, Mode = ScheduleDsl.CyclicMode.Triangular, Gamma = 1.5)]")] // gamma is used by ExpRange only
        [InlineData("[InverseTime(0.5)]")]
        public Task Decays_that_shrink_or_keep_the_rate_are_fine(string shape) =>
            Verify.Analyze(U + $"[LearningRate(0.1), Epochs(90)] {shape}\npublic partial class S {{ }}\n");

        [Fact]
        public Task A_negative_gamma_is_one_error_not_also_a_growth_warning() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)] [StepDecay(30, {|#0:-1.5|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0).WithMessage("StepDecay.Gamma = -1.5: must be a finite number greater than 0."));

        [Fact]
        public Task A_negative_inverse_time_rate_is_an_error() => Verify.Analyze(U + """
            [LearningRate(0.1), Epochs(90)] [InverseTime({|#0:-0.5|})]
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0).WithMessage("InverseTime.DecayRate = -0.5: must be a finite number >= 0."));

        [Theory]
        [InlineData("-0.1", "-0.1", "[Cosine]")]
        [InlineData("-0.1", "-0.1", "[Cosine(MinLr = 1e-5)] [Floor(1e-6)]")]
        [InlineData("0", "0", "[Polynomial(EndLr = 1e-3)]")]
        [InlineData("-1", "-1", "[Cyclic(0.001, 5)]")]
        [InlineData("double.NaN", "NaN", "[CosineRestarts(10, MinLr = 1e-4)] [ReduceOnPlateau(MinLr = 1e-6)]")]
        public Task An_invalid_peak_is_one_error(string rate, string shown, string shapes) => Verify.Analyze(U + $$"""
            [LearningRate({|#0:{{rate}}|}), Epochs(90)] {{shapes}}
            public partial class S { }
            """, null,
            new DiagnosticResult("SDL0002", DiagnosticSeverity.Error).WithLocation(0).WithMessage($"LearningRate.Rate = {shown}: must be a finite number greater than 0."));

        // Issue 13 item 4: a schedule split across partial parts is the generator's SDL1020 (tested in the generator
        // tests); the analyzers read the same declaration and stay silent in either file order, instead of judging a
        // curve whose phase order would depend on the file names ("hold then warmup" would get SDL0001, not "warmup then hold").
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public Task A_schedule_split_across_partial_parts_is_not_judged_in_file_order(bool swapped)
        {
            (string, string) main = ("A.cs", U + "[LearningRate(0.5), Epochs(90)] [Warmup(2)]\npublic partial class S { }\n");
            (string, string) other = ("B.cs", U + "[Hold(3)]\npublic partial class S { }\n");
            return Verify.AnalyzeFiles(swapped ? new[] { other, main } : new[] { main, other });
        }

        [Fact]
        public Task Other_partial_parts_without_schedule_attributes_do_not_matter() => Verify.AnalyzeFiles(new[]
        {
            ("A.cs", U + "public partial class S { public int Epoch; }\n"),
            ("B.cs", U + "[LearningRate({|#0:0.5|}), Epochs(90)] [Hold(3)] [Warmup(2)]\npublic partial class S { }\n"),
        }, Sdl0001("The learning rate starts at the full peak 0.5, above 0.1: a [Hold] at full rate runs before the ramp, so the ramp comes too late; declare a [Warmup] before the hold, or lower the rate to 0.1"));
    }
}
