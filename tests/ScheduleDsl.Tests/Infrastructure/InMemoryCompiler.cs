using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using ScheduleDsl.Definition;
using ScheduleDsl.Testing;
using Xunit.Sdk;

namespace ScheduleDsl.Tests.Infrastructure
{
    /// <summary>Compiles C# the core writes for generated code (terms' calls, records' construction code) against the
    /// running core assembly and loads it. Compiled afresh in every test, never cached: a mutation tool that reuses the
    /// test host changes the text from one run to the next.</summary>
    internal static class InMemoryCompiler
    {
        /// <summary>Compiles <paramref name="source"/> as C# 7.3, the oldest language version generated code supports,
        /// failing with every error and the source when it does not compile.</summary>
        public static Assembly Compile(string source)
        {
            MetadataReference[] references = FrameworkReferences.With(typeof(ScheduleDefinition).Assembly.Location);
            CSharpCompilation compilation = CSharpCompilation.Create("CoreText" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp7_3)) },
                references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            EmitResult result = compilation.Emit(image);
            if (!result.Success)
                throw new XunitException("The core's C# does not compile:\n"
                    + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);
            return Assembly.Load(image.ToArray());
        }
    }
}
