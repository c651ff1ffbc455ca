using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ScheduleDsl.Testing
{
    /// <summary>The framework assemblies an in-memory compilation references: the running runtime's own <c>System.*</c>,
    /// <c>netstandard</c> and <c>mscorlib</c> (from its trusted platform assemblies), so test compilations see the same
    /// framework as the test. Linked into every test project that compiles C# with Roslyn.</summary>
    internal static class FrameworkReferences
    {
        private static readonly Lazy<MetadataReference[]> All = new(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                    || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray());

        /// <summary>The framework references, then <paramref name="assemblyPaths"/> (ScheduleDsl, TorchSharp...).</summary>
        public static MetadataReference[] With(params string[] assemblyPaths) =>
            All.Value.Concat(assemblyPaths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))).ToArray();
    }
}
