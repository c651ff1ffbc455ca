using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Composition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    public class HostileInputTests
    {
        private static GeneratorRunResult Run(params string[] sources)
        {
            (_, GeneratorRunResult result) = GeneratorRunner.Run(sources.Select(s => "using ScheduleDsl;\n" + s).ToArray());
            Assert.Null(result.Exception); // the generator never throws (CS8785)
            return result;
        }

        private static string[] Ids(GeneratorRunResult result) => result.Diagnostics.Select(d => d.Id).ToArray();

        /// <summary>Each refusal: its ID, the exact source text it is located on and its message (issue 14: these were
        /// checked by ID only).</summary>
        [Theory]
        [InlineData("[LearningRate(0.1), Epochs(10)] public class T { }", "SDL1001",
            "T", "'T' declares a schedule but is not partial: add the partial modifier so the schedule can be generated into it")]
        [InlineData("public class O { [LearningRate(0.1), Epochs(10)] public partial class T { } }", "SDL1002",
            "LearningRate(0.1)", "'T' is nested in 'O', which is not partial: add the partial modifier to 'O' so the schedule can be generated")]
        [InlineData("[LearningRate(0.1), Epochs(10)] public partial class T<X> { }", "SDL1003",
            "LearningRate(0.1)", "'T' is generic (or nested in a generic type): declare the schedule on a non-generic type")]
        [InlineData("[LearningRate(0.1)] public partial class T { }", "SDL1004",
            "LearningRate(0.1)", "T declares no time unit: add [Epochs(n)] (or [Epochs]) or [Steps(n)] (or [Steps]).")]
        [InlineData("[LearningRate(0.1), Epochs(10), Steps(10)] public partial class T { }", "SDL1005",
            "Steps(10)", "[Epochs] and [Steps] are both declared: a schedule counts time in one unit; keep one of them.")]
        [InlineData("[LearningRate(0.1), Epochs(10), Warmup(\"5\")] public partial class T { }", "SDL1006",
            "Warmup(\"5\")", "[Warmup] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(), Epochs(10)] public partial class T { }", "SDL1006",
            "LearningRate()", "[LearningRate] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"Missing\")] public partial class T { }", "SDL1007",
            "\"Missing\"", "[CustomFactor(\"Missing\")]: T declares no method 'Missing'; add 'private static double Missing(double t)'")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"F\")] public partial class T { static int F(double t) => 1; }", "SDL1007",
            "\"F\"", "[CustomFactor(\"F\")]: 'F' must be declared 'static double F(double t)' (the time since warmup/hold ended, in the schedule's unit)")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"F\")] public partial class T { double F(double t) => 1; }", "SDL1007",
            "\"F\"", "[CustomFactor(\"F\")]: 'F' must be declared 'static double F(double t)' (the time since warmup/hold ended, in the schedule's unit)")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"F\")] public partial class T { static double F<U>(double t) => 1; }", "SDL1007",
            "\"F\"", "[CustomFactor(\"F\")]: 'F' must be declared 'static double F(double t)' (the time since warmup/hold ended, in the schedule's unit)")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"F\")] public partial class T { static double F(double t, double u) => 1; }", "SDL1007",
            "\"F\"", "[CustomFactor(\"F\")]: 'F' must be declared 'static double F(double t)' (the time since warmup/hold ended, in the schedule's unit)")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"F\")] public partial class T { static double F(int t) => 1; }", "SDL1007",
            "\"F\"", "[CustomFactor(\"F\")]: 'F' must be declared 'static double F(double t)' (the time since warmup/hold ended, in the schedule's unit)")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"F\")] public partial class T { static double F(ref double t) => 1; }", "SDL1007",
            "\"F\"", "[CustomFactor(\"F\")]: 'F' must be declared 'static double F(double t)' (the time since warmup/hold ended, in the schedule's unit)")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"F\")] public partial class T { static float F(double t) => 1; }", "SDL1007",
            "\"F\"", "[CustomFactor(\"F\")]: 'F' must be declared 'static double F(double t)' (the time since warmup/hold ended, in the schedule's unit)")]
        [InlineData("public partial class O<X> { [LearningRate(0.1), Epochs(10)] public partial class T { } }", "SDL1003",
            "LearningRate(0.1)", "'T' is generic (or nested in a generic type): declare the schedule on a non-generic type")]
        [InlineData("public partial class O<X> { public partial class M<Y> { [LearningRate(0.1), Epochs(10)] public partial class T { } } }", "SDL1003",
            "LearningRate(0.1)", "'T' is generic (or nested in a generic type): declare the schedule on a non-generic type")]
        [InlineData("public class A { public partial class B { [LearningRate(0.1), Epochs(10)] public partial class T { } } }", "SDL1002",
            "LearningRate(0.1)", "'T' is nested in 'A', which is not partial: add the partial modifier to 'A' so the schedule can be generated")]
        [InlineData("public partial class A { public class B { [LearningRate(0.1), Epochs(10)] public partial class T { } } }", "SDL1002",
            "LearningRate(0.1)", "'T' is nested in 'B', which is not partial: add the partial modifier to 'B' so the schedule can be generated")]
        [InlineData("[LearningRate(0.1), Steps(10.5)] public partial class T { }", "SDL1006",
            "Steps(10.5)", "[Steps] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"FactorAt\")] public partial class T { static double FactorAt(double t) => 1; }", "SDL1007",
            "\"FactorAt\"", "[CustomFactor(\"FactorAt\")]: 'FactorAt' is also the name of a generated member; rename the method")]
        [InlineData("[LearningRate(0.1), Epochs(10)] public partial class T { int x; public static void CreateLearningRateSchedule() { } }", "SDL1008",
            "CreateLearningRateSchedule", "'T' already declares 'CreateLearningRateSchedule', which the generated schedule needs: rename it")]
        [InlineData("[LearningRate(0.1), Epochs(10)] public partial class T { int x; class LearningRateSchedule { } }", "SDL1008",
            "LearningRateSchedule", "'T' already declares 'LearningRateSchedule', which the generated schedule needs: rename it")]
        [InlineData("[LearningRate(0.1), Epochs(10)] [Cosine] public partial class T { private static double TimeOf(long step) => 0; }", "SDL1008",
            "TimeOf", "'T' already declares 'TimeOf', which the generated schedule needs: rename it")]
        [InlineData("[LearningRate(0.1), Epochs(10)] [Cosine] public partial class Peak { }", "SDL1008",
            "Peak", "'Peak' already declares 'Peak', which the generated schedule needs: rename it")]
        [InlineData("[LearningRate(0.1), Epochs(10)] [Cosine] public partial class TimeOf { }", "SDL1008",
            "TimeOf", "'TimeOf' already declares 'TimeOf', which the generated schedule needs: rename it")]
        [InlineData("[LearningRate(0.1), Epochs(10)] [Cosine] public partial struct LearningRateSchedule { }", "SDL1008",
            "LearningRateSchedule", "'LearningRateSchedule' already declares 'LearningRateSchedule', which the generated schedule needs: rename it")]
        [InlineData("[LearningRate(0.1), Epochs(10)] [Cosine] public partial record LearningRateSchedule { int x; }", "SDL1008",
            "LearningRateSchedule", "'LearningRateSchedule' already declares 'LearningRateSchedule', which the generated schedule needs: rename it")]
        public void Bad_declarations_give_their_diagnostic_on_the_code_at_fault_and_no_source(string source, string id, string at, string message)
        {
            GeneratorRunResult result = Run(source);
            Diagnostic d = Assert.Single(result.Diagnostics, x => x.Id == id);
            string full = "using ScheduleDsl;\n" + source; // as Run gives it to the compiler
            Assert.Equal((at, message), (full.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), d.GetMessage(CultureInfo.InvariantCulture)));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Empty(result.GeneratedSources);
            Assert.Equal($"https://github.com/scheduledsl/scheduledsl/blob/main/docs/diagnostics/{id}.md", d.Descriptor.HelpLinkUri);
        }

        /// <summary>A type that cannot hold generated code is refused for that alone: what else is wrong waits until it is fixed.</summary>
        [Theory]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"Missing\")] public class T { public static void CreateLearningRateSchedule() { } }", "SDL1001")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"Missing\")] public partial class T<X> { int x; class LearningRateSchedule { } }", "SDL1003")]
        public void Only_the_structural_error_is_reported(string source, string id)
        {
            GeneratorRunResult result = Run(source);
            Assert.Equal(new[] { id }, Ids(result));
            Assert.Empty(result.GeneratedSources);
        }

        /// <summary>Arguments the reader cannot use: the SDL1006 (or SDL1007) on the argument itself, saying what it expected.</summary>
        [Theory]
        [InlineData("[LearningRate(0.1), Epochs(10), Warmup(5, Kind = (WarmupKind)9)] public partial class T { }", "SDL1006",
            "Kind = (WarmupKind)9", "[Warmup] Kind = 9: expected a WarmupKind value.")]
        [InlineData("[LearningRate(0.1), Epochs(10), PastHorizon((PastHorizonPolicy)7)] [Cosine] public partial class T { }", "SDL1006",
            "(PastHorizonPolicy)7", "[PastHorizon] Policy = 7: expected a PastHorizonPolicy value.")]
        [InlineData("[LearningRate(0.1, Minimums = (MinimumScaling)4), Epochs(10)] [Cosine] public partial class T { }", "SDL1006",
            "Minimums = (MinimumScaling)4", "[LearningRate] Minimums = 4: expected a MinimumScaling value.")]
        [InlineData("[LearningRate(0.1), Epochs(10), MultiStep(null)] public partial class T { }", "SDL1006",
            "null", "[MultiStep] Milestones: expected a list of numbers.")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(\"not a name\")] public partial class T { }", "SDL1007",
            "\"not a name\"", "[CustomFactor(\"not a name\")]: 'not a name' is not a method name; name a static method of T, e.g. nameof(MyFactor)")]
        public void Unreadable_arguments_are_refused_on_the_argument(string source, string id, string at, string message) =>
            Bad_declarations_give_their_diagnostic_on_the_code_at_fault_and_no_source(source, id, at, message);

        /// <summary>An optional constructor argument counts as written whether positional or named (<c>gamma: 0.5</c>),
        /// and otherwise the record's default applies.</summary>
        [Theory]
        [InlineData("StepDecay(10, 0.5)", 0.5)]
        [InlineData("StepDecay(10, gamma: 0.5)", 0.5)]
        [InlineData("StepDecay(stepSize: 10, gamma: 0.5)", 0.5)]
        [InlineData("StepDecay(10)", 0.1)]
        public void Optional_constructor_arguments_are_read_when_written(string decay, double gamma)
        {
            Assembly assembly = GeneratorRunner.CompileAndLoad($"using ScheduleDsl;\n[LearningRate(1.0), Epochs(100)] [{decay}] public partial class T {{ }}");
            var factorAt = (Func<double, double>)assembly.GetType("T")!.GetMethod("FactorAt")!.CreateDelegate(typeof(Func<double, double>));
            Assert.Equal(1.0, factorAt(9.5));
            Assert.Equal(gamma, factorAt(10));
            Assert.Equal(gamma * gamma, factorAt(25), 15);
        }

        [Theory]
        [InlineData("[LearningRate(double.NaN), Epochs(10)] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(1e308), Warmup(1e308)] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10), Cosine(Period = double.PositiveInfinity)] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Steps(-5)] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10), OneCycle, Cosine] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs, Cosine] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10), MultiStep] public partial class T { }")]
        public void Rule_violations_emit_nothing_and_are_left_to_the_analyzers(string source)
        {
            GeneratorRunResult result = Run(source);
            Assert.Empty(result.GeneratedSources);
            Assert.Empty(result.Diagnostics);
        }

        [Theory]
        [InlineData("[LearningRate(0.1), LearningRate(0.2), Epochs(10), Cosine, Cosine] public partial class T { }")]
        [InlineData("[LearningRate(0.1, 3), Epochs(10)] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10), Warmup(5, Kind = (ScheduleDsl.WarmupKind)9)] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10), MultiStep(1, \"x\")] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10), CustomFactor(null)] public partial class T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10)] public partial interface T { }")]
        [InlineData("[LearningRate(0.1), Epochs(10)] public enum T { A }")]
        [InlineData("[LearningRate(0.1), Epochs(10)] partial class")]
        public void Garbage_never_throws(string source) => Run(source);

        [Theory]
        [InlineData("[LearningRate(0.1), Epochs(10), Cosine] public partial class T { }", "T")]
        [InlineData("namespace N { [LearningRate(0.1), Epochs(10), Cosine] public partial record T(int X); }", "N.T+LearningRateSchedule")]
        [InlineData("namespace N { [LearningRate(0.1), Epochs(10), Cosine] public partial struct T { } }", "N.T+LearningRateSchedule")]
        [InlineData("namespace N { [LearningRate(0.1), Epochs(10), Cosine] public partial record struct T; }", "N.T+LearningRateSchedule")]
        [InlineData("namespace N; public partial class A { public partial class B { [LearningRate(0.1), Epochs(10), Cosine] private partial class T { } } }", "N.A+B+T")]
        [InlineData("namespace N { [LearningRate(0.1), Epochs(10), Cosine] public static partial class T { } }", "N.T+LearningRateSchedule")]
        public void Every_kind_of_declaration_compiles(string source, string scheduleType)
        {
            Assembly assembly = GeneratorRunner.CompileAndLoad("using ScheduleDsl;\n" + source);
            Type type = assembly.GetType(scheduleType)!;
            Assert.NotNull(type);
            var schedule = (ILearningRateSchedule)Activator.CreateInstance(type, nonPublic: true)!;
            Assert.Equal(1.0, schedule.CurrentFactor); // cosine at t = 0
        }

        [Fact]
        public void Partial_declarations_across_files_and_same_names_in_two_namespaces()
        {
            Assembly assembly = GeneratorRunner.CompileAndLoad(
                // The schedule on one part (issue 13: split across parts it is SDL1020, see PartialDeclarationTests).
                "using ScheduleDsl;\nnamespace A { [LearningRate(0.1), Epochs(10)] [Warmup(2)] [Cosine] public partial class S { } }",
                "namespace A { public partial class S { public static int Extra => 1; } }",
                "using ScheduleDsl;\nnamespace B { [LearningRate(0.2), Steps(100)] [Exponential(0.9)] public partial class S { } }");
            Assert.Equal(0.0, (double)assembly.GetType("A.S")!.GetMethod("FactorAt")!.Invoke(null, new object[] { 0.0 })!);
            Assert.Equal(0.9, (double)assembly.GetType("B.S")!.GetMethod("FactorAt")!.Invoke(null, new object[] { 1.0 })!);
        }

        [Fact]
        public void Generation_under_de_DE_writes_invariant_numbers()
        {
            CultureInfo previous = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
                GeneratorRunResult result = Run("[LearningRate(0.25), Epochs(12.5)] [Warmup(1.5)] [StepDecay(2.5, 0.5)] public partial class T { }");
                string text = result.GeneratedSources.Single().SourceText.ToString();
                Assert.Contains("public const double Peak = 0.25;", text);
                Assert.Contains("StepDecay.Factor(s, 2.5, 0.5)", text);
                Assert.DoesNotContain("0,25", text);
                Assembly assembly = GeneratorRunner.CompileAndLoad("using ScheduleDsl;\n[LearningRate(0.25), Epochs(12.5)] [Warmup(1.5)] [StepDecay(2.5, 0.5)] public partial class T { }");
                Assert.Equal(0.25 * 0.5, (double)assembly.GetType("T")!.GetMethod("RateAt")!.Invoke(null, new object[] { 1.5 + 2.5 })!);
            }
            finally
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
            }
        }

        [Fact]
        public void Stepping_a_generated_schedule_allocates_nothing()
        {
            Assembly assembly = GeneratorRunner.CompileAndLoad("""
                using ScheduleDsl;
                [LearningRate(0.1), Epochs(90)] [Warmup(5)] [Cosine] [MultiStep(30, 60)] [ReduceOnPlateau(Patience = 1)] [Floor(1e-4)]
                public partial class T { }
                """);
            var schedule = (IPlateauSchedule)Activator.CreateInstance(assembly.GetType("T")!, 100)!;
            double sum = 0;
            for (int i = 0; i < 200; i++) { sum += schedule.CurrentFactor + schedule.CurrentMomentum(0.85, 0.95); schedule.Advance(); schedule.ReportMetric(1.0); }
            double metric = 1.0;
            Assert.Equal(0, Allocations.LeastOfThreeRuns(() =>
            {
                for (int i = 0; i < 10_000; i++)
                {
                    sum += schedule.CurrentFactor + schedule.CurrentMomentum(0.85, 0.95);
                    schedule.Advance();
                    if (i % 100 == 0) schedule.ReportMetric(metric -= 1e-6);
                }
            }));
            Assert.True(sum > 0);
        }

        [Theory]
        [InlineData("0.9")]
        [InlineData("3.1")]
        [InlineData("12.4")]
        [InlineData("1.8")]
        public void The_preview_never_samples_past_a_Throw_horizon(string epochs)
        {
            // Issue 14: the plot's last column, span * x / (Columns - 1), rounded one ulp past the horizon: SDL1009, nothing generated.
            GeneratorRunResult result = Run($"[LearningRate(0.1), Epochs({epochs}), PastHorizon(PastHorizonPolicy.Throw)] [Cosine] public partial class T {{ }}");
            Assert.Empty(result.Diagnostics);
            Assert.Single(result.GeneratedSources);
        }

        [Fact]
        public void A_type_named_like_a_generated_member_is_refused_on_its_name()
        {
            const string source = "[LearningRate(0.1), Epochs(10)] [Cosine] public partial class TimeOf { }";
            GeneratorRunResult result = Run(source);
            Diagnostic d = Assert.Single(result.Diagnostics);
            Assert.Equal("SDL1008", d.Id);
            Assert.Equal("'TimeOf' already declares 'TimeOf', which the generated schedule needs: rename it", d.GetMessage(CultureInfo.InvariantCulture));
            string full = "using ScheduleDsl;\n" + source; // as Run gives it to the compiler
            Assert.Equal(full.IndexOf("class TimeOf", StringComparison.Ordinal) + "class ".Length, d.Location.SourceSpan.Start);
            Assert.Equal("TimeOf".Length, d.Location.SourceSpan.Length);
            Assert.Empty(result.GeneratedSources);
        }

        [Theory]
        [InlineData("[LearningRate(0.1), Epochs(10)] [Cosine] file partial class Local { }", "Local", "Local")]
        [InlineData("file partial class Outer { [LearningRate(0.1), Epochs(10)] [Cosine] public partial class Inner { } }", "Inner", "Inner")]
        public void A_file_local_type_is_refused_on_its_name_and_gets_no_second_type(string source, string type, string located)
        {
            // Issue 14: a file partial class silently got its schedule on a second, non-file type.
            GeneratorRunResult result = Run(source);
            Diagnostic d = Assert.Single(result.Diagnostics);
            Assert.Equal("SDL1030", d.Id);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal($"'{type}' is a file-local type (or nested in one): generated code lives in another file and cannot extend it; remove the file modifier",
                d.GetMessage(CultureInfo.InvariantCulture));
            string full = "using ScheduleDsl;\n" + source; // as Run gives it to the compiler
            Assert.Equal(full.IndexOf("class " + located, StringComparison.Ordinal) + "class ".Length, d.Location.SourceSpan.Start);
            Assert.Equal(located.Length, d.Location.SourceSpan.Length);
            Assert.Empty(result.GeneratedSources);
        }

        [Fact]
        public void A_custom_factor_named_like_a_keyword_compiles_and_is_called()
        {
            // Issue 14: [CustomFactor(nameof(@double))] emitted double(t), which does not compile.
            Assembly assembly = GeneratorRunner.CompileAndLoad(
                "using ScheduleDsl;\nnamespace K { [LearningRate(0.1), Steps(10), CustomFactor(nameof(@double))] public partial class S { static double @double(double t) => 1.0 / (1.0 + t); } }");
            Type type = assembly.GetType("K.S")!;
            var factorAt = (Func<double, double>)Delegate.CreateDelegate(typeof(Func<double, double>), type.GetMethod("FactorAt", new[] { typeof(double) })!);
            Assert.Equal(0.25, factorAt(3)); // 1 / (1 + 3)
        }

        [Fact]
        public void Keyword_named_namespaces_and_types_are_escaped_and_do_not_cost_the_other_schedules()
        {
            // Issue 14: '@' reached the hint name (CS8785), after which Roslyn drops every generated file.
            Assembly assembly = GeneratorRunner.CompileAndLoad(
                "using ScheduleDsl;\nnamespace F.@event { [LearningRate(0.1), Epochs(10)] [Cosine] public partial class @class { } }",
                "using ScheduleDsl;\nnamespace G { [LearningRate(0.1), Steps(100)] [Cosine] public partial record struct @checked { public int X; } }",
                "using ScheduleDsl;\nnamespace H { [LearningRate(0.1), Epochs(10)] [Cosine] public partial class Plain { } }");
            Type keyword = assembly.GetType("F.event.class")!;
            Assert.Equal(0.1, (double)keyword.GetField("Peak")!.GetValue(null)!);
            Assert.NotNull(assembly.GetType("G.checked+LearningRateSchedule"));
            Assert.NotNull(assembly.GetType("H.Plain"));
            (_, GeneratorRunResult result) = GeneratorRunner.Run(
                "using ScheduleDsl;\nnamespace F.@event { [LearningRate(0.1), Epochs(10)] [Cosine] public partial class @class { } }");
            Assert.Equal("F.event.class.g.cs", Assert.Single(result.GeneratedSources).HintName);
        }

        [Fact]
        public void Stepping_a_generated_windowed_schedule_allocates_nothing()
        {
            // Three SequentialLR phases, a repeated family and a chained factor.
            Assembly assembly = GeneratorRunner.CompileAndLoad("""
                using ScheduleDsl;
                [LearningRate(0.05), Epochs(30)]
                [ConstantFactor(0.1, Until = 2)] [Exponential(0.9, From = 2, Until = 10)] [StepDecay(3, 0.5, From = 10, Until = 20)] [StepDecay(2, 0.8, From = 20)]
                [LinearFactor(0.5, TotalIters = 4)]
                public partial class T { }
                """);
            var schedule = (ILearningRateSchedule)Activator.CreateInstance(assembly.GetType("T")!, 100)!;
            double sum = 0;
            for (int i = 0; i < 200; i++) { sum += schedule.CurrentFactor; schedule.Advance(); }
            Assert.Equal(0, Allocations.LeastOfThreeRuns(() =>
            {
                for (int i = 0; i < 10_000; i++) { sum += schedule.CurrentFactor; schedule.Advance(); }
            }));
            Assert.True(sum > 0);
        }
    }
}
