using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Generator;
using ScheduleDsl.Testing;

namespace ScheduleDsl.Analyzers.Tests.TrainingLoopCorpus
{
    /// <summary>Compiles a corpus file as a user's project would be: against the running framework, the ScheduleDsl
    /// core, TorchSharp and the TorchSharp adapter, with the real source generator writing the schedule classes;
    /// then runs the training-loop and declaration analyzers.</summary>
    public static class CorpusCompiler
    {
        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        private static readonly Lazy<MetadataReference[]> References = new(() => FrameworkReferences.With(
            typeof(LearningRateAttribute).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location, AdapterPath()));

        private static string AdapterPath() =>
            typeof(CorpusCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "ScheduleDsl.TorchSharp.Path").Value!;

        /// <summary>The analyzer's diagnostics on <paramref name="file"/>; throws when the file does not compile.</summary>
        public static ImmutableArray<Diagnostic> Analyze(CorpusFile file)
        {
            var trees = new[]
            {
                CSharpSyntaxTree.ParseText(CorpusFile.Shared, ParseOptions, path: CorpusFile.SharedName),
                CSharpSyntaxTree.ParseText(file.Text, ParseOptions, path: file.Name),
            };
            // Top-level statements make a program; other files a library.
            bool program = trees[1].GetCompilationUnitRoot().Members.Any(m => m is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax);
            Compilation compilation = CSharpCompilation.Create("Corpus", trees, References.Value,
                new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(new ScheduleGenerator()).WithUpdatedParseOptions(ParseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);

            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
                throw new InvalidOperationException($"{file.Name} does not compile:\n" + string.Join("\n", errors.Take(10)));

            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new Usage.TrainingLoopAnalyzer(), new Declaration.ScheduleDeclarationAnalyzer());
            return compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
