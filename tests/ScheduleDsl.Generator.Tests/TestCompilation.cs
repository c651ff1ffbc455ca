using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Testing;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>In-memory compilations against the running framework and the core assembly.</summary>
    internal static class TestCompilation
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

        private static readonly Lazy<MetadataReference[]> References =
            new(() => FrameworkReferences.With(typeof(LearningRateAttribute).Assembly.Location));

        public static CSharpCompilation Create(params string[] sources) =>
            CSharpCompilation.Create("Tests" + Guid.NewGuid().ToString("N"),
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public static INamedTypeSymbol Type(Compilation compilation, string metadataName) =>
            compilation.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException(metadataName + " not found");
    }
}
