using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using CsCheck;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Generator.Tests.Properties
{
    /// <summary>Issue 14: random declarations (<see cref="RandomDeclarations"/>), 50 to a compilation, 2,000 per run.
    /// Properties: the generator never throws and never reports SDL1009; every declaration it generates for
    /// compiles with no error and matches the core bit for bit, with finite rates in [0, peak x its largest factor]
    /// at every tick (validation refuses every declaration that would overflow, issue 14).</summary>
    public class DeclarationProperties
    {
        private const int PerCompilation = 100;
        private const int Compilations = 20; // 2,000 declarations
        private readonly ITestOutputHelper _output;

        public DeclarationProperties(ITestOutputHelper output) => _output = output;

        private sealed class Tally
        {
            public int Declarations, Generated, Ticks;
        }

        [Fact]
        public void Random_declarations_never_crash_the_generator_and_compile_to_the_core_values()
        {
            var tally = new Tally();
            Seeded.Check(RandomDeclarations.Declarations.Array[PerCompilation, PerCompilation], batch => Check(batch, tally), Compilations);
            _output.WriteLine($"{tally.Declarations} declarations, {tally.Generated} generated and evaluated over {tally.Ticks} ticks");
            Assert.True(tally.Declarations >= 2000);
            Assert.True(tally.Generated >= 300, $"only {tally.Generated} valid declarations: the pools are too hostile to test compilation");
        }

        private static void Check(RandomDeclaration[] batch, Tally tally)
        {
            string[] sources = batch.Select((d, i) => AttributeWriter.Usings + d.Source("R" + i))
                .Append(RandomDeclarations.Constants).ToArray();
            (Compilation output, GeneratorRunResult result) = GeneratorRunner.Run(sources);
            tally.Declarations += batch.Length;

            // The generator never throws and never reports SDL1009 (an internal failure).
            Assert.Null(result.Exception);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SDL1009");

            // Everything compiles: the user's declarations and every generated file. One Emit per batch gives the
            // diagnostics too (a separate GetDiagnostics pass would bind every method body twice).
            using var stream = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(stream);
            Diagnostic[] errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0 || !emitted.Success)
                Assert.Fail("compilation errors:\n" + string.Join("\n", errors.Take(5).Select(e => $"{e} in {Declaration(batch, e)}")));
            stream.Position = 0;
            Assembly assembly = new AssemblyLoadContext("random-" + Guid.NewGuid().ToString("N"), isCollectible: true) { }.LoadFromStream(stream);
            for (int i = 0; i < batch.Length; i++)
            {
                foreach (Type type in assembly.GetTypes().Where(t => (t.Namespace == "R" + i || t.Namespace == "R" + i + ".event") && typeof(IHyperparameterSchedule).IsAssignableFrom(t) && !t.IsGenericTypeDefinition))
                {
                    tally.Generated++;
                    Evaluate(batch[i], type, tally);
                }
            }
        }

        private static string Declaration(RandomDeclaration[] batch, Diagnostic error)
        {
            string text = error.Location.SourceTree?.ToString() ?? "";
            for (int i = batch.Length - 1; i >= 0; i--)
                if (text.Contains("R" + i + ".") || text.Contains("namespace R" + i + "\n") || text.Contains("namespace R" + i + ";"))
                    return batch[i].ToString();
            return "(unknown)";
        }

        /// <summary>Steps the generated class and the core's <see cref="Schedule"/> side by side.</summary>
        private static void Evaluate(RandomDeclaration declaration, Type type, Tally tally)
        {
            var definition = (ScheduleDefinition)type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var generated = (IHyperparameterSchedule)Activator.CreateInstance(type)!;
            // A custom factor is the user's static method: the core gets it as its runtime delegate (PyTorch's LambdaLR).
            var custom = new Dictionary<string, RuntimeFactor>();
            foreach (CustomShape c in definition.Components.OfType<CustomShape>())
            {
                MethodInfo? method = null;
                for (Type? owner = type; method is null && owner is not null; owner = owner.DeclaringType)
                    method = owner.GetMethod(c.MethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
                if (method is null) return; // not reachable by reflection: the generated class alone is checked (it compiled)
                MethodInfo found = method;
                custom[c.MethodName] = RuntimeFactor.OfTime(t => (double)found.Invoke(null, new object[] { t })!);
            }
            var core = new Schedule(definition, customFactors: custom.Count > 0 ? custom : null);
            long horizon = definition.Horizon is double h && h < 120 ? (long)Math.Ceiling(h) : 120;
            for (long k = 0; k <= horizon + 3; k++)
            {
                double expected, actual;
                try
                {
                    expected = core.CurrentFactor;
                }
                catch (InvalidOperationException e)
                {
                    Assert.Equal(e.Message, Assert.Throws<InvalidOperationException>(() => generated.CurrentFactor).Message);
                    break;
                }
                catch (NotSupportedException) // a custom factor: only generated code calls the user's method
                {
                    expected = double.NaN;
                }
                actual = generated.CurrentFactor;
                if (!double.IsNaN(expected) && BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                    Assert.Fail($"{declaration}: tick {k}: core {expected:R}, generated {actual:R}");
                double bound = LargestFactor(definition, core.CurrentTime);
                if (!(double.IsFinite(actual) && actual >= 0 && actual <= bound * (1 + 1e-12)))
                    Assert.Fail($"{declaration}: tick {k}: factor {actual:R} outside [0, {bound:R}] (finite, at most its largest factor)");
                tally.Ticks++;
                try
                {
                    core.Advance();
                }
                catch (InvalidOperationException)
                {
                    Assert.Throws<InvalidOperationException>(generated.Advance);
                    break;
                }
                generated.Advance();
            }
        }

        /// <summary>An upper bound of the factor up to time <paramref name="t"/>, from the declared arguments and the
        /// reference formulas' shapes: decays, warmups, cosines and the plateau stay at or below 1; growth comes only
        /// from a gamma above 1 (raised to at most the number of periods elapsed by <paramref name="t"/>), factors
        /// above 1 (LinearDecay), piecewise rates above the peak and OneCycle's 1 / DivFactor. The shapes multiply.</summary>
        private static double LargestFactor(ScheduleDefinition d, double t)
        {
            double product = 1.0;
            foreach (ScheduleComponent c in d.Components)
            {
                product *= c switch
                {
                    ExponentialShape e when e.Gamma > 1 => Math.Pow(e.Gamma, t / e.DecaySteps),
                    StepDecayShape e when e.Gamma > 1 => Math.Pow(e.Gamma, Math.Floor(t / e.StepSize)),
                    MultiStepShape e when e.Gamma > 1 => Math.Pow(e.Gamma, e.Milestones.Count),
                    CyclicShape e when e.Mode == ScheduleDsl.CyclicMode.ExpRange && e.Gamma > 1 => Math.Pow(e.Gamma, t),
                    LinearDecayShape e => Math.Max(1.0, Math.Max(e.StartFactor, e.EndValue is double end ? end / d.LearningRate : e.EndFactor)),
                    PolynomialShape e => Math.Max(1.0, e.End / d.LearningRate), // rising to an EndValue above the base (not for a rate)
                    PiecewiseConstantShape e => Math.Max(1.0, e.Values.Max() / d.LearningRate),
                    // Between its start, peak and end; a linear anneal runs on past its last step (up to 4 steps here: horizon + 3).
                    OneCycleShape e => Math.Max(1.0, Math.Max(1.0 / e.DivFactor, 1.0 / e.DivFactor / e.FinalDivFactor)) * (e.Anneal == ScheduleDsl.AnnealStrategy.Linear ? 5 : 1),
                    CosineShape e => Math.Max(1.0, e.End / d.LearningRate), // a rising cosine (issue 11) ends at its end
                    PiecewiseInterpolateShape e => Math.Max(1.0, e.Factors.Max()),
                    RateNoiseShape e => 1.0 + e.Pct,
                    _ => 1.0,
                };
            }
            return product;
        }

        /// <summary>A type named like a generated member (or the nested class of a training type) gets SDL1008 on the
        /// type, and the compilation has no other error.</summary>
        [Fact]
        public void Types_named_like_a_generated_member_get_SDL1008_and_nothing_that_fails_to_compile()
        {
            Seeded.Check(RandomDeclarations.MemberNamedDeclarations, d =>
            {
                (Compilation output, GeneratorRunResult result) = GeneratorRunner.Run(AttributeWriter.Usings + d.Source("R0"), RandomDeclarations.Constants);
                Assert.Null(result.Exception);
                Assert.DoesNotContain(output.GetDiagnostics(), x => x.Severity == DiagnosticSeverity.Error);
                // A plain class is the schedule itself (it gets every generated member); a record is a training type
                // (it gets a nested LearningRateSchedule class): only those names collide with the type's own.
                bool collides = d.Container == Container.Class ? d.TypeName != "LearningRateSchedule" : d.TypeName == "LearningRateSchedule";
                // (SDL1008 itself, with its message, is asserted by HostileInputTests: here a broken rule may come first.)
                if (collides) Assert.Empty(result.GeneratedSources);
            }, 150);
        }

        /// <summary>Keyword-named namespaces and types: no CS8785 (an '@' in a hint name), nothing that fails to compile,
        /// and the generated class evaluates like the core.</summary>
        [Fact]
        public void Keyword_named_namespaces_and_types_compile()
        {
            var tally = new Tally();
            Seeded.Check(RandomDeclarations.KeywordNamedDeclarations.Array[20, 20], batch => Check(batch, tally), 5);
            Assert.True(tally.Generated > 10, $"only {tally.Generated} generated");
        }

        /// <summary>A <c>file partial class</c> (issue 14: it silently got its schedule on a second, non-file type) is
        /// refused with SDL1030 on the type's name, and nothing fails to compile.</summary>
        [Fact]
        public void File_types_are_refused_with_SDL1030()
        {
            Seeded.Check(RandomDeclarations.KnownDefectDeclarations, d =>
            {
                (Compilation output, GeneratorRunResult result) = GeneratorRunner.Run(AttributeWriter.Usings + d.Source("R0"), RandomDeclarations.Constants);
                Assert.Null(result.Exception);
                Assert.DoesNotContain(output.GetDiagnostics(), x => x.Severity == DiagnosticSeverity.Error || x.Id == "CS8785");
                if (d.Container == Container.File && d.Attributes.Any(a => a.StartsWith("LearningRate", StringComparison.Ordinal)))
                {
                    Diagnostic sdl1030 = Assert.Single(result.Diagnostics, x => x.Id == "SDL1030");
                    string source = AttributeWriter.Usings + d.Source("R0"); // as given to the compiler
                    Assert.Equal("Schedule", source.Substring(sdl1030.Location.SourceSpan.Start, sdl1030.Location.SourceSpan.Length));
                    Assert.Empty(result.GeneratedSources);
                }
            }, 200);
        }
    }
}
