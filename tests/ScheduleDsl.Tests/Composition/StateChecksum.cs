using System.Globalization;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>Independent reference for the state checksum: 64-bit FNV-1a (offset basis 14695981039346656037,
    /// prime 1099511628211) over the UTF-16 code units, written from the published algorithm.</summary>
    internal static class StateChecksum
    {
        public static string Fnv1a(string text)
        {
            ulong hash = 0xcbf29ce484222325UL;
            foreach (char c in text) hash = unchecked((hash ^ c) * 0x100000001b3UL);
            return hash.ToString("x16", CultureInfo.InvariantCulture);
        }

        /// <summary>A version 2 state text with a correct checksum, from its fields.</summary>
        public static string V2(string fields) => $"sdl-state/2 {fields} checksum={Fnv1a("sdl-state/2 " + fields)}";
    }
}
