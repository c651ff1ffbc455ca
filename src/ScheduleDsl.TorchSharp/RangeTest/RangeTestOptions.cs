using System;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>How the rate grows from <see cref="RangeTestOptions.StartRate"/> to <see cref="RangeTestOptions.EndRate"/>.</summary>
    public enum RangeTestSpacing
    {
        /// <summary><c>start * (end/start)^(i/(n-1))</c>: evenly spaced on a log axis (fastai, Lightning's default).</summary>
        Exponential,
        /// <summary><c>start + (end-start) * i/(n-1)</c> (Lightning's <c>mode="linear"</c>).</summary>
        Linear,
    }

    /// <summary>Settings of a learning-rate range test. Defaults follow fastai's <c>lr_find</c>
    /// (1e-7 to 10 over 100 batches, stop when the smoothed loss exceeds 4x the best);
    /// <see cref="Lightning"/> gives PyTorch Lightning's (1e-8 to 1, the same 4x threshold).</summary>
    public sealed record RangeTestOptions
    {
        /// <summary>fastai's defaults (the same as <c>new RangeTestOptions()</c>).</summary>
        public static RangeTestOptions Fastai { get; } = new();

        /// <summary>PyTorch Lightning's defaults: 1e-8 to 1 over 100 batches.</summary>
        public static RangeTestOptions Lightning { get; } = new() { StartRate = 1e-8, EndRate = 1.0 };

        /// <summary>Rate of the first batch.</summary>
        public double StartRate { get; init; } = 1e-7;

        /// <summary>Rate of the last batch (reached when the test does not stop early).</summary>
        public double EndRate { get; init; } = 10.0;

        /// <summary>Number of mini-batches (one optimizer step each).</summary>
        public int Iterations { get; init; } = 100;

        /// <summary>Exponential (default) or linear growth.</summary>
        public RangeTestSpacing Spacing { get; init; } = RangeTestSpacing.Exponential;

        /// <summary>Weight of the past in the exponentially smoothed loss (fastai and Lightning: 0.98).</summary>
        public double Smoothing { get; init; } = 0.98;

        /// <summary>Stop once the smoothed loss exceeds this many times the best smoothed loss (4 in fastai and
        /// Lightning); null never stops early except on a NaN or infinite loss.</summary>
        public double? DivergenceThreshold { get; init; } = 4.0;

        /// <summary>Points left out at the start when suggesting a rate (Lightning: 10), where the smoothed loss is still noisy.</summary>
        public int SkipBegin { get; init; } = 10;

        /// <summary>Points left out at the end when suggesting a rate (Lightning: 1).</summary>
        public int SkipEnd { get; init; } = 1;

        /// <summary>Rate of batch <paramref name="i"/>.</summary>
        public double RateAt(int i)
        {
            double pct = Iterations == 1 ? 0.0 : (double)i / (Iterations - 1);
            return Spacing == RangeTestSpacing.Exponential
                ? StartRate * Math.Pow(EndRate / StartRate, pct)
                : StartRate + (EndRate - StartRate) * pct;
        }

        /// <summary>Throws naming the first setting that breaks its rule.</summary>
        public void Validate()
        {
            if (!(StartRate > 0.0) || double.IsInfinity(StartRate))
                throw new ArgumentOutOfRangeException(nameof(StartRate), StartRate, $"StartRate = {Numbers.Format(StartRate)}: must be a finite number > 0.");
            if (!(EndRate > StartRate) || double.IsInfinity(EndRate))
                throw new ArgumentOutOfRangeException(nameof(EndRate), EndRate,
                    $"EndRate = {Numbers.Format(EndRate)}: must be finite and greater than StartRate = {Numbers.Format(StartRate)}.");
            if (Iterations < 2)
                throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, $"Iterations = {Iterations}: must be at least 2.");
            if (!(Smoothing >= 0.0 && Smoothing < 1.0))
                throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, $"Smoothing = {Numbers.Format(Smoothing)}: must be in [0, 1).");
            if (DivergenceThreshold is double k && !(k > 1.0))
                throw new ArgumentOutOfRangeException(nameof(DivergenceThreshold), k, $"DivergenceThreshold = {Numbers.Format(k)}: must be greater than 1.");
            if (SkipBegin < 0)
                throw new ArgumentOutOfRangeException(nameof(SkipBegin), SkipBegin, $"SkipBegin = {SkipBegin}: must be >= 0.");
            if (SkipEnd < 0)
                throw new ArgumentOutOfRangeException(nameof(SkipEnd), SkipEnd, $"SkipEnd = {SkipEnd}: must be >= 0.");
        }
    }
}
