using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using ScheduleDsl.PackageTests.Infrastructure;
using Xunit;

namespace ScheduleDsl.PackageTests.Docs
{
    /// <summary>Docs are tests: every C# block of README.md, the package READMEs and docs/ compiles against the
    /// packed packages (their generator and analyzers included) with no warning, runnable blocks run, and a
    /// block that shows a diagnostic reports exactly the diagnostics its <c>// SDLxxxx</c> comments name.</summary>
    [Collection(PackedFeedCollection.Name)]
    public sealed class DocCodeBlockTests
    {
        /// <summary>What every block may assume: the console template's implicit usings and the library's namespace.</summary>
        public static readonly string[] Prelude =
            { "using System;", "using System.Collections.Generic;", "using System.IO;", "using System.Linq;", "using ScheduleDsl;" };

        private static readonly object CompilerLock = new();
        private static PackedCompiler? s_compiler;
        private readonly PackedFeed _feed;

        public DocCodeBlockTests(PackedFeed feed) => _feed = feed;

        public static TheoryData<string> PagesWithCode()
        {
            var data = new TheoryData<string>();
            foreach (string page in DocBlock.Pages(Repository.Root).Where(p => DocBlock.Read(Repository.Root, p).Count > 0)) data.Add(page);
            return data;
        }

        [Theory]
        [MemberData(nameof(PagesWithCode))]
        public void Every_code_block_compiles_and_shows_exactly_its_diagnostics(string page)
        {
            PackedCompiler compiler = Compiler();
            IReadOnlyList<DocBlock> blocks = DocBlock.Read(Repository.Root, page);

            // Blocks that show no diagnostic: one program per page, no warning at all.
            DocBlock[] clean = blocks.Where(b => b.ExpectedDiagnostics.Count == 0).ToArray();
            if (clean.Length > 0)
            {
                (Compilation output, IReadOnlyList<Diagnostic> diagnostics) = compiler.Compile(clean.Select(b => (page + "#" + b.Index, b.ToSource(Prelude))));
                Assert.True(diagnostics.Count == 0, $"{page}: code blocks report\n" + Describe(diagnostics));
                DocBlock[] runnable = clean.Where(b => b.IsStatements && !b.NoRun).ToArray();
                if (runnable.Length > 0)
                    compiler.Load(output, assembly =>
                    {
                        foreach (DocBlock block in runnable)
                        {
                            MethodInfo run = assembly.GetType("DocTest." + block.MethodClass)!.GetMethod("Run")!;
                            run.Invoke(null, null); // an exception fails the test, naming the block through the stack
                        }
                    });
            }

            // Blocks that show diagnostics: each alone, exactly the (id, line) pairs its comments name.
            foreach (DocBlock block in blocks.Where(b => b.ExpectedDiagnostics.Count > 0))
            {
                (_, IReadOnlyList<Diagnostic> diagnostics) = compiler.Compile(new[] { (page + "#" + block.Index, block.ToSource(Prelude)) });
                var actual = diagnostics.Select(d => (d.Id, Line(d))).OrderBy(x => x.Id, StringComparer.Ordinal).ThenBy(x => x.Item2).ToArray();
                var expected = block.ExpectedDiagnostics.OrderBy(x => x.Id, StringComparer.Ordinal).ThenBy(x => x.Line).ToArray();
                Assert.True(expected.SequenceEqual(actual),
                    $"{block}: expected {string.Join(", ", expected.Select(e => $"{e.Id} on line {e.Line}"))}; reported\n{Describe(diagnostics)}");
            }
        }

        [Fact]
        public void Every_diagnostic_page_shows_its_diagnostic_in_code()
        {
            foreach (string page in Directory.GetFiles(Path.Combine(Repository.Root, "docs", "diagnostics"), "SDL*.md"))
            {
                string id = Path.GetFileNameWithoutExtension(page);
                string relative = Path.GetRelativePath(Repository.Root, page).Replace('\\', '/');
                IReadOnlyList<DocBlock> blocks = DocBlock.Read(Repository.Root, relative);
                if (id == "SDL1009") continue; // reported when the generator itself fails: no code can show it
                if (id == "SDL0016") continue; // reported on an .editorconfig value: its page shows the ini line (the analyzer tests check it)
                Assert.True(blocks.Any(b => b.ExpectedDiagnostics.Any(e => e.Id == id)), $"{relative} has no code block marked // {id}");
            }
        }

        private PackedCompiler Compiler()
        {
            lock (CompilerLock) return s_compiler ??= new PackedCompiler(_feed);
        }

        private static int Line(Diagnostic d) => d.Location.GetMappedLineSpan().StartLinePosition.Line + 1;

        private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
            string.Join("\n", diagnostics.Select(d => $"  {d.Location.GetMappedLineSpan().Path}({Line(d)}): {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
    }
}
