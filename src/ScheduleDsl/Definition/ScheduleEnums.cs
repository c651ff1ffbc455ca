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

    /// <summary>How the absolute rates of a definition (<c>MinLr</c>, <c>EndLr</c>, <c>BaseLr</c>, piecewise <c>Values</c>,
    /// plateau <c>MinLr</c>/<c>Eps</c>, <c>[Floor]</c>) apply to a parameter group whose base rate is not the peak.</summary>
    public enum MinimumScaling
    {
        /// <summary>Scaled with the group: each absolute rate is a factor of the peak, so a group at half the peak
        /// anneals to half the minimum (every group follows the same curve of factors; the default).</summary>
        Scaled,
        /// <summary>The same absolute rate for every group, as PyTorch's <c>eta_min</c>, <c>min_lr</c>, <c>end_lr</c>:
        /// a group is evaluated with its own base rate in place of the peak (<c>lr = eta_min + (base - eta_min) * c</c>).</summary>
        Absolute,
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
