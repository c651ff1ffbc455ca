using System;
using ScheduleDsl.Families;

// The attribute DSL. Each attribute declares one part of a ScheduleDefinition; the source generator
// reads them (in declaration order) into the core's records, so defaults and rules live in the core.
// Required knobs are constructor arguments, optional ones named properties. Optional lengths left
// unset default to what the horizon leaves after warmup and hold.
namespace ScheduleDsl
{
    /// <summary>Peak learning rate of the schedule (the base rate multiplicative shapes scale, the
    /// <c>max_lr</c> of cyclic and one-cycle). Marks the class for generation; the class must be
    /// <c>partial</c>. Time is declared with <see cref="EpochsAttribute"/> or <see cref="StepsAttribute"/>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class LearningRateAttribute : Attribute
    {
        /// <param name="rate">Peak rate, finite and greater than 0 (adaptive optimizers usually use 0.001).</param>
        public LearningRateAttribute(double rate) => Rate = rate;

        /// <summary>Peak rate.</summary>
        public double Rate { get; }

        /// <summary>How absolute rates (<c>MinLr</c>, <c>EndLr</c>, <c>BaseLr</c>, <c>[Floor]</c>...) apply to parameter groups
        /// whose base rate is not the peak: scaled with the group (default) or the same absolute value for every group, as PyTorch.</summary>
        public MinimumScaling Minimums { get; set; } = MinimumScaling.Scaled;
    }

    /// <summary>The schedule is declared in epochs, optionally with its horizon.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class EpochsAttribute : Attribute
    {
        /// <summary>Declared in epochs, without a horizon (only shapes that need none).</summary>
        public EpochsAttribute() => Count = double.NaN;

        /// <param name="count">Number of epochs of training (the horizon).</param>
        public EpochsAttribute(double count) => Count = count;

        /// <summary>Horizon in epochs; NaN when not declared.</summary>
        public double Count { get; }
    }

    /// <summary>The schedule is declared in optimizer steps, optionally with its horizon.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class StepsAttribute : Attribute
    {
        /// <summary>Declared in steps, without a horizon (only shapes that need none).</summary>
        public StepsAttribute() => Count = -1;

        /// <param name="count">Total optimizer steps (the horizon).</param>
        public StepsAttribute(long count) => Count = count;

        /// <summary>Horizon in steps; -1 when not declared.</summary>
        public long Count { get; }
    }

    /// <summary>Lowest rate the schedule ever returns; applied last, after every shape and plateau reduction.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class FloorAttribute : Attribute
    {
        /// <param name="rate">Floor, between 0 and the peak.</param>
        public FloorAttribute(double rate) => Rate = rate;

        /// <summary>The floor.</summary>
        public double Rate { get; }
    }

    /// <summary>What happens once time passes the horizon (default: hold the final rate).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class PastHorizonAttribute : Attribute
    {
        /// <param name="policy">Hold, throw, or continue the formulas.</param>
        public PastHorizonAttribute(PastHorizonPolicy policy) => Policy = policy;

        /// <summary>The policy.</summary>
        public PastHorizonPolicy Policy { get; }
    }

    /// <summary>A schedule component: any of them may be given a window in schedule time with <see cref="From"/> and
    /// <see cref="Until"/> (in the declared unit), e.g. <c>[Exponential(0.8, Until = 3)] [StepDecay(4, From = 3)]</c>
    /// (PyTorch <c>SequentialLR</c> with milestone 3). A windowed component runs on its own time <c>t - From</c>
    /// (plus <see cref="StartAt"/>)
    /// and contributes factor 1 outside <c>[From, Until)</c>; components active at the same time multiply. Without
    /// a window a component keeps its default place (warmup/hold first, shapes after them, see docs/schedule-semantics.md).</summary>
    public abstract class ComponentAttribute : Attribute
    {
        private protected ComponentAttribute() { }

        /// <summary>Start of the component's window (inclusive), in the schedule's unit; written only to give a window.</summary>
        public double From { get; set; }

        /// <summary>End of the component's window (exclusive), in the schedule's unit; written only to give a window.</summary>
        public double Until { get; set; } = double.PositiveInfinity;

