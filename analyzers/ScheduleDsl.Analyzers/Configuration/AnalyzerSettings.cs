using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ScheduleDsl.Analyzers.Configuration
{
    /// <summary>The thresholds users can set in .editorconfig (per file, so per folder too). Severities
    /// need nothing here: <c>dotnet_diagnostic.SDL0001.severity</c> is handled by the compiler.</summary>
    public sealed class AnalyzerSettings
    {
        /// <summary>.editorconfig key of the highest peak rate allowed without warmup (SDL0001).</summary>
        public const string MaxRateWithoutWarmupKey = "scheduledsl.max_rate_without_warmup";

        /// <summary>.editorconfig key of the useless rate, as a fraction of the peak (SDL0008).</summary>
        public const string UselessRateRatioKey = "scheduledsl.useless_rate_ratio";

        /// <summary>.editorconfig key of the share of the horizon that may be spent at a useless rate (SDL0008).</summary>
        public const string WastedFractionKey = "scheduledsl.wasted_fraction";

        /// <summary>.editorconfig key of the rate considered too high anywhere (SDL0009).</summary>
        public const string MaxRateKey = "scheduledsl.max_rate";

        /// <summary>.editorconfig key of the highest peak for adaptive optimizers (SDL0010).</summary>
        public const string MaxAdaptiveRateKey = "scheduledsl.max_adaptive_rate";

        /// <summary>SDL0001 threshold (default 0.1).</summary>
        public double MaxRateWithoutWarmup { get; private set; } = 0.1;

        /// <summary>SDL0008 useless rate over the peak (default 1e-3).</summary>
        public double UselessRateRatio { get; private set; } = 1e-3;

        /// <summary>SDL0008 share of the horizon (default 0.1).</summary>
        public double WastedFraction { get; private set; } = 0.1;

        /// <summary>SDL0009 limit (default 1.0).</summary>
        public double MaxRate { get; private set; } = 1.0;

        /// <summary>SDL0010 limit (default 0.01).</summary>
        public double MaxAdaptiveRate { get; private set; } = 0.01;

        /// <summary>The settings in force for <paramref name="tree"/>; unparsable values keep the default.</summary>
        public static AnalyzerSettings For(AnalyzerOptions options, SyntaxTree tree)
        {
            AnalyzerConfigOptions config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            var settings = new AnalyzerSettings();
            settings.MaxRateWithoutWarmup = Read(config, MaxRateWithoutWarmupKey, settings.MaxRateWithoutWarmup);
            settings.UselessRateRatio = Read(config, UselessRateRatioKey, settings.UselessRateRatio);
            settings.WastedFraction = Read(config, WastedFractionKey, settings.WastedFraction);
            settings.MaxRate = Read(config, MaxRateKey, settings.MaxRate);
            settings.MaxAdaptiveRate = Read(config, MaxAdaptiveRateKey, settings.MaxAdaptiveRate);
            return settings;
        }

        // Invariant culture: .editorconfig is shared by machines with any locale.
        private static double Read(AnalyzerConfigOptions config, string key, double fallback) =>
            config.TryGetValue(key, out string? text)
            && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && !double.IsNaN(value) && !double.IsInfinity(value) && value >= 0
                ? value
                : fallback;
    }
}
