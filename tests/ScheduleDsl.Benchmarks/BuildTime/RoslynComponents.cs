using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary>The generator and analyzers, loaded as the compiler loads them: from their own folder
    /// (roslyn/, copied at build) through <see cref="AnalyzerFileReference"/> into a separate load context,
    /// with Roslyn itself shared from the host. Their netstandard2.0 core thus sits beside the net10.0 core
    /// the per-step suite runs on.</summary>
    internal static class RoslynComponents
    {
        private static readonly Lazy<(ImmutableArray<ISourceGenerator> Generators, ImmutableArray<DiagnosticAnalyzer> Analyzers)> Loaded = new(Load);

        public static ImmutableArray<ISourceGenerator> Generators => Loaded.Value.Generators;

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers => Loaded.Value.Analyzers;

        private static (ImmutableArray<ISourceGenerator>, ImmutableArray<DiagnosticAnalyzer>) Load()
        {
            string folder = Path.Combine(AppContext.BaseDirectory, "roslyn");
            var loader = new IsolatedLoader(folder);
            var references = new[] { "ScheduleDsl.Generator.dll", "ScheduleDsl.Analyzers.dll" }
                .Select(name => new AnalyzerFileReference(Path.Combine(folder, name), loader))
                .ToArray();
            var generators = references.SelectMany(r => r.GetGenerators(LanguageNames.CSharp)).ToImmutableArray();
            var analyzers = references.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
            if (generators.Length != 1 || analyzers.IsEmpty)
                throw new InvalidOperationException($"{folder}: expected the schedule generator and the analyzers, found {generators.Length} generators and {analyzers.Length} analyzers.");
            return (generators, analyzers);
        }

        /// <summary>Loads ScheduleDsl* from the components' folder and lets everything else (Roslyn, the BCL) come from the host.</summary>
        private sealed class IsolatedLoader : AssemblyLoadContext, IAnalyzerAssemblyLoader
        {
            private readonly string _folder;

            public IsolatedLoader(string folder) : base("ScheduleDsl analyzers") => _folder = folder;

            public void AddDependencyLocation(string fullPath) { }

            public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                string path = Path.Combine(_folder, assemblyName.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
