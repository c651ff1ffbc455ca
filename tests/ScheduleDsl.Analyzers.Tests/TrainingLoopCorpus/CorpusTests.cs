using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ScheduleDsl.Analyzers.Tests.TrainingLoopCorpus
{
    /// <summary>The usage rules (SDL0012-SDL0015) and the curve rules (SDL0001, SDL0020, SDL0021) on a corpus of realistic
    /// training loops and their schedule declarations: every file gets exactly
    /// the diagnostics it is marked with, and the per-rule precision and recall in docs/diagnostics/README.md are
    /// the ones the marks give.</summary>
    public class CorpusTests
    {
        private static readonly string[] Rules = { "SDL0001", "SDL0012", "SDL0013", "SDL0014", "SDL0015", "SDL0020", "SDL0021" };
        private const string TableStart = "<!-- corpus-table:start -->";
        private const string TableEnd = "<!-- corpus-table:end -->";

        public static TheoryData<string> Files()
        {
            var data = new TheoryData<string>();
            foreach (CorpusFile file in CorpusFile.All) data.Add(file.Name);
            return data;
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void File_gets_exactly_its_marked_diagnostics(string name)
        {
            CorpusFile file = CorpusFile.All.Single(f => f.Name == name);
            var actual = Reported(file);
            var expected = file.Marked("expect").Concat(file.Marked("false-positive")).ToHashSet();
            Assert.Equal(Show(expected), Show(actual));
            foreach (var miss in file.Marked("miss")) Assert.DoesNotContain(miss, actual);
        }

        [Fact]
        public void Corpus_is_large_and_varied_enough()
        {
            Assert.True(CorpusFile.All.Count >= 40, $"{CorpusFile.All.Count} files");
            int clean = CorpusFile.All.Count(f => !f.Marked("expect").Any() && !f.Marked("miss").Any());
            Assert.True(clean >= 15, $"{clean} clean files");
            foreach (string rule in Rules)
                Assert.True(CorpusFile.All.Count(f => f.Marked("expect").Any(m => m.Id == rule)) >= 3, rule + " is marked in fewer than 3 files");
        }

        [Fact]
        public void Precision_and_recall_table_in_the_docs_is_the_corpus_one()
        {
            string table = Table();
            string root = typeof(CorpusTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Repository.Root").Value!;
            string docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", "README.md")).Replace("\r", "");
            int start = docs.IndexOf(TableStart, StringComparison.Ordinal);
            int end = docs.IndexOf(TableEnd, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, "docs/diagnostics/README.md has no corpus table markers");
            string documented = docs.Substring(start + TableStart.Length, end - start - TableStart.Length).Trim();
            // SDL_UPDATE_DOCS=1 rewrites the table (then review the diff); otherwise the docs must already say it.
            if (documented != table && Environment.GetEnvironmentVariable("SDL_UPDATE_DOCS") == "1")
            {
                File.WriteAllText(Path.Combine(root, "docs", "diagnostics", "README.md"),
                    docs.Substring(0, start + TableStart.Length) + "\n" + table + "\n" + docs.Substring(end));
                return;
            }
            Assert.Equal(table, documented);
        }

        /// <summary>The table from the marks (the file tests above check the marks are what the analyzer does).</summary>
        private static string Table()
        {
            var text = new StringBuilder();
            text.Append("| rule | files marked | detections (TP) | false positives (FP) | known misses (FN) | precision | recall |\n");
            text.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
            foreach (string rule in Rules)
            {
                int tp = Count("expect", rule), fp = Count("false-positive", rule), fn = Count("miss", rule);
                int files = CorpusFile.All.Count(f => f.Marked("expect").Concat(f.Marked("false-positive")).Concat(f.Marked("miss")).Any(m => m.Id == rule));
                text.Append(CultureInfo.InvariantCulture, $"| {rule} | {files} | {tp} | {fp} | {fn} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fn)} |\n");
            }
            int clean = CorpusFile.All.Count(f => !f.Marked("expect").Any() && !f.Marked("miss").Any());
            text.Append(CultureInfo.InvariantCulture, $"\n{CorpusFile.All.Count} files, {clean} of them clean (correct loops that must get nothing).");
            return text.ToString();
        }

        private static int Count(string kind, string rule) => CorpusFile.All.Sum(f => f.Marked(kind).Count(m => m.Id == rule));

        private static string Ratio(int part, int whole) =>
            whole == 0 ? "n/a" : ((double)part / whole).ToString("0.00", CultureInfo.InvariantCulture);

        private static HashSet<(int Line, string Id)> Reported(CorpusFile file) =>
            CorpusCompiler.Analyze(file)
                .Where(d => d.Location.SourceTree?.FilePath == file.Name)
                .Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
                .ToHashSet();

        private static string Show(IEnumerable<(int Line, string Id)> marks) =>
            string.Join(", ", marks.OrderBy(m => m.Line).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => $"{m.Id}@{m.Line}"));
    }
}