        /// <summary>The component's own time at <see cref="From"/> (default 0; finite, at least 0; needs a window, and
        /// not on a warmup or hold): inside the window it runs on <c>t - From + StartAt</c>. A PyTorch scheduler built
        /// before its <c>SequentialLR</c> phase starts has already taken its step 0, so it enters at its epoch 1:
        /// <c>[Cyclic(0.1, 1, MaxLr = 0.3, From = 21, StartAt = 1)]</c>.</summary>
        public double StartAt { get; set; }
    }

    /// <summary>Warmup prefix: <c>start + (1 - start) * t / length</c> (linear; PyTorch <c>LinearLR</c>,
    /// Hugging Face warmup), or cosine, exponential (<c>start^(1 - t/length)</c>) or constant
    /// (<c>start</c>; PyTorch <c>ConstantLR</c>). Runs before the shapes, in declaration order.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class WarmupAttribute : ComponentAttribute
    {
        /// <param name="length">Warmup length in the schedule's unit, greater than 0.</param>
        public WarmupAttribute(double length) => Length = length;

        /// <summary>Warmup length.</summary>
        public double Length { get; }

        /// <summary>Ramp curve (default linear).</summary>
        public WarmupKind Kind { get; set; } = WarmupKind.Linear;

        /// <summary>Factor of the peak at the start, in [0, 1] (default 0; exponential needs more than 0).</summary>
        public double StartFactor { get; set; }
    }

    /// <summary>Hold prefix: the peak rate for <c>length</c> (the stable phase of warmup-stable-decay).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class HoldAttribute : ComponentAttribute
    {
        /// <param name="length">Hold length, greater than 0.</param>
        public HoldAttribute(double length) => Length = length;

        /// <summary>Hold length.</summary>
        public double Length { get; }
    }

    /// <summary>Step decay, PyTorch <c>StepLR</c>: <c>gamma^floor(t / stepSize)</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class StepDecayAttribute : ComponentAttribute
    {
        /// <param name="stepSize">Period between decays, greater than 0.</param>
        /// <param name="gamma">Multiplier per period, greater than 0 (PyTorch's default 0.1).</param>
        public StepDecayAttribute(double stepSize, double gamma = 0.1)
        {
            StepSize = stepSize;
            Gamma = gamma;
        }

        /// <summary>Period between decays.</summary>
        public double StepSize { get; }

        /// <summary>Multiplier per period.</summary>
        public double Gamma { get; }
    }

    /// <summary>Multi-step decay, PyTorch <c>MultiStepLR</c>: <c>gamma^(milestones passed)</c>; a repeated
    /// milestone applies gamma twice.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class MultiStepAttribute : ComponentAttribute
    {
        /// <param name="milestones">Non-decreasing times (since warmup/hold ended) at which to decay.</param>
        public MultiStepAttribute(params double[] milestones) => Milestones = milestones;

        /// <summary>Decay times.</summary>
        public double[] Milestones { get; }

        /// <summary>Multiplier per milestone (default 0.1).</summary>
        public double Gamma { get; set; } = 0.1;
    }

    /// <summary>PyTorch <c>ConstantLR</c> as an ordinary factor: <c>Factor</c> for <see cref="TotalIters"/>, then 1.
    /// Multiplies the other shapes, or runs in its window (<c>From</c>/<c>Until</c>).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class ConstantFactorAttribute : ComponentAttribute
    {
        /// <param name="factor">Factor of the peak, between 0 and 1 (PyTorch <c>factor</c>).</param>
        public ConstantFactorAttribute(double factor) => Factor = factor;

        /// <summary>Factor of the peak while it applies.</summary>
        public double Factor { get; }

        /// <summary>How long the factor applies, greater than 0 (PyTorch <c>total_iters</c>, default 5).</summary>
        public double TotalIters { get; set; } = 5.0;
    }

