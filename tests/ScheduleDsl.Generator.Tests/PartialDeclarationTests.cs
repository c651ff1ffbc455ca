using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Issue 13 item 4: attributes of a partial type come in file order, so a schedule split across parts is
    /// SDL1020 on each attribute outside the part holding [LearningRate], whatever the order of the files, and
    /// nothing is generated; other parts without schedule attributes change nothing.</summary>
    public class PartialDeclarationTests
    {
        private const string Main = "using ScheduleDsl;\n[LearningRate(0.1), Epochs(90)] [Warmup(2)]\npublic partial class S { }\n";
        private const string Other = "using ScheduleDsl;\n[Hold(3)] [StepDecay(30)]\npublic partial class S { }\n";

        private static (Compilation Output, GeneratorRunResult Result) Run(params string[] sources)
        {
            (Compilation output, GeneratorRunResult result) = GeneratorRunner.Run(sources);
            Assert.Null(result.Exception);
            return (output, result);
        }

        // Generator diagnostics travel as file path and span (DiagnosticInfo): find the text they point at.
        private static string TextAt(Compilation compilation, Diagnostic diagnostic)
        {
            string path = diagnostic.Location.GetLineSpan().Path;
            SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
            return tree.GetText().ToString(diagnostic.Location.SourceSpan);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_schedule_split_across_parts_is_SDL1020_on_each_attribute_of_the_other_part_in_either_file_order(bool swapped)
        {
            string mainFile = swapped ? "Source1.cs" : "Source0.cs";
            string otherFile = swapped ? "Source0.cs" : "Source1.cs";
            (Compilation output, GeneratorRunResult result) = swapped ? Run(Other, Main) : Run(Main, Other);

            Assert.Empty(result.GeneratedSources);
            Assert.Equal(new[] { "SDL1020", "SDL1020" }, result.Diagnostics.Select(d => d.Id).ToArray());
            Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
            Assert.All(result.Diagnostics, d => Assert.Equal(otherFile, d.Location.GetLineSpan().Path));
            Assert.Equal(new[] { "Hold(3)", "StepDecay(30)" },
                result.Diagnostics.Select(d => TextAt(output, d)).OrderBy(s => s).ToArray());
            Assert.Equal(
                $"[Hold] is declared on another part of the partial type S than [LearningRate] (in {mainFile}): the order of attributes across parts depends on file order; declare every schedule attribute on the part that holds [LearningRate].",
                result.Diagnostics.Single(d => d.GetMessage().StartsWith("[Hold]", System.StringComparison.Ordinal)).GetMessage());
            // Nothing was generated, so the user's code still compiles: the only errors are the generator's.
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Schedule_level_attributes_on_another_part_are_SDL1020_too(bool swapped)
        {
            const string rate = "using ScheduleDsl;\n[LearningRate(0.1)] [Cosine]\npublic partial class S { }\n";
            const string horizon = "using ScheduleDsl;\n[Epochs(90)]\npublic partial class S { }\n";
            (Compilation output, GeneratorRunResult result) = swapped ? Run(horizon, rate) : Run(rate, horizon);
            Diagnostic diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("SDL1020", diagnostic.Id);
            Assert.Equal("Epochs(90)", TextAt(output, diagnostic));
            Assert.Empty(result.GeneratedSources);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Other_parts_without_schedule_attributes_generate_the_same_schedule(bool swapped)
        {
            const string schedule = "using ScheduleDsl;\n[LearningRate(0.1), Epochs(90)] [Warmup(2)] [Hold(3)] [StepDecay(30)]\npublic partial class S { }\n";
            const string members = "[System.Obsolete(\"not a schedule attribute\")]\npublic partial class S { public static int Answer => 42; }\n";
            (_, GeneratorRunResult single) = Run(schedule);
            (Compilation output, GeneratorRunResult split) = swapped ? Run(members, schedule) : Run(schedule, members);

            Assert.Empty(split.Diagnostics);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            GeneratedSourceResult expected = Assert.Single(single.GeneratedSources);
            GeneratedSourceResult actual = Assert.Single(split.GeneratedSources);
            Assert.Equal(expected.HintName, actual.HintName);
            Assert.Equal(expected.SourceText.ToString(), actual.SourceText.ToString());
        }

        [Fact]
        public void Editing_only_the_other_part_updates_the_result()
        {
            // The generator is triggered by the part holding [LearningRate]: an edit of the other file alone must
            // still bring SDL1020 in and take it out again (its transform re-reads every part).
            const string members = "public partial class S { }\n";
            Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = TestCompilation.Create(Main, members);
            SyntaxTree other = compilation.SyntaxTrees.Last();
            GeneratorDriver driver = GeneratorRunner.Driver().RunGenerators(compilation);
            Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources);

            var split = compilation.ReplaceSyntaxTree(other, other.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Other)));
            driver = driver.RunGenerators(split);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Assert.Empty(result.GeneratedSources);
            Assert.Equal(new[] { "SDL1020", "SDL1020" }, result.Diagnostics.Select(d => d.Id).ToArray());

            SyntaxTree splitOther = split.SyntaxTrees.Last();
            var joined = split.ReplaceSyntaxTree(splitOther, splitOther.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(members)));
            result = driver.RunGenerators(joined).GetRunResult().Results.Single();
            Assert.Empty(result.Diagnostics);
            Assert.Single(result.GeneratedSources);
        }
    }
}
