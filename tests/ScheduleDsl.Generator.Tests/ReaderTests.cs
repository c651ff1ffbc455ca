using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Generator.Parsing;
using ScheduleDsl.Validation;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    public class ReaderTests
    {
        private static ScheduleDeclaration Read(string source, string type = "T")
        {
            var compilation = TestCompilation.Create(source);
            ScheduleSymbols symbols = ScheduleSymbols.Create(compilation)!;
            return ScheduleDeclarationReader.Read(TestCompilation.Type(compilation, type), symbols, CancellationToken.None);
        }

        private static string TextAt(Location location) =>
            location.SourceTree!.GetText().ToString(location.SourceSpan);

        [Fact]
        public void ImageNet_example_reads_into_the_expected_definition()
        {
            ScheduleDeclaration d = Read("""
                using ScheduleDsl;
                [LearningRate(0.4), Epochs(90)]
                [Warmup(5)]
                [Cosine(MinLr = 1e-5)]
                [StepDecay(30, 0.1)]
                public partial class T { }
                """);
            var expected = ScheduleDefinition.Create(0.4, TimeUnit.Epochs, 90,
                new WarmupPhase(5), new CosineShape(MinLr: 1e-5), new StepDecayShape(30, 0.1));
            Assert.Empty(d.Problems);
            Assert.Equal(expected, d.Definition);
            Assert.Equal(3, d.Components.Length);
            Assert.Equal("WarmupAttribute", d.Components[0].AttributeClass!.Name);
        }

        [Fact]
        public void Every_optional_argument_is_read_and_unset_ones_keep_the_core_defaults()
        {
            ScheduleDeclaration d = Read("""
                using ScheduleDsl;
                using ScheduleDsl.Families;
                [LearningRate(1e-3), Steps(1000), Floor(1e-6), PastHorizon(PastHorizonPolicy.Continue)]
                [Warmup(100, Kind = WarmupKind.Cosine, StartFactor = 0.01)]
                [Hold(50)]
                [MultiStep(200, 400, Gamma = 0.5)]
                [Cyclic(1e-4, 20, Mode = CyclicMode.ExpRange, Gamma = 0.99)]
                [ReduceOnPlateau(Mode = PlateauMode.Max, Patience = 3, Cooldown = 1)]
                public partial class T { }
                """);
            var expected = ScheduleDefinition.Create(1e-3, TimeUnit.Steps, 1000,
                new WarmupPhase(100, WarmupKind.Cosine, 0.01), new HoldPhase(50),
                new MultiStepShape(new EquatableArray<double>(new[] { 200.0, 400.0 }), 0.5),
                new CyclicShape(1e-4, 20, null, CyclicMode.ExpRange, 0.99),
                new PlateauReduction(PlateauMode.Max, Patience: 3, Cooldown: 1)) with { Floor = 1e-6, PastHorizon = PastHorizonPolicy.Continue };
            Assert.Empty(d.Problems);
            Assert.Equal(expected, d.Definition);
        }

        [Fact]
        public void PiecewiseConstant_reads_its_two_arrays_and_a_broken_boundary_is_located_on_its_element()
        {
            ScheduleDeclaration d = Read("""
                using ScheduleDsl;
                [LearningRate(0.1), Steps(100)]
                [PiecewiseConstant(new[] { 10.0, 5.0 }, new[] { 0.1, 0.05, 0.01 })]
                public partial class T { }
                """);
            var expected = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new PiecewiseConstantShape(
                new EquatableArray<double>(new[] { 10.0, 5.0 }), new EquatableArray<double>(new[] { 0.1, 0.05, 0.01 })));
            Assert.Equal(expected, d.Definition);
            RuleViolation violation = Assert.Single(d.Definition!.Validate());
            Assert.Equal("5.0", TextAt(d.Locate(violation, CancellationToken.None)));
        }

        [Fact]
        public void An_explicit_NaN_is_a_value_and_is_caught_by_validation_on_its_argument()
        {
            ScheduleDeclaration d = Read("""
                using ScheduleDsl;
                [LearningRate(0.1), Epochs(10)]
                [Cosine(Period = double.NaN)]
                public partial class T { }
                """);
            Assert.Equal(double.NaN, ((CosineShape)d.Definition!.Components[0]).Period);
            RuleViolation violation = Assert.Single(d.Definition.Validate());
            Assert.Equal("Period = double.NaN", TextAt(d.Locate(violation, CancellationToken.None)));
        }

        [Theory]
        [InlineData("[MultiStep(30, 20, 60)]", "20")]
        [InlineData("[MultiStep(new double[] { 30, 20, 60 })]", "20")]
        [InlineData("[MultiStep(new[] { 30.0, 20, 60 })]", "20")]
        [InlineData("[MultiStep(milestones: new double[] { 30, 20, 60 })]", "20")]
        public void A_milestone_violation_points_at_the_element(string attribute, string expected)
        {
            ScheduleDeclaration d = Read("using ScheduleDsl;\n[LearningRate(0.1), Epochs(90)]\n" + attribute + "\npublic partial class T { }");
            RuleViolation violation = Assert.Single(d.Definition!.Validate(), v => v.Kind == RuleKind.MilestonesNotIncreasing);
            Assert.Equal(expected, TextAt(d.Locate(violation, CancellationToken.None)));
        }

        [Theory]
        [InlineData("[StepDecay(30, -1)]", "-1")]
        [InlineData("[StepDecay(gamma: -1, stepSize: 30)]", "gamma: -1")]
        [InlineData("[Warmup(5, StartFactor = 2)]", "StartFactor = 2")]
        public void An_argument_violation_points_at_the_argument(string attribute, string expected)
        {
            ScheduleDeclaration d = Read("using ScheduleDsl;\n[LearningRate(0.1), Epochs(90)]\n" + attribute + "\npublic partial class T { }");
            RuleViolation violation = Assert.Single(d.Definition!.Validate());
            Assert.Equal(expected, TextAt(d.Locate(violation, CancellationToken.None)));
        }

        [Fact]
        public void A_schedule_level_violation_points_at_its_attribute_argument()
        {
            ScheduleDeclaration d = Read("using ScheduleDsl;\n[LearningRate(-0.1), Steps(-5)]\npublic partial class T { }");
            var located = d.Definition!.Validate().Select(v => TextAt(d.Locate(v, CancellationToken.None))).ToArray();
            Assert.Equal(new[] { "-0.1", "-5" }, located);
        }

        /// <summary>Every violation lands on its argument, else its attribute, else the type.</summary>
        [Theory]
        [InlineData("[LearningRate(0.1), Epochs(-5)]", "-5")]
        [InlineData("[LearningRate(0.1), Epochs(10), Floor(-1)]", "-1")]
        [InlineData("[WeightDecay(-0.5), Epochs(10)]", "-0.5")]
        [InlineData("[Hyperparameter(\"a b\", 1.0), Epochs(10)]", "\"a b\"")]
        [InlineData("[LearningRate(0.1), Epochs] [Cosine]", "Cosine")] // needs a horizon: on the component
        public void Each_violation_points_at_its_argument_or_attribute(string attributes, string expected)
        {
            ScheduleDeclaration d = Read("using ScheduleDsl;\n" + attributes + "\npublic partial class T { }");
            RuleViolation violation = Assert.Single(d.Definition!.Validate(), v => v.Severity == RuleSeverity.Error);
            Assert.Equal(expected, TextAt(d.Locate(violation, CancellationToken.None)));
        }

        [Fact]
        public void Each_schedule_level_attribute_is_found_by_its_name_and_components_by_index()
        {
            ScheduleDeclaration d = Read("""
                using ScheduleDsl;
                [Momentum(0.9), Steps(100), Floor(0.5), PastHorizon(PastHorizonPolicy.Throw)]
                [Warmup(10)] [Cosine]
                public partial class T { }
                """);
            string? At(string component, int index) => d.AttributeOf(component, index) is AttributeData a ? TextAt(a.ApplicationSyntaxReference!.GetSyntax().GetLocation()) : null;
            Assert.Equal(new[] { "Momentum(0.9)", "Steps(100)", "Floor(0.5)", "PastHorizon(PastHorizonPolicy.Throw)", "Warmup(10)", "Cosine", null, null, null },
                new[] { At("Momentum", -1), At("Steps", -1), At("Floor", -1), At("PastHorizon", -1), At("Warmup", 0), At("Cosine", 1), At("Cosine", 2), At("Epochs", -1), At("LearningRate", -1) });
            // A violation naming no attribute of the declaration falls back to the type's name.
            var nowhere = new RuleViolation(RuleKind.InvalidArgument, RuleSeverity.Error, "Cosine", 5, null, -1, "out of range");
            Assert.Equal("T", TextAt(d.Locate(nowhere, CancellationToken.None)));
        }

        [Theory]
        [InlineData("[LearningRate(0.1)]", nameof(ReadProblemKind.MissingUnit), "LearningRate(0.1)",
            "T declares no time unit: add [Epochs(n)] (or [Epochs]) or [Steps(n)] (or [Steps]).")]
        [InlineData("[LearningRate(0.1), Epochs(3), Steps(10)]", nameof(ReadProblemKind.BothUnits), "Steps(10)",
            "[Epochs] and [Steps] are both declared: a schedule counts time in one unit; keep one of them.")]
        [InlineData("[LearningRate(0.1), Epochs(3), Warmup((ScheduleDsl.WarmupKind)42)]", nameof(ReadProblemKind.UnreadableArgument), "Warmup((ScheduleDsl.WarmupKind)42)",
            "[Warmup] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Epochs(3), Warmup(5, Kind = (ScheduleDsl.WarmupKind)42)]", nameof(ReadProblemKind.UnreadableArgument), "Kind = (ScheduleDsl.WarmupKind)42",
            "[Warmup] Kind = 42: expected a WarmupKind value.")]
        [InlineData("[LearningRate(0.1), Epochs(3), Warmup]", nameof(ReadProblemKind.UnreadableArgument), "Warmup",
            "[Warmup] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Epochs(3), StepDecay(\"x\")]", nameof(ReadProblemKind.UnreadableArgument), "StepDecay(\"x\")",
            "[StepDecay] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Epochs(3), Cosine(MinLr = \"x\")]", nameof(ReadProblemKind.UnreadableArgument), "MinLr = \"x\"",
            "[Cosine] MinLr = ?: expected a number.")]
        // An argument that does not compile (an undefined name) leaves the attribute without a constructor.
        [InlineData("[LearningRate(0.1), Epochs(Undefined)]", nameof(ReadProblemKind.UnreadableArgument), "Epochs(Undefined)",
            "[Epochs] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Epochs(3), Floor(Undefined)]", nameof(ReadProblemKind.UnreadableArgument), "Floor(Undefined)",
            "[Floor] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Steps(10.5)]", nameof(ReadProblemKind.UnreadableArgument), "Steps(10.5)",
            "[Steps] could not be read: its arguments match none of its constructors.")]
        [InlineData("[LearningRate(0.1), Epochs(3), ReduceOnPlateau(Patience = \"x\")]", nameof(ReadProblemKind.UnreadableArgument), "Patience = \"x\"",
            "[ReduceOnPlateau] Patience = ?: expected an integer.")]
        [InlineData("[LearningRate(0.1), Epochs(3), Exponential(0.9, Staircase = \"x\")]", nameof(ReadProblemKind.UnreadableArgument), "Staircase = \"x\"",
            "[Exponential] Staircase = ?: expected true or false.")]
        // One problem an attribute: the first unreadable argument stops it.
        [InlineData("[LearningRate(0.1), Epochs(3), ReduceOnPlateau(Mode = (PlateauMode)7, ThresholdMode = (ThresholdMode)7)]", nameof(ReadProblemKind.UnreadableArgument),
            "Mode = (PlateauMode)7", "[ReduceOnPlateau] Mode = 7: expected a PlateauMode value.")]
        public void Unreadable_declarations_give_a_located_problem_and_no_definition(string attributes, string kind, string at, string message)
        {
            ScheduleDeclaration d = Read("using ScheduleDsl;\n" + attributes + "\npublic partial class T { }");
            Assert.Null(d.Definition);
            ReadProblem problem = Assert.Single(d.Problems);
            Assert.Equal(kind, problem.Kind.ToString()); // by name: the reader's types are internal
            Assert.Equal((at, message), (TextAt(problem.Location), problem.Message));
            Assert.Empty(d.Components); // only components read into a definition are listed
        }

        [Fact]
        public void Each_unreadable_attribute_is_a_problem_of_its_own_in_declaration_order()
        {
            ScheduleDeclaration d = Read("""
                using ScheduleDsl;
                [LearningRate(0.1), Epochs(3), PastHorizon((PastHorizonPolicy)7)]
                [Warmup(5, Kind = (WarmupKind)9)] [Cosine] [Cyclic(0.01, 2, Mode = (CyclicMode)9)]
                public partial class T { }
                """);
            Assert.Null(d.Definition);
            Assert.Equal(new[]
            {
                ("Kind = (WarmupKind)9", "[Warmup] Kind = 9: expected a WarmupKind value."),
                ("Mode = (CyclicMode)9", "[Cyclic] Mode = 9: expected a CyclicMode value."),
                ("(PastHorizonPolicy)7", "[PastHorizon] Policy = 7: expected a PastHorizonPolicy value."),
            }, d.Problems.Select(p => (TextAt(p.Location), p.Message)));
            Assert.Equal(new[] { "CosineAttribute" }, d.Components.Select(c => c.AttributeClass!.Name));
        }

        /// <summary>A repeated attribute is the compiler's error (CS0579): the reader takes the first.</summary>
        [Fact]
        public void A_repeated_schedule_level_attribute_counts_once_the_first()
        {
            ScheduleDeclaration epochs = Read("""
                using ScheduleDsl;
                [LearningRate(0.1), Epochs(10), Epochs(20), Floor(0.01), Floor(0.02), PastHorizon(PastHorizonPolicy.Continue), PastHorizon(PastHorizonPolicy.Throw)]
                [Cosine]
                public partial class T { }
                """);
            Assert.Empty(epochs.Problems);
            Assert.Equal(ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 10, new CosineShape()) with { Floor = 0.01, PastHorizon = PastHorizonPolicy.Continue },
                epochs.Definition);
            Assert.Equal(("Epochs(10)", "Floor(0.01)", "PastHorizon(PastHorizonPolicy.Continue)"),
                (TextAt(epochs.Epochs!.ApplicationSyntaxReference!.GetSyntax().GetLocation()), TextAt(epochs.Floor!.ApplicationSyntaxReference!.GetSyntax().GetLocation()),
                    TextAt(epochs.PastHorizon!.ApplicationSyntaxReference!.GetSyntax().GetLocation())));
            ScheduleDeclaration steps = Read("using ScheduleDsl;\n[LearningRate(0.1), Steps(5), Steps(6)] [Cosine]\npublic partial class T { }");
            Assert.Equal(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 5, new CosineShape()), steps.Definition);
            Assert.Equal("Steps(5)", TextAt(steps.Steps!.ApplicationSyntaxReference!.GetSyntax().GetLocation()));
        }

        [Theory]
        [InlineData("[LearningRate(0.1), Steps]", TimeUnit.Steps)]
        [InlineData("[LearningRate(0.1), Epochs]", TimeUnit.Epochs)]
        public void A_unit_without_a_count_declares_no_horizon(string attributes, TimeUnit unit)
        {
            ScheduleDeclaration d = Read("using ScheduleDsl;\n" + attributes + " [Exponential(0.9)]\npublic partial class T { }");
            Assert.Empty(d.Problems);
            Assert.Equal(ScheduleDefinition.Create(0.1, unit, null, new ExponentialShape(0.9)), d.Definition);
        }

        [Fact]
        public void Schedule_attributes_without_a_marker_give_no_definition()
        {
            ScheduleDeclaration withUnit = Read("using ScheduleDsl;\n[Epochs(10)] [Cosine]\npublic partial class T { }");
            Assert.Null(withUnit.Definition);
            Assert.Null(withUnit.Marker);
            Assert.Empty(withUnit.Problems);
            ScheduleDeclaration withoutUnit = Read("using ScheduleDsl;\n[Cosine]\npublic partial class T { }");
            Assert.Null(withoutUnit.Definition);
            ReadProblem problem = Assert.Single(withoutUnit.Problems);
            Assert.Equal(nameof(ReadProblemKind.MissingUnit), problem.Kind.ToString());
            Assert.Equal(Location.None, problem.Location); // no marker to put it on
            // Parts are compared against the marker's part only when there is a marker.
            var parts = TestCompilation.Create("using ScheduleDsl;\n[Epochs(10)]\npublic partial class T { }", "using ScheduleDsl;\n[Cosine]\npublic partial class T { }");
            ScheduleDeclaration split = ScheduleDeclarationReader.Read(TestCompilation.Type(parts, "T"), ScheduleSymbols.Create(parts)!, CancellationToken.None);
            Assert.Equal((null, 0), (split.Definition, split.Problems.Length));
        }

        /// <summary>A null name reads as empty (validation then refuses it, on the argument); the markers' value and name.</summary>
        [Fact]
        public void Marker_arguments_are_read_for_each_kind()
        {
            ScheduleDeclaration unnamed = Read("using ScheduleDsl;\n[Hyperparameter(null, 1.5), Epochs(10)]\npublic partial class T { }");
            Assert.Empty(unnamed.Problems);
            Assert.Equal((HyperparameterKind.Other, "", 1.5), (unnamed.Definition!.Kind, unnamed.Definition.Name, unnamed.Definition.LearningRate));
            ScheduleDeclaration named = Read("using ScheduleDsl;\n[Hyperparameter(\"w\", 2.5), Steps(10)]\npublic partial class T { }");
            Assert.Equal((HyperparameterKind.Other, "w", 2.5, TimeUnit.Steps), (named.Definition!.Kind, named.Definition.Name, named.Definition.LearningRate, named.Definition.Unit));
            ScheduleDeclaration decay = Read("using ScheduleDsl;\n[WeightDecay(0.05), Epochs(10)]\npublic partial class T { }");
            Assert.Equal((HyperparameterKind.WeightDecay, (string?)null, 0.05, MinimumScaling.Scaled),
                (decay.Definition!.Kind, decay.Definition.Name, decay.Definition.LearningRate, decay.Definition.Minimums));
            ScheduleDeclaration absolute = Read("using ScheduleDsl;\n[LearningRate(0.1, Minimums = MinimumScaling.Absolute), Epochs(10)]\npublic partial class T { }");
            Assert.Equal((HyperparameterKind.LearningRate, MinimumScaling.Absolute), (absolute.Definition!.Kind, absolute.Definition.Minimums));
        }

        // Issue 13 item 4 changed this: attributes across partial parts used to be read in file order (a file rename
        // reordered the phases); now a schedule split across parts is unreadable, the same in either file order.
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_schedule_split_across_partial_declarations_is_unreadable_in_either_file_order(bool swapped)
        {
            const string main = "using ScheduleDsl;\n[LearningRate(0.1), Epochs(90)]\n[Warmup(5)]\npublic partial class T { }";
            const string other = "using ScheduleDsl;\n[Hold(3)]\n[Cosine]\npublic partial class T { }";
            var compilation = swapped ? TestCompilation.Create(other, main) : TestCompilation.Create(main, other);
            ScheduleDeclaration d = ScheduleDeclarationReader.Read(TestCompilation.Type(compilation, "T"), ScheduleSymbols.Create(compilation)!, CancellationToken.None);
            Assert.Null(d.Definition);
            Assert.Equal(new[] { nameof(ReadProblemKind.SplitAcrossParts), nameof(ReadProblemKind.SplitAcrossParts) }, d.Problems.Select(p => p.Kind.ToString()));
            Assert.Equal(new[] { "Cosine", "Hold(3)" }, d.Problems.Select(p => TextAt(p.Location)).OrderBy(t => t, System.StringComparer.Ordinal));
        }

        [Fact]
        public void Reading_stops_when_cancelled()
        {
            var compilation = TestCompilation.Create("using ScheduleDsl;\n[LearningRate(0.1), Epochs(10)] [Cosine]\npublic partial class T { }");
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            INamedTypeSymbol type = TestCompilation.Type(compilation, "T");
            Assert.Throws<System.OperationCanceledException>(() => ScheduleDeclarationReader.Read(type, ScheduleSymbols.Create(compilation)!, cancelled.Token));
            // The generator's transform lets the cancellation through (it is no SDL1009).
            Assert.Throws<System.OperationCanceledException>(() => ScheduleParser.Parse(type, compilation, "1.0", Composition.HyperparameterKind.LearningRate, cancelled.Token));
        }

        [Fact]
        public void Two_parts_in_one_file_are_two_parts()
        {
            ScheduleDeclaration d = Read("using ScheduleDsl;\n[LearningRate(0.1), Epochs(90)] [Warmup(5)]\npublic partial class T { }\n[Hold(3)]\npublic partial class T { }");
            Assert.Null(d.Definition);
            ReadProblem problem = Assert.Single(d.Problems);
            Assert.Equal(("Hold(3)", "[Hold] is declared on another part of the partial type T than [LearningRate] (in Source0.cs): the order of attributes across parts "
                + "depends on file order; declare every schedule attribute on the part that holds [LearningRate]."), (TextAt(problem.Location), problem.Message));
        }

        [Fact]
        public void A_split_schedule_in_sources_without_a_path_names_no_file()
        {
            var compilation = TestCompilation.Create("using ScheduleDsl;\n[WeightDecay(0.05), Epochs(90)]\npublic partial class T { }", "using ScheduleDsl;\n[Cosine]\npublic partial class T { }");
            foreach (SyntaxTree tree in compilation.SyntaxTrees.ToArray()) compilation = compilation.ReplaceSyntaxTree(tree, tree.WithFilePath(""));
            ScheduleDeclaration d = ScheduleDeclarationReader.Read(TestCompilation.Type(compilation, "T"), ScheduleSymbols.Create(compilation)!, CancellationToken.None);
            ReadProblem problem = Assert.Single(d.Problems);
            Assert.Equal(("Cosine", "[Cosine] is declared on another part of the partial type T than [WeightDecay]: the order of attributes across parts "
                + "depends on file order; declare every schedule attribute on the part that holds [WeightDecay]."), (TextAt(problem.Location), problem.Message));
        }

        [Fact]
        public void Partial_parts_without_schedule_attributes_keep_the_declaration_order()
        {
            var compilation = TestCompilation.Create(
                "public partial class T { public int X; }",
                "using ScheduleDsl;\n[LearningRate(0.1), Epochs(90)]\n[Hold(3)]\n[Warmup(5)]\n[Cosine]\npublic partial class T { }");
            ScheduleDeclaration d = ScheduleDeclarationReader.Read(TestCompilation.Type(compilation, "T"), ScheduleSymbols.Create(compilation)!, CancellationToken.None);
            Assert.Equal(new[] { "Hold", "Warmup", "Cosine" }, d.Definition!.Components.Select(c => c.Name));
        }
    }
}
