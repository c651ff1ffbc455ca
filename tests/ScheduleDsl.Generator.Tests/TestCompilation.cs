using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>In-memory compilations against the running framework and the core assembly.</summary>
    internal static class TestCompilation
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

        private static readonly Lazy<MetadataReference[]> References = new(() =>
        {
            string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            var references = tpa.Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                    || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList();
            references.Add(MetadataReference.CreateFromFile(typeof(LearningRateAttribute).Assembly.Location));
            return references.ToArray();
        });

        public static CSharpCompilation Create(params string[] sources) =>
            CSharpCompilation.Create("Tests" + Guid.NewGuid().ToString("N"),
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public static INamedTypeSymbol Type(Compilation compilation, string metadataName) =>
            compilation.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException(metadataName + " not found");
    }
}
