namespace ScheduleDsl
{
    /// <summary>64-bit FNV-1a over UTF-16 code units: the definition fingerprint and the state checksum.
    /// Every step (xor a char, multiply by an odd prime) is a bijection of the running hash, so two texts
    /// of the same length that differ in one character always hash differently.</summary>
    internal static class Fnv1a
    {
        public static ulong Hash(string text, int length)
        {
            ulong hash = 14695981039346656037UL;
            for (int i = 0; i < length; i++)
            {
                hash ^= text[i];
                hash *= 1099511628211UL;
            }
            return hash;
        }

        public static ulong Hash(string text) => Hash(text, text.Length);
    }
}
