using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ScheduleDsl.Analyzers.Declaration;
using ScheduleDsl.CodeFixes;
using ScheduleDsl.Testing;
using Xunit;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>Fix All as <c>dotnet format analyzers --diagnostics A B C</c> runs it: for each ID it asks the fixer for
    /// the actions of the first diagnostic found, which may belong to another ID, and passes that action's key (null
    /// then) to Fix All with every diagnostic of the run. Each fixer must still fix all of its own, the same way.</summary>
    public class FixAllWithoutKeyTests
    {
        private const string Source = """
            using ScheduleDsl;

            [LearningRate(0.4), Epochs(90)] [Cosine]
            public partial class A { }

            [LearningRate(0.05), Epochs(90)] [MultiStep(60, 30)]
            public partial class B { }

            [LearningRate(0.05), Epochs(90)] [Warmup(5)] [Warmup(5)] [Cosine]
            public partial class C { }

            [LearningRate(0.9), Epochs(90)] [StepDecay(30)]
            public partial class D { }
            """;

        [Theory]
        [InlineData(null, "[LearningRate(0.4), Epochs(90)]\n[Warmup(5)]\n[Cosine]", "[LearningRate(0.9), Epochs(90)]\n[Warmup(5)]\n[StepDecay(30)]")]
        [InlineData("scheduledsl.high_rate_fix = lower_rate", "[LearningRate(0.1), Epochs(90)] [Cosine]", "[LearningRate(0.1), Epochs(90)] [StepDecay(30)]")]
        public async Task High_rate_fix_all_with_a_null_key_applies_the_configured_action(string? editorConfig, string a, string d)
        {
            string text = await FixAllAsync(new HighRateWithoutWarmupFixer(), editorConfig);
            Assert.Contains(a, text);
            Assert.Contains(d, text);
            Assert.Contains("[MultiStep(60, 30)]", text); // another fixer's diagnostic: untouched
        }

        [Fact]
        public async Task Sort_and_remove_fix_all_with_a_null_key()
        {
            Assert.Contains("[MultiStep(30, 60)]", await FixAllAsync(new SortMilestonesFixer(), null));
            string removed = await FixAllAsync(new RemoveConflictingAttributeFixer(), null);
            // The repeated warmup (SDL0006) is removed; one warmup and the cosine stay.
            string c = removed.Substring(removed.IndexOf("[LearningRate(0.05)", StringComparison.Ordinal));
            c = c.Substring(0, c.IndexOf("public partial class C", StringComparison.Ordinal));
            Assert.Equal(1, c.Split("[Warmup(5)]").Length - 1);
            Assert.Contains("[Cosine]", c);
            Assert.Contains("[MultiStep(60, 30)]", removed);
        }

        private static async Task<string> FixAllAsync(CodeFixProvider fixer, string? editorConfig)
        {
            using var workspace = new AdhocWorkspace();
            ProjectInfo info = ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "P", "P", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: References());
            Project project = workspace.AddProject(info);
            Document document = project.AddDocument("A.cs", SourceText.From(Source.Replace("\r", "")), filePath: "/src/A.cs");
            if (editorConfig is not null)
                document = document.Project.AddAnalyzerConfigDocument(".editorconfig", SourceText.From("root = true\n\n[*.cs]\n" + editorConfig + "\n"), filePath: "/src/.editorconfig")
                    .Project.GetDocument(document.Id)!;

            Compilation compilation = (await document.Project.GetCompilationAsync())!;
            ImmutableArray<Diagnostic> diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ScheduleDeclarationAnalyzer()), document.Project.AnalyzerOptions)
                .GetAnalyzerDiagnosticsAsync();
            Assert.Contains(diagnostics, x => x.Id == "SDL0003"); // the foreign diagnostic comes first in the file

            var context = new FixAllContext(document, fixer, FixAllScope.Solution, codeActionEquivalenceKey: null!,
                fixer.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
            CodeAction? action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            Assert.NotNull(action);
            Solution changed = (await action!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        }

        private static IEnumerable<MetadataReference> References() => FrameworkReferences.With(typeof(LearningRateAttribute).Assembly.Location);

        /// <summary>All diagnostics of the run, every ID mixed, as dotnet format hands them over.</summary>
        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
        }
    }
}
