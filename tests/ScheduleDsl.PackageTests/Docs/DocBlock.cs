using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ScheduleDsl.PackageTests.Docs
{
    /// <summary>One <c>```csharp</c> block of a Markdown page, and how the tests compile it (see README.md,
    /// "Code blocks are tests"):
    /// <list type="bullet">
    /// <item>a block of declarations is a source file; a block of statements becomes the body of a method;</item>
    /// <item>a <c>// SDLxxxx</c> (or <c>// CSxxxx</c>) comment on a line says that diagnostic is reported on that line;
    /// such a block compiles alone and must report exactly those; every other block compiles with the other
    /// blocks of its page and reports no warning at all;</item>
    /// <item>an HTML comment <c>&lt;!-- doc-test ... --&gt;</c> just before the block may hold setup code that stands in
    /// for the reader's own code (members beside a statement block, types beside a declaration block) and the word
    /// <c>no-run</c>; statement blocks without it run.</item>
    /// </list></summary>
    public sealed record DocBlock(string Page, int Index, int FirstLine, string Code, string Setup, bool NoRun)
    {
        private static readonly Regex Marker = new(@"//.*?\b((?:SDL|CS)\d{4})\b", RegexOptions.CultureInvariant);
        private static readonly Regex Declaration = new(
            @"^(\[|namespace\b|(?:(?:public|internal|private|protected|sealed|abstract|static|partial|readonly|file)\s+)*(?:class|struct|record|interface|enum|delegate)\b)",
            RegexOptions.CultureInvariant);

        /// <summary>The pages whose blocks are tests, relative to the repository root.</summary>
        public static IEnumerable<string> Pages(string root) =>
            new[] { "README.md", "src/ScheduleDsl/README.md", "src/ScheduleDsl.TorchSharp/README.md", "src/ScheduleDsl.Plotting/README.md" }
                .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
                    .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                    .OrderBy(p => p, StringComparer.Ordinal));

        /// <summary>Every C# block of <paramref name="page"/>.</summary>
        public static IReadOnlyList<DocBlock> Read(string root, string page)
        {
            string[] lines = File.ReadAllLines(Path.Combine(root, page));
            var blocks = new List<DocBlock>();
            for (int i = 0; i < lines.Length; i++)
            {
                string fence = lines[i].Trim();
                if (fence != "```csharp" && fence != "```cs" && fence != "```c#") continue;
                var code = new List<string>();
                int first = i + 2; // 1-based line of the block's first code line
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++) code.Add(lines[i]);
                (string setup, bool noRun) = SetupBefore(lines, first - 2);
                blocks.Add(new DocBlock(page, blocks.Count, first, string.Join("\n", code), setup, noRun));
            }
            return blocks;
        }

        // The <!-- doc-test ... --> comment ending on the line just above the fence (blank lines allowed).
        private static (string Setup, bool NoRun) SetupBefore(string[] lines, int fenceIndex)
        {
            int end = fenceIndex - 1;
            while (end >= 0 && lines[end].Trim().Length == 0) end--;
            if (end < 0 || !lines[end].TrimEnd().EndsWith("-->", StringComparison.Ordinal)) return ("", false);
            int start = end;
            while (start >= 0 && !lines[start].Contains("<!--", StringComparison.Ordinal)) start--;
            if (start < 0 || !lines[start].Contains("<!-- doc-test", StringComparison.Ordinal)) return ("", false);
            string text = string.Join("\n", lines[start..(end + 1)]);
            text = text.Substring(text.IndexOf("<!-- doc-test", StringComparison.Ordinal) + "<!-- doc-test".Length);
            text = text.Substring(0, text.LastIndexOf("-->", StringComparison.Ordinal));
            bool noRun = Regex.IsMatch(text, @"^\s*no-run\b", RegexOptions.CultureInvariant);
            if (noRun) text = Regex.Replace(text, @"^\s*no-run\b", "", RegexOptions.CultureInvariant);
            return (text.Trim(), noRun);
        }

        /// <summary>The diagnostics the block says it shows: (id, 1-based line of the page).</summary>
        public IReadOnlyList<(string Id, int Line)> ExpectedDiagnostics =>
            Lines().SelectMany((l, i) => Marker.Matches(l).Select(m => (m.Groups[1].Value, FirstLine + i))).ToArray();

        /// <summary>True when the block is statements (wrapped in a method), false for declarations.</summary>
        public bool IsStatements
        {
            get
            {
                foreach (string line in Body().Select(b => b.Text.Trim()))
                {
                    if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
                    return !Declaration.IsMatch(line);
                }
                return false;
            }
        }

        /// <summary>Short name for test output: page and block number.</summary>
        public override string ToString() => $"{Page} block {Index + 1} (line {FirstLine})";

        /// <summary>The C# file the block compiles as, with <c>#line</c> directives pointing into the page.</summary>
        public string ToSource(IEnumerable<string> preludeUsings, string namespaceName = "DocTest")
        {
            var usings = new HashSet<string>(preludeUsings, StringComparer.Ordinal);
            var text = new StringBuilder();
            foreach (string u in usings) text.Append(u).Append('\n');
            string path = Page.Replace("\\", "/");
            string[] lines = Lines();
            int bodyStart = 0;
            for (; bodyStart < lines.Length; bodyStart++)
            {
                string trimmed = lines[bodyStart].Trim();
                if (trimmed.Length == 0) continue;
                if (!IsUsingDirective(trimmed)) break;
                if (usings.Add(trimmed)) text.Append($"#line {FirstLine + bodyStart} \"{path}\"\n").Append(lines[bodyStart]).Append('\n');
            }
            // Setup: its using directives go with the block's, the rest beside the block.
            string[] setupLines = Setup.Split('\n');
            foreach (string u in setupLines.Where(l => IsUsingDirective(l.Trim())))
                if (usings.Add(u.Trim())) text.Append(u.Trim()).Append('\n');
            string setup = string.Join("\n", setupLines.Where(l => !IsUsingDirective(l.Trim())));
            text.Append("#line default\n");
            text.Append("namespace ").Append(namespaceName).Append("\n{\n");
            string body = $"#line {FirstLine + bodyStart} \"{path}\"\n" + string.Join("\n", lines.Skip(bodyStart)) + "\n#line default\n";
            if (IsStatements)
            {
                text.Append($"internal static partial class {MethodClass}\n{{\n{setup}\npublic static void Run()\n{{\n{body}}}\n}}\n");
            }
            else
            {
                text.Append(body).Append(setup).Append('\n');
            }
            return text.Append("}\n").ToString();
        }

        /// <summary>The class holding a statement block's <c>Run</c> method.</summary>
        public string MethodClass => "Block" + (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private string[] Lines() => Code.Split('\n');

        private IEnumerable<(int Index, string Text)> Body() =>
            Lines().Select((l, i) => (i, l)).SkipWhile(l => l.Item2.Trim().Length == 0 || IsUsingDirective(l.Item2.Trim()));

        private static bool IsUsingDirective(string line) =>
            line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal)
            && !line.StartsWith("using (", StringComparison.Ordinal) && line.EndsWith(";", StringComparison.Ordinal)
            && !line.Contains('=', StringComparison.Ordinal) || line.StartsWith("using static ", StringComparison.Ordinal);
    }
}
