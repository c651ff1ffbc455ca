using System.Text;

namespace ScheduleDsl.Generator.Emitting
{
    /// <summary>Writes C# line by line with the current indentation (four spaces per level).</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        /// <summary>Writes one indented line (an empty line without trailing spaces).</summary>
        public SourceWriter Line(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
            return this;
        }

        /// <summary>Writes each line of <paramref name="lines"/> indented.</summary>
        public SourceWriter Lines(string lines)
        {
            foreach (string line in lines.Replace("\r\n", "\n").Split('\n')) Line(line);
            return this;
        }

        /// <summary>Writes <c>{</c> and indents.</summary>
        public SourceWriter Open()
        {
            Line("{");
            _indent++;
            return this;
        }

        /// <summary>Unindents and writes <c>}</c> (plus <paramref name="suffix"/>).</summary>
        public SourceWriter Close(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        /// <inheritdoc/>
        public override string ToString() => _text.ToString();
    }
}
