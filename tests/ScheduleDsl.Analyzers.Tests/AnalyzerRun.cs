using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Testing;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>Runs analyzers on a source directly, where the verifier cannot look: the <c>Diagnostic.Properties</c>
    /// handed to code fixes, compilations that do not reference ScheduleDsl, and analyzer exceptions (collected, not
    /// swallowed). Compiled against the running framework, the ScheduleDsl core and TorchSharp (as metadata).</summary>
    public static class AnalyzerRun
    {
        /// <summary>The diagnostics <paramref name="analyzer"/> reports on <paramref name="source"/> (with the .editorconfig
        /// <paramref name="settings"/>); throws when the source does not compile or the analyzer throws.</summary>
        public static ImmutableArray<Diagnostic> Diagnostics(DiagnosticAnalyzer analyzer, string source,
            IReadOnlyDictionary<string, string>? settings = null, bool referenceScheduleDsl = true, string path = "Test.cs")
        {
            MetadataReference[] references = referenceScheduleDsl
                ? FrameworkReferences.With(typeof(LearningRateAttribute).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location)
                : FrameworkReferences.With();
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path);
            var compilation = CSharpCompilation.Create("Test", new[] { tree }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0) throw new InvalidOperationException("the test source does not compile:\n" + string.Join("\n", errors));

            var exceptions = new ConcurrentQueue<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new EditorConfigOptions(settings ?? new Dictionary<string, string>())),
                (exception, _, _) => exceptions.Enqueue(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> diagnostics = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (!exceptions.IsEmpty) throw new AggregateException("the analyzer threw", exceptions);
            return diagnostics;
        }
    }

    /// <summary>.editorconfig values as the compiler hands them to analyzers: the same for every file.</summary>
    public sealed class EditorConfigOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Values _values;

        public EditorConfigOptions(IReadOnlyDictionary<string, string> values) => _values = new Values(values);

        public override AnalyzerConfigOptions GlobalOptions => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _values;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _values;

        private sealed class Values : AnalyzerConfigOptions
        {
            private readonly IReadOnlyDictionary<string, string> _values;

            public Values(IReadOnlyDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
