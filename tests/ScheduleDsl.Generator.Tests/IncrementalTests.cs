using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    public class IncrementalTests
    {
        private const string Source = """
            using ScheduleDsl;
            namespace Demo;
            [LearningRate(0.4), Epochs(90)]
            [Warmup(5)]
            [Cosine(MinLr = 1e-5)]
            public partial class ImageNetSchedule { }
            [LearningRate(0.1)]
            public partial class Broken { }
            """;

        private static readonly string[] Tracked = { TrackingNames.Parse, TrackingNames.Schedules, TrackingNames.Diagnostics };

        [Fact]
        public void A_second_run_on_a_cloned_compilation_is_fully_cached()
        {
            CSharpCompilation compilation = TestCompilation.Create(Source);
            GeneratorDriver driver = GeneratorRunner.Driver(trackSteps: true).RunGenerators(compilation);
            GeneratorRunResult first = driver.GetRunResult().Results.Single();
            Assert.Single(first.GeneratedSources);
            Assert.Single(first.Diagnostics);
            AssertNoSymbolsOrSyntax(first);

            GeneratorRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
            AssertCached(second);
        }

        [Fact]
        public void An_unrelated_edit_leaves_every_step_cached()
        {
            CSharpCompilation compilation = TestCompilation.Create(Source, "namespace Demo; public class Other { }");
            GeneratorDriver driver = GeneratorRunner.Driver(trackSteps: true).RunGenerators(compilation);
            SyntaxTree other = compilation.SyntaxTrees.Last();
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(other,
                other.WithChangedText(other.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(other.Length, 0), "\npublic class Added { public int X; }"))));
            AssertCached(driver.RunGenerators(edited).GetRunResult().Results.Single());
        }

        [Fact]
        public void Editing_an_attribute_regenerates_the_file()
        {
            CSharpCompilation compilation = TestCompilation.Create(Source);
            GeneratorDriver driver = GeneratorRunner.Driver(trackSteps: true).RunGenerators(compilation);
            SyntaxTree tree = compilation.SyntaxTrees.Single();
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Source.Replace("Warmup(5)", "Warmup(6)"))));
            GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();
            Assert.Contains(result.TrackedSteps[TrackingNames.Schedules].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.Contains("Warmup.Factor(t, 6.0", result.GeneratedSources.Single().SourceText.ToString());
        }

        private static void AssertCached(GeneratorRunResult result)
        {
            foreach (string name in Tracked)
            {
                Assert.True(result.TrackedSteps.ContainsKey(name), name + " not tracked");
                foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[name])
                    foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                        Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
            }
        }

        private static void AssertNoSymbolsOrSyntax(GeneratorRunResult result)
        {
            foreach (string name in Tracked)
                foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[name])
                    foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                        Walk(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        // Every object reachable from a step output, through fields: none may be a symbol, syntax or compilation.
        private static void Walk(object? value, string path, HashSet<object> seen)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
            Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location, $"{path} holds a {value.GetType().Name}");
            if (!value.GetType().IsValueType && !seen.Add(value)) return;
            if (value is IEnumerable items && value is not string)
            {
                int i = 0;
                foreach (object? item in items) Walk(item, $"{path}[{i++}]", seen);
            }
            foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                Walk(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