    /// <summary>PyTorch <c>LinearLR</c> as an ordinary factor: <c>start + (end - start) * min(t, TotalIters) / TotalIters</c>,
    /// rising or falling, ending at any factor in [0, 1]. Multiplies the other shapes, or runs in its window.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class LinearFactorAttribute : ComponentAttribute
    {
        /// <param name="startFactor">Factor at the start, greater than 0 and at most 1 (PyTorch <c>start_factor</c>).</param>
        public LinearFactorAttribute(double startFactor) => StartFactor = startFactor;

        /// <summary>Factor at the start.</summary>
        public double StartFactor { get; }

        /// <summary>Factor reached at <see cref="TotalIters"/> and kept after, between 0 and 1 (PyTorch <c>end_factor</c>, default 1).</summary>
        public double EndFactor { get; set; } = 1.0;

        /// <summary>Length of the ramp, greater than 0 (PyTorch <c>total_iters</c>, default 5).</summary>
        public double TotalIters { get; set; } = 5.0;
    }

    /// <summary>Exponential decay: PyTorch <c>ExponentialLR</c> (<c>gamma^t</c>) and Keras
    /// <c>ExponentialDecay</c> (<c>gamma^(t / DecaySteps)</c>, floored when <see cref="Staircase"/>).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class ExponentialAttribute : ComponentAttribute
    {
        /// <param name="gamma">Multiplier per <see cref="DecaySteps"/>, greater than 0.</param>
        public ExponentialAttribute(double gamma) => Gamma = gamma;

        /// <summary>Multiplier per decay period.</summary>
        public double Gamma { get; }

        /// <summary>Decay period (default 1).</summary>
        public double DecaySteps { get; set; } = 1.0;

        /// <summary>Decay in whole periods only (Keras <c>staircase</c>).</summary>
        public bool Staircase { get; set; }
    }

    /// <summary>Polynomial decay, PyTorch <c>PolynomialLR</c> / Keras <c>PolynomialDecay</c>:
    /// <c>(peak - end) * (1 - min(t, T)/T)^power + end</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class PolynomialAttribute : ComponentAttribute
    {
        /// <summary>Exponent (default 1: linear).</summary>
        public double Power { get; set; } = 1.0;

        /// <summary>Rate reached at the end (default 0).</summary>
        public double EndLr { get; set; }

        /// <summary>Value reached at the end, the spelling of <see cref="EndLr"/> for any hyperparameter; above the base value
        /// (not for a learning rate) the curve rises to it. Declare one of the two.</summary>
        public double EndValue { get; set; } = double.NaN;

        /// <summary>Decay length T; not set: what the horizon leaves after warmup and hold.</summary>
        public double TotalIters { get; set; } = double.NaN;
    }

    /// <summary>Inverse-time (time-based) decay, Keras <c>InverseTimeDecay</c>: <c>1 / (1 + rate * t / DecaySteps)</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class InverseTimeAttribute : ComponentAttribute
    {
        /// <param name="decayRate">Decay rate, 0 or more.</param>
        public InverseTimeAttribute(double decayRate) => DecayRate = decayRate;

        /// <summary>Decay rate.</summary>
        public double DecayRate { get; }

        /// <summary>Decay period (default 1).</summary>
        public double DecaySteps { get; set; } = 1.0;

        /// <summary>Decay in whole periods only.</summary>
        public bool Staircase { get; set; }
    }

    /// <summary>Inverse square root, Hugging Face <c>get_inverse_sqrt_schedule</c>: <c>1 / sqrt((t + timescale) / timescale)</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class InverseSqrtAttribute : ComponentAttribute
    {
        /// <summary>Timescale; not set: the warmup length, or 10000 without warmup (as Hugging Face).</summary>
        public double Timescale { get; set; } = double.NaN;
    }

    /// <summary>Linear decay, PyTorch <c>LinearLR</c>: <c>start + (end - start) * min(t, T) / T</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class LinearDecayAttribute : ComponentAttribute
    {
        /// <summary>Factor at the start (default 1).</summary>
        public double StartFactor { get; set; } = 1.0;

        /// <summary>Factor at the end (default 0).</summary>
        public double EndFactor { get; set; }

        /// <summary>Value reached at the end, absolute (for any hyperparameter, e.g. a weight decay from 0.04 to 0.4): the end factor
        /// is <c>EndValue / base</c>. Declare it or <see cref="EndFactor"/>.</summary>
        public double EndValue { get; set; } = double.NaN;

        /// <summary>Decay length T; not set: what the horizon leaves after warmup and hold.</summary>
        public double TotalIters { get; set; } = double.NaN;
    }

