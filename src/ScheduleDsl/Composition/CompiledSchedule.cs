using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Composition
{
    /// <summary>A validated definition with every default resolved, evaluated by the composition rules
    /// of docs/schedule-semantics.md:
    /// 1. past the horizon the time is held, refused or left alone (<see cref="PastHorizonPolicy"/>);
    /// 2. a whole-schedule shape (one-cycle, WSD) is the curve on its own;
    /// 3. otherwise prefix phases run first in declaration order, then the shapes' factors multiply,
    ///    each evaluated on the time since the prefix ended, with the horizon shortened by the prefix;
    /// 4. plateau reduction multiplies on top (clamped at its minimum rate), then the floor applies.
    /// Generated classes emit exactly these steps with the same terms, so both compute identical doubles.</summary>
    public sealed class CompiledSchedule
    {
        private readonly Term[] _prefixes;
        private readonly Term[] _shapes;

        internal CompiledSchedule(ScheduleDefinition definition)
        {
            Definition = definition;
            PeakRate = definition.LearningRate;
            Horizon = definition.Horizon ?? double.NaN;
            Fingerprint = definition.Fingerprint;

            var prefixes = new List<Term>();
            var shapes = new List<Term>();
            double warmupLength = 0;
            foreach (ScheduleComponent c in definition.Components)
            {
                if (c is PlateauReduction p) Plateau = new PlateauSettings(p, PeakRate);
                PrefixLength += c.PrefixLength;
                if (c is WarmupPhase warmup) warmupLength = warmup.Length;
            }
            var shapeContext = new TermContext(PeakRate, Horizon - PrefixLength, warmupLength);
            foreach (ScheduleComponent c in definition.Components)
            {
                if (c.Role == ComponentRole.Prefix) prefixes.Add(c.ToTerm(shapeContext));
                else if (c.Role == ComponentRole.Shape) shapes.Add(c.ToTerm(shapeContext));
                else if (c.Role == ComponentRole.WholeSchedule) Whole = c.ToTerm(shapeContext with { Remaining = Horizon });
            }
            _prefixes = prefixes.ToArray();
            _shapes = shapes.ToArray();
            MomentumTerm = Whole is { CyclesMomentum: true } ? Whole : Array.Find(_shapes, shape => shape.CyclesMomentum);
            FloorFactor = definition.Floor is double floor ? floor / PeakRate : 0.0;
        }

        /// <summary>The definition compiled.</summary>
        public ScheduleDefinition Definition { get; }

        /// <summary>The declared peak rate.</summary>
        public double PeakRate { get; }

        /// <summary>Declared horizon, NaN when none.</summary>
        public double Horizon { get; }

        /// <summary>Declared time unit.</summary>
        public TimeUnit Unit => Definition.Unit;

        /// <summary>Total length of the prefix phases.</summary>
        public double PrefixLength { get; }

        /// <summary>Prefix phases in declaration order.</summary>
        public IReadOnlyList<Term> Prefixes => _prefixes;

        /// <summary>Multiplied shapes in declaration order.</summary>
        public IReadOnlyList<Term> Shapes => _shapes;

        /// <summary>The whole-schedule shape, if any.</summary>
        public Term? Whole { get; }

        /// <summary>Plateau settings, if plateau reduction is declared.</summary>
        public PlateauSettings? Plateau { get; }

        /// <summary>Floor over the peak (0 when none).</summary>
        public double FloorFactor { get; }

        /// <summary>The definition's fingerprint.</summary>
        public ulong Fingerprint { get; }

        /// <summary>Factor of the peak at time <paramref name="time"/> (declared unit), before plateau reduction and floor.</summary>
        public double ShapeFactorAt(double time) => ShapeFactorAt(time, 0.0, 0.0, out _);

        /// <summary><see cref="ShapeFactorAt(double)"/> and the momentum at <paramref name="time"/>: inverse to the one-cycle or
        /// cyclic rate, <paramref name="maxMomentum"/> otherwise and during warmup/hold.</summary>
        public double ShapeFactorAt(double time, double baseMomentum, double maxMomentum, out double momentum)
        {
            momentum = maxMomentum;
            double t = CompositionSteps.ApplyHorizon(time, Horizon, Definition.PastHorizon);
            if (Whole is not null) return Whole.FactorAndMomentum(t, baseMomentum, maxMomentum, out momentum);
            double start = 0.0;
            foreach (Term prefix in _prefixes)
            {
                if (t < start + prefix.Length) return prefix.Factor(t - start);
                start += prefix.Length;
            }
            double s = t - start;
            double factor = 1.0;
            foreach (Term shape in _shapes)
            {
                factor *= shape.FactorAndMomentum(s, baseMomentum, maxMomentum, out double m);
                if (shape == MomentumTerm) momentum = m;
            }
            return factor;
        }

        /// <summary>Whether the core can evaluate every term (false when a custom factor, which runs only in generated code, is declared).</summary>
        public bool IsEvaluable => Whole?.IsEvaluable ?? _prefixes.Concat(_shapes).All(term => term.IsEvaluable);

        /// <summary>Whether a one-cycle or cyclic shape cycles momentum.</summary>
        public bool CyclesMomentum => MomentumTerm is not null;

        /// <summary>The one-cycle or cyclic term whose momentum the schedule cycles (found once), or null.</summary>
        public Term? MomentumTerm { get; }

        /// <summary>Momentum at <paramref name="time"/> (see <see cref="ShapeFactorAt(double, double, double, out double)"/>).</summary>
        public double Momentum(double time, double baseMomentum, double maxMomentum)
        {
            ShapeFactorAt(time, baseMomentum, maxMomentum, out double momentum);
            return momentum;
        }

        /// <summary>Factor of the peak at <paramref name="time"/> with plateau scale <paramref name="plateauScale"/> and the floor applied.</summary>
        public double FactorAt(double time, double plateauScale = 1.0) => FactorAt(time, plateauScale, 0.0, 0.0, out _);

        /// <summary><see cref="FactorAt(double, double)"/> and the momentum (see <see cref="ShapeFactorAt(double, double, double, out double)"/>).</summary>
        public double FactorAt(double time, double plateauScale, double baseMomentum, double maxMomentum, out double momentum)
        {
            double f = ShapeFactorAt(time, baseMomentum, maxMomentum, out momentum);
            if (Plateau is PlateauSettings p) f = CompositionSteps.ApplyPlateau(f, plateauScale, p.MinFactor);
            return CompositionSteps.ApplyFloor(f, FloorFactor);
        }

        /// <summary>Rate of the peak group at <paramref name="time"/> (no plateau reduction).</summary>
        public double RateAt(double time) => PeakRate * FactorAt(time);
    }

    /// <summary>The steps of the composition shared by the runtime and generated code (horizon policy first,
    /// plateau reduction and floor last).</summary>
    public static class CompositionSteps
    {
        /// <summary>Applies the past-horizon policy to <paramref name="time"/> (NaN horizon: none declared).</summary>
        public static double ApplyHorizon(double time, double horizon, PastHorizonPolicy policy)
        {
            if (!(time > horizon)) return time;
            if (policy == PastHorizonPolicy.Hold) return horizon;
            if (policy == PastHorizonPolicy.Throw) EnsureWithinHorizon(time, horizon);
            return time;
        }

        /// <summary>The <c>PastHorizon(Throw)</c> rule: <see cref="InvalidOperationException"/> when <paramref name="time"/>
        /// lies past <paramref name="horizon"/> (NaN horizon: none declared, never throws).</summary>
        public static void EnsureWithinHorizon(double time, double horizon)
        {
            if (time > horizon)
                throw new InvalidOperationException(
                    $"time = {Numbers.Format(time)}: the schedule ends at {Numbers.Format(horizon)} and is declared PastHorizon(Throw).");
        }

        /// <summary>Plateau reduction multiplies on top; once it has reduced, its minimum rate bounds it from below.</summary>
        public static double ApplyPlateau(double factor, double plateauScale, double minFactor) =>
            plateauScale < 1.0 ? Math.Max(factor * plateauScale, minFactor) : factor;

        /// <summary>The floor applies last.</summary>
        public static double ApplyFloor(double factor, double floorFactor) => double.IsNaN(factor) ? floorFactor : Math.Max(factor, floorFactor);
    }
}
