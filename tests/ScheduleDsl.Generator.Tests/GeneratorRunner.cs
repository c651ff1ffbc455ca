using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Runs the generator on sources and, when asked, compiles and loads the result.</summary>
    internal static class GeneratorRunner
    {
        public static GeneratorDriver Driver(bool trackSteps = false) =>
            CSharpGeneratorDriver.Create(new[] { new ScheduleGenerator().AsSourceGenerator() }, parseOptions: TestCompilation.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        public static (Compilation Output, GeneratorRunResult Result) Run(params string[] sources)
        {
            CSharpCompilation input = TestCompilation.Create(sources);
            GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
            return (output, driver.GetRunResult().Results.Single());
        }

        /// <summary>The lines of the one file generated for <paramref name="source"/>, trimmed (indentation aside).</summary>
        public static string[] GeneratedLines(string source) =>
            Run(source).Result.GeneratedSources.Single().SourceText.ToString().Split('\n').Select(l => l.Trim()).ToArray();

        /// <summary>Generates, compiles (asserting no errors) and loads the assembly.</summary>
        public static Assembly CompileAndLoad(params string[] sources)
        {
            (Compilation output, GeneratorRunResult result) = Run(sources);
            if (result.Exception is not null) throw new InvalidOperationException("generator threw", result.Exception);
            var errors = result.Diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
                throw new InvalidOperationException("compilation failed:\n" + string.Join("\n", errors.Select(e => e.ToString()))
                    + "\n" + string.Join("\n\n", result.GeneratedSources.Select(s => s.SourceText.ToString())));
            using var stream = new MemoryStream();
            var emit = output.Emit(stream);
            if (!emit.Success) throw new InvalidOperationException(string.Join("\n", emit.Diagnostics));
            stream.Position = 0;
            // The default context already holds the core (the test references it), so generated code binds to it.
            return AssemblyLoadContext.Default.LoadFromStream(stream);
        }
    }
}