    /// <summary>Cosine annealing, PyTorch <c>CosineAnnealingLR</c>: <c>min + (peak - min) * (1 + cos(pi t / T)) / 2</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class CosineAttribute : ComponentAttribute
    {
        /// <summary>Rate at the end (PyTorch <c>eta_min</c>, default 0).</summary>
        public double MinLr { get; set; }

        /// <summary>Value at the end, the spelling of <see cref="MinLr"/> for any hyperparameter: <c>end + (base - end)(1 + cos(pi t / T)) / 2</c>;
        /// above the base value (an EMA decay from 0.996 to 1) the cosine rises. Declare one of the two.</summary>
        public double EndValue { get; set; } = double.NaN;

        /// <summary>Half-period T (PyTorch <c>T_max</c>); not set: what the horizon leaves after warmup and hold.</summary>
        public double Period { get; set; } = double.NaN;
    }

    /// <summary>Cosine annealing with warm restarts, PyTorch <c>CosineAnnealingWarmRestarts</c>; optionally each cycle
    /// decayed (timm <c>cycle_decay</c>, Keras <c>m_mul</c>) and a limit on the number of cycles (timm <c>cycle_limit</c>).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class CosineRestartsAttribute : ComponentAttribute
    {
        /// <param name="t0">Length of the first period, greater than 0.</param>
        public CosineRestartsAttribute(double t0) => T0 = t0;

        /// <summary>Length of the first period.</summary>
        public double T0 { get; }

        /// <summary>Growth of each period (integer, default 1).</summary>
        public int TMult { get; set; } = 1;

        /// <summary>Rate at the end of each period (default 0).</summary>
        public double MinLr { get; set; }

        /// <summary>Value at the end of each period, the spelling of <see cref="MinLr"/> for any hyperparameter (at most the base value).
        /// Declare one of the two.</summary>
        public double EndValue { get; set; } = double.NaN;

        /// <summary>Shrinks cycle <c>i</c> (from 0) by <c>Decay^i</c>, in [0, 1] (default 1: no decay; timm <c>cycle_decay</c>,
        /// Keras <c>m_mul</c>).</summary>
        public double Decay { get; set; } = 1.0;

        /// <summary>What <see cref="Decay"/> shrinks: the cycle's top rate (timm, default) or its amplitude above the minimum (Keras).</summary>
        public RestartDecayMode DecayMode { get; set; } = RestartDecayMode.Peak;

        /// <summary>After this many cycles the rate stays at <see cref="MinLr"/> (timm <c>cycle_limit</c>); 0 (default): no limit.</summary>
        public int CycleLimit { get; set; }
    }

    /// <summary>Cyclical rate, PyTorch <c>CyclicLR</c>: from <c>baseLr</c> up to the peak (or <see cref="MaxLr"/>) in <c>stepSizeUp</c>
    /// and back in <see cref="StepSizeDown"/>; amplitude per <see cref="Mode"/>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class CyclicAttribute : ComponentAttribute
    {
        /// <param name="baseLr">Lower bound of the cycle, between 0 and the peak (or <see cref="MaxLr"/>).</param>
        /// <param name="stepSizeUp">Rising half length, greater than 0.</param>
        public CyclicAttribute(double baseLr, double stepSizeUp)
        {
            BaseLr = baseLr;
            StepSizeUp = stepSizeUp;
        }

        /// <summary>Lower bound.</summary>
        public double BaseLr { get; }

        /// <summary>Rising half length.</summary>
        public double StepSizeUp { get; }

        /// <summary>Falling half length; not set: equal to the rising one.</summary>
        public double StepSizeDown { get; set; } = double.NaN;

        /// <summary>Amplitude policy (default triangular).</summary>
        public CyclicMode Mode { get; set; } = CyclicMode.Triangular;

        /// <summary>Amplitude decay per step for <see cref="CyclicMode.ExpRange"/> (default 1).</summary>
        public double Gamma { get; set; } = 1.0;

        /// <summary>Whether the mode's scale function takes the cycle number or the iteration (PyTorch <c>scale_mode</c>);
        /// default: PyTorch's for the mode (cycle for triangular2, iterations for exp_range).</summary>
        public CyclicScaleMode ScaleMode { get; set; } = CyclicScaleMode.Default;

        /// <summary>Top of the cycle as an absolute rate (PyTorch's <c>max_lr</c>), greater than 0 and at least <c>baseLr</c>;
        /// not set: the peak. For a cyclic phase whose bounds are not the schedule's peak, e.g. after a cosine
        /// (<c>[Cyclic(0.1, 1, MaxLr = 0.3, From = 21)]</c> under <c>[LearningRate(0.5)]</c>).</summary>
        public double MaxLr { get; set; } = double.NaN;
    }

