using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>Runs an analyzer (and a fix) on test sources compiled against the real ScheduleDsl core and
    /// TorchSharp's managed assembly (as metadata only: libtorch is never loaded). Expected diagnostics are
    /// written in the source as <c>{|SDL0001:text|}</c>, which checks the ID and the exact span.</summary>
    public static class Verifier<TAnalyzer, TFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        public const string Usings = "using ScheduleDsl;\n";

        private static void Configure(SolutionState state, string? editorConfig)
        {
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(LearningRateAttribute).Assembly.Location));
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location));
            if (editorConfig is not null) state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
        }

        /// <summary>Checks the diagnostics marked in <paramref name="source"/> (and any given in <paramref name="expected"/>) and no others.</summary>
        public static Task Analyze(string source, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            Configure(test.TestState, editorConfig);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Applies the fix with <paramref name="equivalenceKey"/> to every marked diagnostic (one at a time,
        /// then all at once through Fix All) and compares with <paramref name="fixedSource"/>; <paramref name="actionIndex"/>
        /// also checks the action's place among those offered (0: offered first).</summary>
        public static Task Fix(string source, string fixedSource, string equivalenceKey, string? editorConfig = null,
            string? remainingMarkup = null, int iterations = -1, int? actionIndex = null)
        {
            var test = new Test
            {
                TestCode = source,
                FixedCode = remainingMarkup ?? fixedSource,
                CodeActionEquivalenceKey = equivalenceKey,
                CodeActionIndex = actionIndex,
            };
            if (iterations > 0)
            {
                test.NumberOfIncrementalIterations = iterations;
                test.NumberOfFixAllIterations = 1;
            }
            Configure(test.TestState, editorConfig);
            Configure(test.FixedState, editorConfig);
            return test.RunAsync(CancellationToken.None);
        }

        private sealed class Test : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
            }
        }
    }
}
