using System.Text;
using ScheduleDsl.Families;

// The schedule definition's parts, one record per family. Records are value-equatable so the
// generator can cache on them; property names equal the attribute arguments' names, which lets
// the analyzers put a validation error on the exact argument.
namespace ScheduleDsl.Definition
{
    /// <summary>Where a component sits in the composition (see docs/schedule-semantics.md).</summary>
    public enum ComponentRole
    {
        /// <summary>Runs first, in declaration order (warmup, hold).</summary>
        Prefix,
        /// <summary>A factor multiplied with the other shapes, on the time since the prefix ended.</summary>
        Shape,
        /// <summary>Defines the whole curve and stands alone (one-cycle, WSD).</summary>
        WholeSchedule,
        /// <summary>Reduction on plateau, multiplied on top at run time.</summary>
        Plateau,
    }

    /// <summary>One element of a schedule definition; the attribute of the same name declares it.</summary>
    public abstract record ScheduleComponent
    {
        private protected ScheduleComponent() { }

        /// <summary>The attribute name (without <c>Attribute</c>) that declares this component.</summary>
        public abstract string Name { get; }

        /// <summary>Where the component sits in the composition.</summary>
        public abstract ComponentRole Role { get; }

        /// <summary>Whether the component needs the schedule's horizon to resolve its length.</summary>
        public virtual bool NeedsHorizon => false;

        /// <summary>Appends an invariant, culture-proof description (used by the fingerprint).</summary>
        internal abstract void WriteCanonical(StringBuilder text);

        /// <summary>Same as the canonical form.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            WriteCanonical(text);
            return text.ToString();
        }

