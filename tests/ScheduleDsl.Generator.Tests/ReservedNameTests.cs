using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Composition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>A user member named like a member the generator writes into the same type would not compile (CS0102,
    /// CS0111): the generator refuses it with SDL1008 on the user's member and generates nothing. The names are read from
    /// the generated code itself (every member of the generated partial type, over declarations that switch on every
    /// optional member), not from the generator's list of reserved names.</summary>
    public class ReservedNameTests
    {
        // Together these make the generator write every optional member: plateau, milestones, piecewise
        // arrays, momentum, absolute minimums, a custom factor.
        private static readonly string[] PlainSchedules =
        {
            "[LearningRate(0.1), Epochs(10)] [Warmup(1)] [MultiStep(2, 4)] [ReduceOnPlateau] public partial class T { }",
            "[LearningRate(0.1, Minimums = MinimumScaling.Absolute), Epochs(10)] [PiecewiseConstant(new[] { 2.0 }, new[] { 0.1, 0.01 })] [Cosine(MinLr = 0.001)] public partial class T { }",
            "[LearningRate(0.1), Steps(100)] [OneCycle] public partial class T { }",
            "[LearningRate(0.1), Steps(100)] [CustomFactor(nameof(F))] public partial class T { static double F(double t) => 1; }",
        };

        // The same for another hyperparameter (its members say BaseValue and ValueAt where a rate says Peak and RateAt).
        private static readonly string[] ValueSchedules =
        {
            "[WeightDecay(0.05), Epochs(10)] [Warmup(1)] [MultiStep(2, 4)] [ReduceOnPlateau] public partial class T { }",
            "[WeightDecay(0.05), Epochs(10)] [PiecewiseConstant(new[] { 2.0 }, new[] { 0.1, 0.01 })] [Cosine(EndValue = 0.01)] public partial class T { }",
            "[WeightDecay(0.05), Steps(100)] [CustomFactor(nameof(F))] public partial class T { static double F(double t) => 1; }",
        };

        private static readonly string[] TrainingTypes =
        {
            "[LearningRate(0.1), Epochs(10)] [Cosine] public partial record T { }",
            "[LearningRate(0.1), Epochs(10)] [ReduceOnPlateau] public partial struct T { }",
        };

        /// <summary>Names of the members the generator declares in <c>T</c> itself (constructors, explicit interface
        /// implementations and members of nested generated types excluded: they cannot clash with a user member).</summary>
        private static SortedSet<string> GeneratedMemberNames(IEnumerable<string> sources)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string source in sources)
            {
                (Compilation _, GeneratorRunResult result) = GeneratorRunner.Run(AttributeWriter.Usings + source);
                Assert.Empty(result.Diagnostics);
                foreach (GeneratedSourceResult generated in result.GeneratedSources)
                {
                    foreach (TypeDeclarationSyntax t in generated.SyntaxTree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.Identifier.ValueText == "T"))
                    {
                        foreach (MemberDeclarationSyntax member in t.Members)
                        {
                            switch (member)
                            {
                                case MethodDeclarationSyntax m when m.ExplicitInterfaceSpecifier is null: names.Add(m.Identifier.ValueText); break;
                                case PropertyDeclarationSyntax p when p.ExplicitInterfaceSpecifier is null: names.Add(p.Identifier.ValueText); break;
                                case FieldDeclarationSyntax f: names.UnionWith(f.Declaration.Variables.Select(v => v.Identifier.ValueText)); break;
                                case BaseTypeDeclarationSyntax nested: names.Add(nested.Identifier.ValueText); break;
                            }
                        }
                    }
                }
            }
            return names;
        }

        [Fact]
        public void Every_member_the_generator_writes_into_a_schedule_class_is_reserved()
        {
            SortedSet<string> names = GeneratedMemberNames(PlainSchedules);
            Assert.True(names.Count >= 25, "too few generated members found: " + string.Join(", ", names));
            string[] accepted = names.Where(name => !Refused(PlainSchedules[0], name)).ToArray();
            Assert.True(accepted.Length == 0, "not reserved: " + string.Join(", ", accepted));
            foreach (string name in names)
                foreach (string source in PlainSchedules)
                    AssertRefused(source, name);
        }

        /// <summary>Reserved names that no generated member uses refuse a user's member (a <c>StepsPerEpoch</c> constant,
        /// say) for nothing: the reserved names are exactly the members generated.</summary>
        [Fact]
        public void The_reserved_names_are_exactly_the_generated_members()
        {
            AssertSame(GeneratedMemberNames(PlainSchedules), Parsing.ScheduleParser.GeneratedMemberNames(HyperparameterKind.LearningRate));
            AssertSame(GeneratedMemberNames(ValueSchedules), Parsing.ScheduleParser.GeneratedMemberNames(HyperparameterKind.WeightDecay));

            static void AssertSame(SortedSet<string> generated, IReadOnlyCollection<string> reserved)
            {
                Assert.Equal("", string.Join(", ", generated.Where(name => !reserved.Contains(name))));   // generated, not reserved
                Assert.Equal("", string.Join(" ", reserved.Where(name => !generated.Contains(name)).OrderBy(name => name, StringComparer.Ordinal))); // reserved, not generated
            }
        }

        [Fact]
        public void Every_member_the_generator_writes_into_another_hyperparameters_schedule_class_is_reserved()
        {
            SortedSet<string> names = GeneratedMemberNames(ValueSchedules);
            Assert.Contains("BaseValue", names);
            Assert.Contains("CurrentValue", names);
            foreach (string name in names)
                foreach (string source in ValueSchedules)
                    AssertRefused(source, name);
        }

        [Fact]
        public void Every_member_the_generator_writes_into_a_training_type_is_reserved()
        {
            SortedSet<string> names = GeneratedMemberNames(TrainingTypes);
            Assert.Equal(new[] { "CreateLearningRateSchedule", "LearningRateSchedule" }, names);
            foreach (string name in names)
                foreach (string source in TrainingTypes)
                    AssertRefused(source, name);
        }

        private static bool Refused(string schedule, string name) =>
            GeneratorRunner.Run(AttributeWriter.Usings + schedule.Substring(0, schedule.LastIndexOf('}')) + $"public sealed class {name} {{ }} }}")
                .Result.Diagnostics.Any(d => d.Id == "SDL1008");

        // The user's member is a nested class: it clashes with a member of any kind named alike.
        private static void AssertRefused(string schedule, string name)
        {
            string member = $"public sealed class {name} {{ }}";
            string source = schedule.Substring(0, schedule.LastIndexOf('}')) + member + " }";
            string full = AttributeWriter.Usings + source; // as the compiler gets it
            (Compilation _, GeneratorRunResult result) = GeneratorRunner.Run(full);
            if (result.Diagnostics.Length != 1) Assert.Fail($"{name}: expected SDL1008 alone, got [{string.Join(", ", result.Diagnostics)}] for {source}");
            Diagnostic d = result.Diagnostics[0];
            Assert.Equal("SDL1008", d.Id);
            Assert.Equal($"'T' already declares '{name}', which the generated schedule needs: rename it", d.GetMessage(CultureInfo.InvariantCulture));
            Assert.Equal(full.IndexOf("class " + name + " ", StringComparison.Ordinal) + "class ".Length, d.Location.SourceSpan.Start);
            Assert.Equal(name.Length, d.Location.SourceSpan.Length);
            Assert.Empty(result.GeneratedSources);
        }
    }
}
