using System.Collections.Generic;
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

        /// <summary>.editorconfig key of the highest weight decay before SDL0021 warns.</summary>
        public const string MaxWeightDecayKey = "scheduledsl.max_weight_decay";

        /// <summary>.editorconfig key of the lowest EMA decay before SDL0021 warns.</summary>
        public const string MinEmaDecayKey = "scheduledsl.min_ema_decay";

        /// <summary>.editorconfig key of the lowest momentum before SDL0021 warns.</summary>
        public const string MinMomentumKey = "scheduledsl.min_momentum";

        /// <summary>.editorconfig key of the highest momentum before SDL0021 warns.</summary>
        public const string MaxMomentumKey = "scheduledsl.max_momentum";

        /// <summary>.editorconfig key of the SDL0001 fix offered first, the one <c>dotnet format</c> applies.</summary>
        public const string HighRateFixKey = "scheduledsl.high_rate_fix";

        /// <summary><see cref="HighRateFixKey"/> value: add a warmup (the default).</summary>
        public const string AddWarmupFix = "add_warmup";

        /// <summary><see cref="HighRateFixKey"/> value: lower the peak rate to the threshold.</summary>
        public const string LowerRateFix = "lower_rate";

        /// <summary>Values that could not be read, each with its key and why (SDL0016); their defaults are in force.</summary>
        public IReadOnlyList<(string Key, string Value, string Expected, string Default)> Unreadable => _unreadable;

        private readonly List<(string Key, string Value, string Expected, string Default)> _unreadable = new();

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

        /// <summary>SDL0021 highest weight decay (default 0.5: DINO's 0.4 passes).</summary>
        public double MaxWeightDecay { get; private set; } = 0.5;

        /// <summary>SDL0021 lowest EMA decay (default 0.9).</summary>
        public double MinEmaDecay { get; private set; } = 0.9;

        /// <summary>SDL0021 lowest momentum (default 0.5).</summary>
        public double MinMomentum { get; private set; } = 0.5;

        /// <summary>SDL0021 highest momentum (default 0.999).</summary>
        public double MaxMomentum { get; private set; } = 0.999;

        /// <summary>The settings in force for <paramref name="tree"/>; unreadable values keep the default and are listed in <see cref="Unreadable"/>.</summary>
        public static AnalyzerSettings For(AnalyzerOptions options, SyntaxTree tree)
        {
            AnalyzerConfigOptions config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            var settings = new AnalyzerSettings();
            settings.MaxRateWithoutWarmup = settings.Read(config, MaxRateWithoutWarmupKey, settings.MaxRateWithoutWarmup);
            settings.UselessRateRatio = settings.Read(config, UselessRateRatioKey, settings.UselessRateRatio);
            settings.WastedFraction = settings.Read(config, WastedFractionKey, settings.WastedFraction);
            settings.MaxRate = settings.Read(config, MaxRateKey, settings.MaxRate);
            settings.MaxAdaptiveRate = settings.Read(config, MaxAdaptiveRateKey, settings.MaxAdaptiveRate);
            settings.MaxWeightDecay = settings.Read(config, MaxWeightDecayKey, settings.MaxWeightDecay);
            settings.MinEmaDecay = settings.Read(config, MinEmaDecayKey, settings.MinEmaDecay);
            settings.MinMomentum = settings.Read(config, MinMomentumKey, settings.MinMomentum);
            settings.MaxMomentum = settings.Read(config, MaxMomentumKey, settings.MaxMomentum);
            if (config.TryGetValue(HighRateFixKey, out string? fix) && fix.Trim() is not (AddWarmupFix or LowerRateFix))
                settings._unreadable.Add((HighRateFixKey, fix, $"{AddWarmupFix} or {LowerRateFix}", AddWarmupFix));
            return settings;
        }

        // Invariant culture: .editorconfig is shared by machines with any locale.
        private double Read(AnalyzerConfigOptions config, string key, double fallback)
        {
            if (!config.TryGetValue(key, out string? text)) return fallback;
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && !double.IsNaN(value) && !double.IsInfinity(value) && value >= 0)
                return value;
            _unreadable.Add((key, text, "a finite number >= 0 written with a '.' (invariant culture)", fallback.ToString("R", CultureInfo.InvariantCulture)));
            return fallback;
        }
    }
}
