using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.PackageTests.Infrastructure;

namespace ScheduleDsl.PackageTests.Docs
{
    /// <summary>Compiles C# in memory as a net10.0 project that installed the packed packages would: their
    /// <c>lib/net10.0</c> assemblies as references, the core package's generator and analyzers (loaded from its
    /// <c>analyzers/dotnet/cs</c> folder), TorchSharp and OxyPlot. Much faster than a <c>dotnet build</c> per block.</summary>
    public sealed class PackedCompiler
    {
        private readonly string _libDirectory;
        private readonly ImmutableArray<MetadataReference> _references;
        private readonly ImmutableArray<ISourceGenerator> _generators;
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

        public PackedCompiler(PackedFeed feed)
        {
            string root = Path.Combine(feed.WorkDirectory, "extracted");
            _libDirectory = Path.Combine(root, "lib");
            string analyzerDirectory = Path.Combine(root, "analyzers");
            Directory.CreateDirectory(_libDirectory);
            Directory.CreateDirectory(analyzerDirectory);
            foreach (string id in PackedFeed.PackageIds)
            {
                using ZipArchive package = ZipFile.OpenRead(feed.PackagePath(id));
                foreach (ZipArchiveEntry entry in package.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
                {
                    if (entry.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal))
                        entry.ExtractToFile(Path.Combine(_libDirectory, entry.Name), overwrite: true);
                    else if (entry.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal))
                        entry.ExtractToFile(Path.Combine(analyzerDirectory, entry.Name), overwrite: true);
                }
            }

            // Framework, TorchSharp and OxyPlot from this test's own dependencies; ScheduleDsl* only from the packages.
            string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            _references = tpa.Split(Path.PathSeparator)
                .Where(p => !Path.GetFileName(p).StartsWith("ScheduleDsl", StringComparison.Ordinal))
                .Concat(Directory.GetFiles(_libDirectory, "*.dll"))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToImmutableArray();

            // The compile-time assemblies, loaded as a compiler would (the code fixes need Workspaces: not here).
            var context = new FolderLoadContext(analyzerDirectory, isCollectible: false);
            var types = new[] { "ScheduleDsl.Generator.dll", "ScheduleDsl.Analyzers.dll" }
                .SelectMany(name => context.LoadFromAssemblyPath(Path.Combine(analyzerDirectory, name)).GetTypes())
                .Where(t => !t.IsAbstract && t.IsPublic)
                .ToArray();
            _generators = types.Where(t => typeof(IIncrementalGenerator).IsAssignableFrom(t))
                .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator()).ToImmutableArray();
            _analyzers = types.Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
            if (_generators.IsEmpty || _analyzers.IsEmpty) throw new InvalidOperationException("no generator or analyzer found in the core package");
        }

        /// <summary>Compiles <paramref name="sources"/> (path, text); returns the compilation after generation and
        /// every warning and error (generator, analyzers, compiler).</summary>
        public (Compilation Output, IReadOnlyList<Diagnostic> Diagnostics) Compile(IEnumerable<(string Path, string Text)> sources)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            CSharpCompilation input = CSharpCompilation.Create("DocTest" + Guid.NewGuid().ToString("N"),
                sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, path: s.Path)),
                _references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(_generators, parseOptions: parseOptions)
                .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
            ImmutableArray<Diagnostic> all = output.WithAnalyzers(_analyzers).GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return (output, generatorDiagnostics.Select(d => InSource(d, output)).Concat(all).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray());
        }

        // The generator carries locations as (path, span) values through its pipeline and reports them as file
        // locations; put them back on their syntax tree so #line directives map them into the page.
        private static Diagnostic InSource(Diagnostic diagnostic, Compilation compilation)
        {
            Location location = diagnostic.Location;
            if (location.Kind != LocationKind.ExternalFile) return diagnostic;
            string path = location.GetLineSpan().Path;
            SyntaxTree? tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
            return tree is null ? diagnostic : Diagnostic.Create(diagnostic.Id, diagnostic.Descriptor.Category,
                diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), diagnostic.Severity, diagnostic.DefaultSeverity,
                isEnabledByDefault: true, diagnostic.WarningLevel, location: Location.Create(tree, location.SourceSpan));
        }

        /// <summary>Emits <paramref name="compilation"/> and loads it in a collectible context that resolves
        /// ScheduleDsl* from the packages; <paramref name="use"/> runs with the loaded assembly.</summary>
        public void Load(Compilation compilation, Action<Assembly> use)
        {
            using var image = new MemoryStream();
            var emit = compilation.Emit(image);
            if (!emit.Success) throw new InvalidOperationException(string.Join("\n", emit.Diagnostics));
            image.Position = 0;
            var context = new FolderLoadContext(_libDirectory, isCollectible: true);
            try
            {
                use(context.LoadFromStream(image));
            }
            finally
            {
                context.Unload();
            }
        }

        // Resolves assemblies of one folder; everything else (Roslyn, the framework, TorchSharp) from the default context.
        private sealed class FolderLoadContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public FolderLoadContext(string folder, bool isCollectible) : base(isCollectible) => _folder = folder;

            protected override Assembly? Load(AssemblyName name)
            {
                string path = Path.Combine(_folder, name.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
