using System;
using CsCheck;

namespace ScheduleDsl.Generator.Tests.Properties
{
    /// <summary>Runs a property on a fixed, reproducible sequence of CsCheck seeds (the same cases on every run);
    /// on a failure CsCheck's own search then shrinks it from the failing seed and reports the smallest case
    /// with its seed (replay it with <c>CsCheck_Seed=...</c>).</summary>
    internal static class Seeded
    {
        public static void Check<T>(Gen<T> gen, Action<T> property, int iterations, ulong seed = 20261202)
        {
            for (int i = 0; i < iterations; i++)
            {
                var pcg = new PCG(1, seed + (ulong)i);
                string caseSeed = pcg.ToString();
                T value = gen.Generate(pcg, null, out _);
                try
                {
                    property(value);
                }
                catch (Exception first)
                {
                    // Shrinks (and throws with the smallest failing case it finds) starting from this seed.
                    gen.Sample(property, seed: caseSeed, iter: 2000, threads: 1);
                    throw new InvalidOperationException($"property failed for seed {caseSeed} (case {i}): {value}", first);
                }
            }
        }
    }
}