    /// <summary>One-cycle policy, PyTorch <c>OneCycleLR</c> over the whole horizon (steps): rises from
    /// <c>peak / DivFactor</c> to the peak by step <c>PctStart*T - 1</c>, then anneals to
    /// <c>peak / (DivFactor * FinalDivFactor)</c> at <c>T - 1</c>. Stands alone.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class OneCycleAttribute : ComponentAttribute
    {
        /// <summary>Share of the cycle spent rising, in (0, 1) (default 0.3).</summary>
        public double PctStart { get; set; } = 0.3;

        /// <summary>Cos or linear annealing (default cos).</summary>
        public AnnealStrategy Anneal { get; set; } = AnnealStrategy.Cos;

        /// <summary>Initial rate is peak / DivFactor (default 25).</summary>
        public double DivFactor { get; set; } = 25.0;

        /// <summary>Final rate is initial / FinalDivFactor (default 1e4).</summary>
        public double FinalDivFactor { get; set; } = 1e4;

        /// <summary>Fast.ai's three-phase variant.</summary>
        public bool ThreePhase { get; set; }
    }

    /// <summary>Warmup-stable-decay, Hugging Face <c>get_wsd_schedule</c>. Stands alone.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class WsdAttribute : ComponentAttribute
    {
        /// <param name="warmupLength">Warmup length, 0 or more.</param>
        /// <param name="stableLength">Stable length, 0 or more.</param>
        public WsdAttribute(double warmupLength, double stableLength)
        {
            WarmupLength = warmupLength;
            StableLength = stableLength;
        }

        /// <summary>Warmup length.</summary>
        public double WarmupLength { get; }

        /// <summary>Stable length.</summary>
        public double StableLength { get; }

        /// <summary>Decay length; not set: what the horizon leaves.</summary>
        public double DecayLength { get; set; } = double.NaN;

        /// <summary>Warmup curve (default linear).</summary>
        public WsdCurve WarmupCurve { get; set; } = WsdCurve.Linear;

        /// <summary>Decay curve (default cosine).</summary>
        public WsdCurve DecayCurve { get; set; } = WsdCurve.Cosine;

        /// <summary>Final rate over the peak (default 0).</summary>
        public double MinLrRatio { get; set; }

        /// <summary>Cosine cycles in the decay (default 0.5).</summary>
        public double NumCycles { get; set; } = 0.5;
    }

    /// <summary>Reduce-on-plateau, PyTorch <c>ReduceLROnPlateau</c>: after more than <see cref="Patience"/>
    /// reports without improvement the rate is multiplied by <see cref="Factor"/>; multiplies on top of the
    /// other shapes. The generated class then has <c>ReportMetric</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class ReduceOnPlateauAttribute : Attribute
    {
        /// <summary>Min (loss) or max (accuracy).</summary>
        public PlateauMode Mode { get; set; } = PlateauMode.Min;

        /// <summary>Multiplier per reduction, in (0, 1) (default 0.1).</summary>
        public double Factor { get; set; } = 0.1;

        /// <summary>Bad reports tolerated (default 10).</summary>
        public int Patience { get; set; } = 10;

        /// <summary>Improvement threshold (default 1e-4).</summary>
        public double Threshold { get; set; } = 1e-4;

        /// <summary>Relative or absolute threshold (default relative).</summary>
        public ThresholdMode ThresholdMode { get; set; } = ThresholdMode.Rel;

        /// <summary>Reports ignored after a reduction (default 0).</summary>
        public int Cooldown { get; set; }

        /// <summary>Lowest rate reductions reach (default 0).</summary>
        public double MinLr { get; set; }

        /// <summary>Smallest change worth applying (default 1e-8).</summary>
        public double Eps { get; set; } = 1e-8;
    }

