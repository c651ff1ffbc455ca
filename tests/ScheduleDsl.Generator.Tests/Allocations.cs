using System;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Allocation checks of generated code in steady state.</summary>
    internal static class Allocations
    {
        /// <summary>The bytes the current thread allocates running <paramref name="run"/>, the least of up to three runs
        /// (stopping at the first that allocates nothing). Code that allocates per step does so in every run; the runtime's
        /// own one-off work on this thread (a method tiered up mid-run on a loaded machine) does not repeat.</summary>
        public static long LeastOfThreeRuns(Action run)
        {
            long least = long.MaxValue;
            for (int attempt = 0; attempt < 3 && least > 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                run();
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return least;
        }
    }
}
