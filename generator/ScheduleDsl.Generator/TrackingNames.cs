namespace ScheduleDsl.Generator
{
    /// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
    internal static class TrackingNames
    {
        /// <summary>A marked type read into a model and its diagnostics.</summary>
        public const string Parse = nameof(Parse);
        /// <summary>The models of the types to generate.</summary>
        public const string Schedules = nameof(Schedules);
        /// <summary>The diagnostics of every marked type.</summary>
        public const string Diagnostics = nameof(Diagnostics);
    }
}
