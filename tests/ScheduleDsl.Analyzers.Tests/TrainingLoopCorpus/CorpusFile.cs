using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ScheduleDsl.Analyzers.Tests.TrainingLoopCorpus
{
    /// <summary>One training loop of the corpus (tests/ScheduleDsl.Analyzers.Tests/Corpus) and the diagnostics it is
    /// marked with. A comment on the line where a diagnostic starts marks it:
    /// <c>// expect: SDL0012</c> (the rule must report it), <c>// miss: SDL0013</c> (a real mistake the rule is
    /// known not to catch, a documented limit) or <c>// false-positive: SDL0015</c> (correct code the rule is known
    /// to flag). Several IDs are separated by commas; lines without a mark must get nothing.</summary>
    public sealed record CorpusFile(string Name, string Text)
    {
        public const string SharedName = "_Shared.cs";
        private const string Prefix = "Corpus/";
        private static readonly Regex Mark = new(@"//\s*(expect|miss|false-positive):\s*(SDL\d{4}(?:\s*,\s*SDL\d{4})*)", RegexOptions.CultureInvariant);

        public static IReadOnlyList<CorpusFile> All { get; } = Load();

        /// <summary>The types and schedules every file may use, compiled with each.</summary>
        public static string Shared => Read(Prefix + SharedName);

        public IEnumerable<(int Line, string Id)> Marked(string kind)
        {
            string[] lines = Text.Replace("\r", "").Split('\n');
            for (int i = 0; i < lines.Length; i++)
                foreach (Match match in Mark.Matches(lines[i]))
                    if (match.Groups[1].Value == kind)
                        foreach (string id in match.Groups[2].Value.Split(',')) yield return (i + 1, id.Trim());
        }

        public override string ToString() => Name;

        private static IReadOnlyList<CorpusFile> Load() =>
            typeof(CorpusFile).Assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n != Prefix + SharedName)
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new CorpusFile(n.Substring(Prefix.Length), Read(n)))
                .ToList();

        private static string Read(string resource)
        {
            using Stream stream = typeof(CorpusFile).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException(resource + " is not embedded");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
