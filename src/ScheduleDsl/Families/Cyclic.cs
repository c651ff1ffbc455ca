using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>Amplitude policy of a cyclic schedule, as PyTorch <c>CyclicLR</c>'s <c>mode</c>.</summary>
    public enum CyclicMode
    {
        /// <summary>Constant amplitude.</summary>
        Triangular,
        /// <summary>Amplitude halves every cycle.</summary>
        Triangular2,
        /// <summary>Amplitude scaled by <c>gamma^iteration</c>.</summary>
        ExpRange,
    }

    /// <summary>What a cyclic schedule's amplitude scaling is a function of, as PyTorch <c>CyclicLR</c>'s <c>scale_mode</c>.</summary>
    public enum CyclicScaleMode
    {
        /// <summary>PyTorch's default for the mode: the cycle number for triangular and triangular2, the iteration for exp_range.</summary>
        Default,
        /// <summary>The cycle number (from 1): <c>scale_fn(cycle)</c>.</summary>
        Cycle,
        /// <summary>The iteration: <c>scale_fn(last_epoch)</c>.</summary>
        Iterations,
    }
}

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl.Families
{
    /// <summary>Cyclical learning rate, PyTorch <c>CyclicLR</c> (closed form with its cycle arithmetic).
    /// The peak is the cycle's maximum; <c>lowFactor</c> is the base rate over the peak. The overloads taking a
    /// <see cref="CyclicScaleMode"/> apply the mode's scale function to the cycle number or to the iteration, as
    /// PyTorch does for <c>scale_fn</c> with <c>scale_mode="cycle"</c> or <c>"iterations"</c>.</summary>
    public static class Cyclic
    {
        /// <summary>Position in <c>[0, 1]</c> between the base and the maximum, before amplitude scaling
        /// (PyTorch's <c>scale_factor</c>), and the amplitude scale (PyTorch's <c>scale_fn</c>).</summary>
        public static double Height(double t, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma) =>
            Height(t, stepSizeUp, stepSizeDown, mode, gamma, CyclicScaleMode.Default);

        /// <summary><see cref="Height(double, double, double, CyclicMode, double)"/> with the scale function's argument chosen by <paramref name="scaleMode"/>.</summary>
        public static double Height(double t, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma, CyclicScaleMode scaleMode)
        {
            double totalSize = stepSizeUp + stepSizeDown;
            double stepRatio = stepSizeUp / totalSize;
            double cycle = Math.Floor(1.0 + t / totalSize);
            double x = 1.0 + t / totalSize - cycle;
            double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1.0) / (stepRatio - 1.0);
            bool byCycle = scaleMode == CyclicScaleMode.Default ? mode != CyclicMode.ExpRange : scaleMode == CyclicScaleMode.Cycle;
            double of = byCycle ? cycle : t;
            double scale = mode switch
            {
                CyclicMode.Triangular => 1.0,
                CyclicMode.Triangular2 => 1.0 / Math.Pow(2.0, of - 1.0),
                _ => Math.Pow(gamma, of),
            };
            return scaleFactor * scale;
        }

        /// <summary>Factor of the peak: <c>low + (1 - low) * height</c>.</summary>
        public static double Factor(double t, double lowFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma) =>
            lowFactor + (1.0 - lowFactor) * Height(t, stepSizeUp, stepSizeDown, mode, gamma);

        /// <summary><see cref="Factor(double, double, double, double, CyclicMode, double)"/> with a scale mode.</summary>
        public static double Factor(double t, double lowFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma, CyclicScaleMode scaleMode) =>
            lowFactor + (1.0 - lowFactor) * Height(t, stepSizeUp, stepSizeDown, mode, gamma, scaleMode);

        /// <summary>Factor of the peak between two factors: <c>low + (high - low) * height</c>, PyTorch's
        /// <c>base_lr + (max_lr - base_lr) * scale</c> over the peak, for a cycle whose top (<c>MaxLr</c>) is not the peak.</summary>
        public static double FactorBetween(double t, double lowFactor, double highFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma, CyclicScaleMode scaleMode) =>
            lowFactor + (highFactor - lowFactor) * Height(t, stepSizeUp, stepSizeDown, mode, gamma, scaleMode);

        /// <summary><see cref="FactorBetween"/> and <see cref="Momentum"/> at once (one <see cref="Height(double, double, double, CyclicMode, double, CyclicScaleMode)"/>).</summary>
        public static double FactorBetweenAndMomentum(double t, double lowFactor, double highFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma,
            CyclicScaleMode scaleMode, double baseMomentum, double maxMomentum, out double momentum)
        {
            double height = Height(t, stepSizeUp, stepSizeDown, mode, gamma, scaleMode);
            momentum = maxMomentum - (maxMomentum - baseMomentum) * height;
            return lowFactor + (highFactor - lowFactor) * height;
        }

        /// <summary>Momentum cycled inversely to the rate, as PyTorch <c>CyclicLR(cycle_momentum=True)</c>.</summary>
        public static double Momentum(double t, double baseMomentum, double maxMomentum, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma) =>
            maxMomentum - (maxMomentum - baseMomentum) * Height(t, stepSizeUp, stepSizeDown, mode, gamma);

        /// <summary><see cref="Factor(double, double, double, double, CyclicMode, double)"/> and <see cref="Momentum"/> at once (one <see cref="Height(double, double, double, CyclicMode, double)"/>), bit for bit the same values.</summary>
        public static double FactorAndMomentum(double t, double lowFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma,
            double baseMomentum, double maxMomentum, out double momentum) =>
            FactorAndMomentum(t, lowFactor, stepSizeUp, stepSizeDown, mode, gamma, CyclicScaleMode.Default, baseMomentum, maxMomentum, out momentum);

        /// <summary><see cref="FactorAndMomentum(double, double, double, double, CyclicMode, double, double, double, out double)"/> with a scale mode.</summary>
        public static double FactorAndMomentum(double t, double lowFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma,
            CyclicScaleMode scaleMode, double baseMomentum, double maxMomentum, out double momentum)
        {
            double height = Height(t, stepSizeUp, stepSizeDown, mode, gamma, scaleMode);
            momentum = maxMomentum - (maxMomentum - baseMomentum) * height;
            return lowFactor + (1.0 - lowFactor) * height;
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>CyclicLR</c>; its <c>max_lr</c> is the peak rate unless <see cref="MaxLr"/> gives it as an absolute
    /// rate (a cyclic phase after another one, under a peak that belongs to the schedule as a whole). <c>StepSizeDown</c>
    /// defaults to <c>StepSizeUp</c>; <c>ScaleMode</c> applies the mode's scale function to the cycle number or the
    /// iteration (PyTorch's <c>scale_mode</c>).</summary>
    public sealed record CyclicShape(double BaseLr, double StepSizeUp, double? StepSizeDown = null,
        CyclicMode Mode = CyclicMode.Triangular, double Gamma = 1.0, CyclicScaleMode ScaleMode = CyclicScaleMode.Default) : ScheduleComponent
    {
        /// <summary>Top of the cycle as an absolute rate (PyTorch's <c>max_lr</c>); null: the peak.</summary>
        public double? MaxLr { get; init; }

        /// <summary>This shape with <see cref="MaxLr"/> set: what <c>with { MaxLr = ... }</c> does, callable before C# 9 (generated code uses it).</summary>
        public CyclicShape WithMaxLr(double? maxLr) => this with { MaxLr = maxLr };

        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(CyclicAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new CyclicShape(a.Double(nameof(BaseLr)), a.Double(nameof(StepSizeUp)));
            if (a.Has(nameof(StepSizeDown))) c = c with { StepSizeDown = a.Double(nameof(StepSizeDown)) };
            if (a.Has(nameof(Mode))) c = c with { Mode = a.Enum(nameof(Mode), c.Mode) };
            if (a.Has(nameof(Gamma))) c = c with { Gamma = a.Double(nameof(Gamma)) };
            if (a.Has(nameof(ScaleMode))) c = c with { ScaleMode = a.Enum(nameof(ScaleMode), c.ScaleMode) };
            if (a.Has(nameof(MaxLr))) c = c with { MaxLr = a.Double(nameof(MaxLr)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            if (MaxLr is double max)
            {
                // The cycle runs between two absolute rates; PyTorch's max_lr may lie above or below the schedule's peak.
                check.Positive(nameof(MaxLr), max);
                if (!(ScheduleRules.Checks.IsFinite(BaseLr) && BaseLr >= 0)) check.Invalid(nameof(BaseLr), BaseLr, "must be a finite rate >= 0");
                else if (ScheduleRules.Checks.IsFinite(max) && BaseLr > max) check.Invalid(nameof(BaseLr), BaseLr, $"must not exceed MaxLr = {N(max)}");
            }
            else check.AtMostPeak(nameof(BaseLr), BaseLr);
            check.Positive(nameof(StepSizeUp), StepSizeUp);
            check.OptionalPositive(nameof(StepSizeDown), StepSizeDown);
            check.Positive(nameof(Gamma), Gamma);
            // Derived: the cycle length and the rising share of it (t / cycle, x / ratio) must stay finite and non-zero.
            check.TimeScale(nameof(StepSizeUp), StepSizeUp);
            if (StepSizeDown is double down) check.TimeScale(nameof(StepSizeDown), down);
            double total = StepSizeUp + (StepSizeDown ?? StepSizeUp);
            string last = StepSizeDown is null ? nameof(StepSizeUp) : nameof(StepSizeDown);
            if (ScheduleRules.Checks.IsFinite(StepSizeUp) && StepSizeUp > 0 && (StepSizeDown ?? 1) > 0)
            {
                if (!ScheduleRules.Checks.IsFinite(total))
                    check.Invalid(last, StepSizeDown ?? StepSizeUp, "the cycle length StepSizeUp + StepSizeDown overflows to infinity");
                else if (!(StepSizeUp / total > 0))
                    check.Invalid(nameof(StepSizeUp), StepSizeUp, $"is too small next to StepSizeDown: StepSizeUp / (StepSizeUp + StepSizeDown) rounds to 0");
            }
            if (Mode == CyclicMode.ExpRange) check.DecayFactor(nameof(Gamma), Gamma);
            if (Mode == CyclicMode.ExpRange) check.BoundedGrowth(nameof(Gamma), Gamma, check.MaxTime);
        }

        internal override double LargestFactor(double maxTime, double peak) =>
            Math.Max(MaxLr is double max ? max / peak : 1.0, 1.0) * (Mode == CyclicMode.ExpRange && Gamma > 1 ? Math.Pow(Gamma, maxTime) : 1.0);

        internal override double? SmallestFactor(double maxTime, double peak) => Math.Min(MaxLr ?? peak, BaseLr) / peak;

        internal override Term ToTerm(TermContext context) => new CyclicTerm(this, BaseLr / context.Peak, MaxLr is double max ? max / context.Peak : (double?)null);

        internal override string Describe(string unit) =>
            $"{Mode.ToString().ToLowerInvariant()} cycles between {N(BaseLr)} and {(MaxLr is double max ? N(max) : "the peak")} ({N(StepSizeUp)} {unit} up, {N(StepSizeDown ?? StepSizeUp)} down)"
            + (ScaleMode == CyclicScaleMode.Default ? "" : $", scaled per {(ScaleMode == CyclicScaleMode.Cycle ? "cycle" : "iteration")}");

        // Left at the default, the construction code, canonical text and generated call stay as they were.
        internal override string ConstructionCode()
        {
            string code = ScaleMode == CyclicScaleMode.Default
                ? CSharp.New(typeof(CyclicShape), L(BaseLr), L(StepSizeUp), L(StepSizeDown), CSharp.Literal(Mode), L(Gamma))
                : CSharp.New(typeof(CyclicShape), L(BaseLr), L(StepSizeUp), L(StepSizeDown), CSharp.Literal(Mode), L(Gamma), CSharp.Literal(ScaleMode));
            return MaxLr is null ? code : $"{code}.{nameof(WithMaxLr)}({L(MaxLr)})";
        }

        internal override void WriteCanonical(StringBuilder t) => t.Append($"cyclic({N(BaseLr)},{N(StepSizeUp)},{N(StepSizeDown)},{Mode},{N(Gamma)}")
            .Append(ScaleMode == CyclicScaleMode.Default ? "" : $",{ScaleMode}")
            .Append(MaxLr is double max ? $",max={N(max)})" : ")");

        internal override double? PreviewLength => 2 * (StepSizeUp + (StepSizeDown ?? StepSizeUp));

        private sealed class CyclicTerm : Term
        {
            private readonly double _lowFactor, _up, _down, _gamma, _baseLr;
            private readonly double? _highFactor, _maxLr;
            private readonly CyclicMode _mode;
            private readonly CyclicScaleMode _scaleMode;
            public CyclicTerm(CyclicShape c, double lowFactor, double? highFactor) : base(c)
            {
                _lowFactor = lowFactor;
                _highFactor = highFactor;
                _maxLr = c.MaxLr;
                _baseLr = c.BaseLr;
                _up = c.StepSizeUp;
                _down = c.StepSizeDown ?? c.StepSizeUp;
                _mode = c.Mode;
                _gamma = c.Gamma;
                _scaleMode = c.ScaleMode;
            }
            private bool Plain => _scaleMode == CyclicScaleMode.Default;
            public override bool CyclesMomentum => true;
            // A cycle topped by the peak keeps its original calls (and generated code); one with MaxLr goes between two factors.
            public override double Factor(double t) => _highFactor is double high
                ? Cyclic.FactorBetween(t, _lowFactor, high, _up, _down, _mode, _gamma, _scaleMode)
                : Plain
                ? Cyclic.Factor(t, _lowFactor, _up, _down, _mode, _gamma)
                : Cyclic.Factor(t, _lowFactor, _up, _down, _mode, _gamma, _scaleMode);
            public override double FactorAndMomentum(double t, double baseMomentum, double maxMomentum, out double momentum) => _highFactor is double high
                ? Cyclic.FactorBetweenAndMomentum(t, _lowFactor, high, _up, _down, _mode, _gamma, _scaleMode, baseMomentum, maxMomentum, out momentum)
                : Plain
                ? Cyclic.FactorAndMomentum(t, _lowFactor, _up, _down, _mode, _gamma, baseMomentum, maxMomentum, out momentum)
                : Cyclic.FactorAndMomentum(t, _lowFactor, _up, _down, _mode, _gamma, _scaleMode, baseMomentum, maxMomentum, out momentum);
            internal override string Expression(string time, StaticArrays fields) => _highFactor is double high
                ? CSharp.Call(typeof(Cyclic), nameof(Cyclic.FactorBetween), time, fields.Over(_baseLr, _lowFactor), fields.Over(_maxLr!.Value, high), L(_up), L(_down),
                    CSharp.Literal(_mode), L(_gamma), CSharp.Literal(_scaleMode))
                : Plain
                ? CSharp.Call(typeof(Cyclic), nameof(Cyclic.Factor), time, fields.Over(_baseLr, _lowFactor), L(_up), L(_down), CSharp.Literal(_mode), L(_gamma))
                : CSharp.Call(typeof(Cyclic), nameof(Cyclic.Factor), time, fields.Over(_baseLr, _lowFactor), L(_up), L(_down), CSharp.Literal(_mode), L(_gamma), CSharp.Literal(_scaleMode));
            internal override string FactorAndMomentumExpression(string time, string baseMomentum, string maxMomentum, string momentum, StaticArrays fields) => _highFactor is double high
                ? CSharp.Call(typeof(Cyclic), nameof(Cyclic.FactorBetweenAndMomentum), time, L(_lowFactor), L(high), L(_up), L(_down), CSharp.Literal(_mode), L(_gamma),
                    CSharp.Literal(_scaleMode), baseMomentum, maxMomentum, "out " + momentum)
                : Plain
                ? CSharp.Call(typeof(Cyclic), nameof(Cyclic.FactorAndMomentum), time, L(_lowFactor), L(_up), L(_down), CSharp.Literal(_mode), L(_gamma),
                    baseMomentum, maxMomentum, "out " + momentum)
                : CSharp.Call(typeof(Cyclic), nameof(Cyclic.FactorAndMomentum), time, L(_lowFactor), L(_up), L(_down), CSharp.Literal(_mode), L(_gamma),
                    CSharp.Literal(_scaleMode), baseMomentum, maxMomentum, "out " + momentum);
        }
    }
}
