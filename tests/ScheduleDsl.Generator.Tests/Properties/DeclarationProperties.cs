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
    /// compiles with no error and matches the core bit for bit with finite, non-negative rates at every tick.
    /// Known defects (issue 14, left for after the issue 10 refactor) are counted and reported, not failed:
    /// non-finite rates of declarations with extreme arguments (the "Validation" list), and the containers in
    /// <see cref="Known_container_defects"/>.</summary>
    public class DeclarationProperties
    {
        private const int PerCompilation = 100;
        private const int Compilations = 20; // 2,000 declarations
        private readonly ITestOutputHelper _output;

        public DeclarationProperties(ITestOutputHelper output) => _output = output;

        private sealed class Tally
        {
            public int Declarations, Generated, Ticks, KnownNonFinite;
        }

        [Fact]
        public void Random_declarations_never_crash_the_generator_and_compile_to_the_core_values()
        {
            var tally = new Tally();
            Seeded.Check(RandomDeclarations.Declarations.Array[PerCompilation, PerCompilation], batch => Check(batch, tally), Compilations);
            _output.WriteLine($"{tally.Declarations} declarations, {tally.Generated} generated and evaluated over {tally.Ticks} ticks; " +
                $"{tally.KnownNonFinite} known non-finite (issue 14, Validation)");
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

            // Everything compiles: the user's declarations and every generated file.
            Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
                Assert.Fail("compilation errors:\n" + string.Join("\n", errors.Take(5).Select(e => $"{e} in {Declaration(batch, e)}")));

            using var stream = new MemoryStream();
            Assert.True(output.Emit(stream).Success);
            stream.Position = 0;
            Assembly assembly = new AssemblyLoadContext("random-" + Guid.NewGuid().ToString("N"), isCollectible: true) { }.LoadFromStream(stream);
            for (int i = 0; i < batch.Length; i++)
            {
                foreach (Type type in assembly.GetTypes().Where(t => (t.Namespace == "R" + i || t.Namespace == "R" + i + ".event") && typeof(ILearningRateSchedule).IsAssignableFrom(t) && !t.IsGenericTypeDefinition))
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
            var generated = (ILearningRateSchedule)Activator.CreateInstance(type)!;
            var core = new Schedule(definition);
            long horizon = definition.Horizon is double h && h < 120 ? (long)Math.Ceiling(h) : 120;
            bool nonFinite = false;
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
                if (!(double.IsFinite(actual) && actual >= 0)) nonFinite = true;
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
            if (!nonFinite) return;
            if (declaration.HasExtremeArgument) tally.KnownNonFinite++;
            else Assert.Fail($"{declaration}: a valid declaration without extreme arguments gives a NaN, infinite or negative factor");
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

        /// <summary>Issue 14's remaining container defect: a <c>file partial class</c> silently gets its schedule on a
        /// second, non-file type; it should be refused with a diagnostic (a new ID, planned after the issue 10
        /// refactor); un-skip then.</summary>
        [Fact(Skip = "issue 14 (Generator): file types are not refused yet; fix after the issue 10 refactor")]
        public void Known_container_defects()
        {
            Seeded.Check(RandomDeclarations.KnownDefectDeclarations, d =>
            {
                (Compilation output, GeneratorRunResult result) = GeneratorRunner.Run(AttributeWriter.Usings + d.Source("R0"), RandomDeclarations.Constants);
                Assert.Null(result.Exception);
                Assert.DoesNotContain(output.GetDiagnostics(), x => x.Severity == DiagnosticSeverity.Error || x.Id == "CS8785");
                if (d.Container == Container.File) Assert.Contains(result.Diagnostics, x => x.Severity == DiagnosticSeverity.Error);
            }, 200);
        }
    }
}
