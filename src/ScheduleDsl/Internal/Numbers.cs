using System.Globalization;

namespace ScheduleDsl
{
    /// <summary>Invariant-culture number text that round-trips exactly (shared by the state format,
    /// the fingerprint and the generated code).</summary>
    public static class Numbers
    {
        /// <summary>Shortest text that parses back to exactly <paramref name="value"/>, in invariant culture.</summary>
        public static string Format(double value)
        {
            // "R" is short but was not always exact on .NET Framework; fall back to G17 there.
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return Parse(text).Equals(value) ? text : value.ToString("G17", CultureInfo.InvariantCulture);
        }

        /// <summary>Parses invariant-culture text written by <see cref="Format"/>.</summary>
        public static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        /// <summary>A C# literal for <paramref name="value"/>: <c>0.1</c>, <c>1E-05</c>, <c>double.NaN</c>...</summary>
        internal static string Literal(double value)
        {
            if (double.IsNaN(value)) return "double.NaN";
            if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
            if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
            string text = Format(value);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }
    }
}
