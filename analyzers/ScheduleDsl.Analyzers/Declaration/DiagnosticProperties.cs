namespace ScheduleDsl.Analyzers.Declaration
{
    /// <summary>Keys of the values the declaration analyzer passes to the code fixes in <c>Diagnostic.Properties</c>
    /// (invariant-culture numbers), so a fix does not recompute what the analyzer knew.</summary>
    public static class DiagnosticProperties
    {
        /// <summary>Suggested warmup length for SDL0001 (absent when none can be suggested).</summary>
        public const string WarmupLength = "WarmupLength";

        /// <summary>The SDL0001 threshold, the rate the "lower the rate" fix writes.</summary>
        public const string MaxRate = "MaxRate";

        /// <summary>The value a core rule suggests for the argument the diagnostic is on (SDL0018: the window bound that closes the gap or overlap).</summary>
        public const string SuggestedValue = "SuggestedValue";
    }
}