    /// <summary>Piecewise constant rate, Keras <c>PiecewiseConstantDecay</c>: <c>values[0]</c> until
    /// <c>boundaries[0]</c> (included), <c>values[i]</c> after <c>boundaries[i-1]</c> up to <c>boundaries[i]</c>,
    /// the last value after the last boundary. Times count since warmup/hold ended; values are rates.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class PiecewiseConstantAttribute : ComponentAttribute
    {
        /// <param name="boundaries">Strictly increasing times at which the rate changes.</param>
        /// <param name="values">The rates, one more than the boundaries.</param>
        public PiecewiseConstantAttribute(double[] boundaries, double[] values)
        {
            Boundaries = boundaries;
            Values = values;
        }

        /// <summary>Times at which the rate changes.</summary>
        public double[] Boundaries { get; }

        /// <summary>The rates before, between and after the boundaries.</summary>
        public double[] Values { get; }
    }

    /// <summary>Piecewise interpolation through points, Optax <c>piecewise_interpolate_schedule</c>: the factor of the peak
    /// is <c>factors[i]</c> at <c>times[i]</c>, joined by straight lines or half cosines (<see cref="Interpolation"/>), the
    /// first factor before the first point and the last after the last. Times count since warmup/hold ended.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class PiecewiseInterpolateAttribute : ComponentAttribute
    {
        /// <param name="times">Strictly increasing times of the points, 0 or more.</param>
        /// <param name="factors">The factor of the peak at each time, 0 or more (one per time).</param>
        public PiecewiseInterpolateAttribute(double[] times, double[] factors)
        {
            Times = times;
            Factors = factors;
        }

        /// <summary>Times of the points.</summary>
        public double[] Times { get; }

        /// <summary>Factors of the peak at the points.</summary>
        public double[] Factors { get; }

        /// <summary>Linear (default) or cosine between points (Optax <c>interpolate_type</c>).</summary>
        public Interpolation Interpolation { get; set; } = Interpolation.Linear;
    }

    /// <summary>Seeded rate noise, timm's scheduler noise: the rate is multiplied by <c>1 + noise</c> while
    /// <c>RangeStart &lt;= t &lt; RangeEnd</c> (timm <c>noise_range_t</c>), one draw per whole unit of time from a
    /// generator keyed by <see cref="Seed"/> and the time, so a resumed run sees the same noise. Times count since
    /// warmup/hold ended.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class RateNoiseAttribute : ComponentAttribute
    {
        /// <summary>Bound on |noise| (timm <c>noise_pct</c>, default 0.67): in [0, 1], at least 0.05 for normal noise.</summary>
        public double Pct { get; set; } = 0.67;

        /// <summary>Normal (redrawn until |noise| &lt; Pct; default) or uniform in [-Pct, Pct) (timm <c>noise_type</c>).</summary>
        public NoiseDistribution Distribution { get; set; } = NoiseDistribution.Normal;

        /// <summary>Seed of the draws (timm <c>noise_seed</c>, default 42).</summary>
        public int Seed { get; set; } = 42;

        /// <summary>Time the noise starts (default 0).</summary>
        public double RangeStart { get; set; }

        /// <summary>Time the noise stops (excluded); not set: never.</summary>
        public double RangeEnd { get; set; } = double.NaN;
    }

    /// <summary>Escape hatch (PyTorch <c>LambdaLR</c>): multiplies by a factor computed by a static method
    /// of the class, <c>static double Name(double t)</c>, called directly by the generated code with the
    /// time since warmup/hold ended.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
    public sealed class CustomFactorAttribute : ComponentAttribute
    {
        /// <param name="methodName">Name of the static method, e.g. <c>nameof(MyFactor)</c>.</param>
        public CustomFactorAttribute(string methodName) => MethodName = methodName;

        /// <summary>Name of the static method.</summary>
        public string MethodName { get; }
    }
}
