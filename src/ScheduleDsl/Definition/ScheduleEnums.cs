namespace ScheduleDsl
{
    /// <summary>The unit a schedule is declared in. Epoch schedules can still be stepped per batch
    /// when given steps-per-epoch; step schedules are always stepped per optimizer step.</summary>
    public enum TimeUnit
    {
        /// <summary>Time counts epochs (fractional when stepped per batch).</summary>
        Epochs,
        /// <summary>Time counts optimizer steps.</summary>
        Steps,
    }

    /// <summary>What a schedule does once its time passes the declared horizon.</summary>
    public enum PastHorizonPolicy
    {
        /// <summary>Keep the rate reached at the horizon (the default).</summary>
        Hold,
        /// <summary>Throw <see cref="System.InvalidOperationException"/>.</summary>
        Throw,
        /// <summary>Keep evaluating the formulas (e.g. cosine rises again, as PyTorch's closed form does).</summary>
        Continue,
    }

    /// <summary>Whether a plateau metric improves by going down (loss) or up (accuracy).</summary>
    public enum PlateauMode
    {
        /// <summary>Lower is better.</summary>
        Min,
        /// <summary>Higher is better.</summary>
        Max,
    }

    /// <summary>How "better" is measured against the best metric so far, as PyTorch's <c>threshold_mode</c>.</summary>
    public enum ThresholdMode
    {
        /// <summary>Relative: <c>best * (1 -/+ threshold)</c>.</summary>
        Rel,
        /// <summary>Absolute: <c>best -/+ threshold</c>.</summary>
        Abs,
    }
}