        private protected static string N(double value) => Numbers.Format(value);
        private protected static string N(double? value) => value is double v ? Numbers.Format(v) : "auto";
    }

    /// <summary>Warmup from <c>StartFactor</c> of the peak up to the peak over <c>Length</c>.</summary>
    public sealed record WarmupPhase(double Length, WarmupKind Kind = WarmupKind.Linear, double StartFactor = 0.0) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "Warmup";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Prefix;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"warmup({N(Length)},{Kind},{N(StartFactor)})");
    }

    /// <summary>Holds the peak for <c>Length</c> (the stable phase of warmup-stable-decay).</summary>
    public sealed record HoldPhase(double Length) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "Hold";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Prefix;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"hold({N(Length)})");
    }

    /// <summary>PyTorch <c>StepLR</c>.</summary>
    public sealed record StepDecayShape(double StepSize, double Gamma = 0.1) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "StepDecay";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"step({N(StepSize)},{N(Gamma)})");
    }

    /// <summary>PyTorch <c>MultiStepLR</c>.</summary>
    public sealed record MultiStepShape(EquatableArray<double> Milestones, double Gamma = 0.1) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "MultiStep";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t)
        {
            t.Append("multistep(");
            foreach (double m in Milestones) t.Append(N(m)).Append(';');
            t.Append(N(Gamma)).Append(')');
        }
    }

    /// <summary>PyTorch <c>ExponentialLR</c> / Keras <c>ExponentialDecay</c>.</summary>
    public sealed record ExponentialShape(double Gamma, double DecaySteps = 1.0, bool Staircase = false) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "Exponential";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"exp({N(Gamma)},{N(DecaySteps)},{Staircase})");
    }

    /// <summary>PyTorch <c>PolynomialLR</c> / Keras <c>PolynomialDecay</c>; <c>TotalIters</c> defaults to the remaining horizon.</summary>
    public sealed record PolynomialShape(double Power = 1.0, double EndLr = 0.0, double? TotalIters = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "Polynomial";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        /// <inheritdoc/>
        public override bool NeedsHorizon => TotalIters is null;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"poly({N(Power)},{N(EndLr)},{N(TotalIters)})");
    }

    /// <summary>Keras <c>InverseTimeDecay</c> (time-based decay).</summary>
    public sealed record InverseTimeShape(double DecayRate, double DecaySteps = 1.0, bool Staircase = false) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "InverseTime";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"invtime({N(DecayRate)},{N(DecaySteps)},{Staircase})");
    }

    /// <summary>Hugging Face inverse square root; <c>Timescale</c> defaults to the warmup length, else 10000.</summary>
    public sealed record InverseSqrtShape(double? Timescale = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "InverseSqrt";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"invsqrt({N(Timescale)})");
    }

    /// <summary>PyTorch <c>LinearLR</c> as a decay; <c>TotalIters</c> defaults to the remaining horizon.</summary>
    public sealed record LinearDecayShape(double StartFactor = 1.0, double EndFactor = 0.0, double? TotalIters = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "LinearDecay";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        /// <inheritdoc/>
        public override bool NeedsHorizon => TotalIters is null;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"linear({N(StartFactor)},{N(EndFactor)},{N(TotalIters)})");
    }

    /// <summary>PyTorch <c>CosineAnnealingLR</c>; <c>Period</c> (its <c>T_max</c>) defaults to the remaining horizon.</summary>
    public sealed record CosineShape(double MinLr = 0.0, double? Period = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "Cosine";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        /// <inheritdoc/>
        public override bool NeedsHorizon => Period is null;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"cos({N(MinLr)},{N(Period)})");
    }

    /// <summary>PyTorch <c>CosineAnnealingWarmRestarts</c>.</summary>
    public sealed record CosineRestartsShape(double T0, int TMult = 1, double MinLr = 0.0) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "CosineRestarts";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"restarts({N(T0)},{TMult},{N(MinLr)})");
    }

    /// <summary>PyTorch <c>CyclicLR</c>; the peak rate is its <c>max_lr</c>. <c>StepSizeDown</c> defaults to <c>StepSizeUp</c>.</summary>
    public sealed record CyclicShape(double BaseLr, double StepSizeUp, double? StepSizeDown = null,
        CyclicMode Mode = CyclicMode.Triangular, double Gamma = 1.0) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "Cyclic";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"cyclic({N(BaseLr)},{N(StepSizeUp)},{N(StepSizeDown)},{Mode},{N(Gamma)})");
    }

    /// <summary>PyTorch <c>OneCycleLR</c> over the whole horizon; the peak rate is its <c>max_lr</c>.</summary>
    public sealed record OneCycleShape(double PctStart = 0.3, AnnealStrategy Anneal = AnnealStrategy.Cos,
        double DivFactor = 25.0, double FinalDivFactor = 1e4, bool ThreePhase = false) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "OneCycle";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.WholeSchedule;
        /// <inheritdoc/>
        public override bool NeedsHorizon => true;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"onecycle({N(PctStart)},{Anneal},{N(DivFactor)},{N(FinalDivFactor)},{ThreePhase})");
    }

    /// <summary>Hugging Face <c>get_wsd_schedule</c>; <c>DecayLength</c> defaults to what the horizon leaves.</summary>
    public sealed record WsdShape(double WarmupLength, double StableLength, double? DecayLength = null,
        WsdCurve WarmupCurve = WsdCurve.Linear, WsdCurve DecayCurve = WsdCurve.Cosine,
        double MinLrRatio = 0.0, double NumCycles = 0.5) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "Wsd";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.WholeSchedule;
        /// <inheritdoc/>
        public override bool NeedsHorizon => DecayLength is null;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"wsd({N(WarmupLength)},{N(StableLength)},{N(DecayLength)},{WarmupCurve},{DecayCurve},{N(MinLrRatio)},{N(NumCycles)})");
    }

    /// <summary>PyTorch <c>ReduceLROnPlateau</c>, fed with a metric at run time.</summary>
    public sealed record PlateauReduction(PlateauMode Mode = PlateauMode.Min, double Factor = 0.1, int Patience = 10,
        double Threshold = 1e-4, ThresholdMode ThresholdMode = ThresholdMode.Rel, int Cooldown = 0,
        double MinLr = 0.0, double Eps = 1e-8) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "ReduceOnPlateau";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Plateau;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"plateau({Mode},{N(Factor)},{Patience},{N(Threshold)},{ThresholdMode},{Cooldown},{N(MinLr)},{N(Eps)})");
    }

    /// <summary>A user-written factor (the DSL's escape hatch, like PyTorch's <c>LambdaLR</c>): a static
    /// method of the schedule class, called by generated code with the time since the prefix ended.</summary>
    public sealed record CustomShape(string MethodName) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => "CustomFactor";
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;
        internal override void WriteCanonical(StringBuilder t) => t.Append($"custom({MethodName})");
    }
}
