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
    /// 4. each component with a window (From/Until) multiplies, on its own time inside its window, 1 outside (<see cref="WindowedTerm"/>);
    /// 5. plateau reduction multiplies on top (clamped at its minimum rate), then the floor applies.
    /// Steps 2 and 3 take only the components without a window.
    /// Generated classes emit exactly these steps with the same terms, so both compute identical doubles.</summary>
    public sealed class CompiledSchedule
    {
        private readonly Term[] _prefixes;
        private readonly Term[] _shapes;
        private readonly IReadOnlyDictionary<string, RuntimeFactor>? _customFactors;
        private readonly WindowedTerm[] _windowed;

        /// <param name="definition">The definition, validated.</param>
        /// <param name="groupBase">Resolve the absolute rates for a group of this base rate instead of the peak
        /// (<see cref="MinimumScaling.Absolute"/>; see <see cref="ForGroup"/>).</param>
        /// <param name="customFactors">Delegates for the definition's custom factors (runtime <c>LambdaLR</c>/<c>MultiplicativeLR</c>).</param>
        internal CompiledSchedule(ScheduleDefinition definition, double? groupBase = null, IReadOnlyDictionary<string, RuntimeFactor>? customFactors = null)
        {
            Definition = definition;
            PeakRate = groupBase ?? definition.LearningRate;
            Horizon = definition.Horizon ?? double.NaN;
            Fingerprint = definition.Fingerprint;

            var prefixes = new List<Term>();
            var shapes = new List<Term>();
            var windowed = new List<WindowedTerm>();
            double warmupLength = 0;
            foreach (ScheduleComponent c in definition.Components)
            {
                if (c is PlateauReduction p) Plateau = new PlateauSettings(p, PeakRate);
                if (c.IsWindowed) continue;
                PrefixLength += c.PrefixLength;
                if (c is WarmupPhase warmup) warmupLength = warmup.Length;
            }
            var shapeContext = new TermContext(PeakRate, Horizon - PrefixLength, warmupLength) { CustomFactors = customFactors };
            foreach (ScheduleComponent c in definition.Components)
            {
                if (c.IsWindowed && c.Role != ComponentRole.Plateau)
                {
                    // Evaluated on its own time; a horizon-defaulted length fills the window (or what the horizon leaves after From).
                    double end = c.WindowEnd;
                    double remaining = (double.IsPositiveInfinity(end) ? Horizon : end) - c.WindowStart + c.StartAt;
                    windowed.Add(new WindowedTerm(c.ToTerm(shapeContext with { Remaining = remaining }), c.WindowStart, end, c.StartAt));
                }
                else if (c.Role == ComponentRole.Prefix) prefixes.Add(c.ToTerm(shapeContext));
                else if (c.Role == ComponentRole.Shape) shapes.Add(c.ToTerm(shapeContext));
                else if (c.Role == ComponentRole.WholeSchedule) Whole = c.ToTerm(shapeContext with { Remaining = Horizon });
            }
            _windowed = windowed.ToArray();
            _prefixes = prefixes.ToArray();
            _shapes = shapes.ToArray();
            MomentumTerm = Whole is { CyclesMomentum: true } ? Whole : Array.Find(_shapes, shape => shape.CyclesMomentum);
            WindowsCycleMomentum = Array.Exists(_windowed, w => w.Term.CyclesMomentum);
            FloorFactor = definition.Floor is double floor ? floor / PeakRate : 0.0;
            _customFactors = customFactors;
        }

        /// <summary>The definition compiled.</summary>
        public ScheduleDefinition Definition { get; }

        /// <summary>The declared peak rate (a group's base rate for a schedule resolved by <see cref="ForGroup"/> under absolute minimums).</summary>
        public double PeakRate { get; }

        /// <summary>This schedule as a parameter group of base rate <paramref name="baseRate"/> sees it: under
        /// <see cref="MinimumScaling.Absolute"/>, every absolute rate of the definition (minimums, end and base rates,
        /// plateau minimum and eps, floor) is divided by <paramref name="baseRate"/> instead of the peak, as PyTorch applies
        /// <c>eta_min</c> to every group; under <see cref="MinimumScaling.Scaled"/> it is this schedule. The group's rate is
        /// <c>baseRate * ForGroup(baseRate).FactorAt(t)</c>. Allocates the resolved terms once (keep the result).</summary>
        public CompiledSchedule ForGroup(double baseRate)
        {
            if (!(baseRate > 0) || double.IsInfinity(baseRate))
                throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, $"baseRate = {Numbers.Format(baseRate)}: must be a finite number greater than 0.");
            return Definition.Minimums == MinimumScaling.Absolute ? new CompiledSchedule(Definition, baseRate, _customFactors) : this;
        }

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

        /// <summary>Components with a window (From/Until), in declaration order: each multiplies the rest inside its window.</summary>
        public IReadOnlyList<WindowedTerm> Windowed => _windowed;

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
            double t = CompositionSteps.ApplyHorizon(time, Horizon, Definition.PastHorizon);
            double factor = DefaultFactorAt(t, baseMomentum, maxMomentum, out momentum);
            if (_windowed.Length == 0) return factor;
            // A cycling component inside its window sets the momentum (the active scheduler of a SequentialLR does); the last one declared wins.
            double w = 1.0;
            foreach (WindowedTerm term in _windowed) w *= term.FactorAndMomentum(t, baseMomentum, maxMomentum, ref momentum);
            return factor * w;
        }

        // The components without a window, in their default places (warmup/hold prefix, shapes after it, or the whole schedule).
        private double DefaultFactorAt(double t, double baseMomentum, double maxMomentum, out double momentum)
        {
            momentum = maxMomentum;
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
                // Declared apart from the call: a mutation tool that rewrites the statement must not lose the variable.
                double shapeMomentum;
                factor *= shape.FactorAndMomentum(s, baseMomentum, maxMomentum, out shapeMomentum);
                if (shape == MomentumTerm) momentum = shapeMomentum;
            }
            return factor;
        }

        /// <summary>Whether the core can evaluate every term (false when a custom factor, which runs only in generated code, is declared).</summary>
        public bool IsEvaluable => (Whole?.IsEvaluable ?? _prefixes.Concat(_shapes).All(term => term.IsEvaluable)) && _windowed.All(w => w.Term.IsEvaluable);

        /// <summary>Whether a one-cycle or cyclic shape cycles momentum (everywhere, or inside its window).</summary>
        public bool CyclesMomentum => MomentumTerm is not null || WindowsCycleMomentum;

        /// <summary>The one-cycle or cyclic term without a window whose momentum the schedule cycles (found once), or null.</summary>
        public Term? MomentumTerm { get; }

        /// <summary>Whether a one-cycle or cyclic component with a window cycles momentum inside it (outside, it leaves momentum alone).</summary>
        public bool WindowsCycleMomentum { get; }

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

    /// <summary>A component with a window in schedule time: its term evaluated on the local time <c>t - Start + StartAt</c> for
    /// <c>Start &lt;= t &lt; End</c>, factor 1 outside. <see cref="Factor"/> and <see cref="Expression"/> are the one
    /// place the window is applied, for the runtime and for generated code alike.</summary>
    public sealed class WindowedTerm
    {
        internal WindowedTerm(Term term, double start, double end, double startAt = 0.0)
        {
            Term = term;
            Start = start;
            End = end;
            StartAt = startAt;
        }

        /// <summary>The component's term, on its local time.</summary>
        public Term Term { get; }

        /// <summary>Start of the window (inclusive).</summary>
        public double Start { get; }

        /// <summary>End of the window (exclusive; infinity when open-ended).</summary>
        public double End { get; }

        /// <summary>The term's own time at <see cref="Start"/> (0 unless declared).</summary>
        public double StartAt { get; }

        /// <summary>Whether the window never ends.</summary>
        public bool IsOpenEnded => double.IsPositiveInfinity(End);

        /// <summary>Whether schedule time <paramref name="t"/> lies in the window.</summary>
        public bool Contains(double t) => t >= Start && (IsOpenEnded || t < End);

        /// <summary>The factor at schedule time <paramref name="t"/>: the term's on its local time inside the window, 1 outside.</summary>
        public double Factor(double t) => Contains(t) ? Term.Factor(LocalTime(t)) : 1.0;

        /// <summary><see cref="Factor"/>; inside the window a cycling term (one-cycle, cyclic) also sets <paramref name="momentum"/>
        /// from its local time, as the active scheduler of PyTorch's <c>SequentialLR</c> does. Outside, or for another family,
        /// <paramref name="momentum"/> is left as it was.</summary>
        public double FactorAndMomentum(double t, double baseMomentum, double maxMomentum, ref double momentum)
        {
            if (!Contains(t)) return 1.0;
            double local = LocalTime(t);
            return Term.CyclesMomentum ? Term.FactorAndMomentum(local, baseMomentum, maxMomentum, out momentum) : Term.Factor(local);
        }

        /// <summary>The same check and call as C# (<c>t &gt;= a &amp;&amp; t &lt; b ? F(t - a) : 1.0</c>).</summary>
        internal string Expression(string time, StaticArrays fields) => $"({Inside(time)} ? {Term.Expression(Local(time), fields)} : 1.0)";

        /// <summary>The check and call without the alternative (<c>t &gt;= a &amp;&amp; t &lt; b ? F(t - a)</c>), for a chain of windows that never overlap.</summary>
        internal string Choice(string time, StaticArrays fields) => $"{Inside(time)} ? {Term.Expression(Local(time), fields)}";

        /// <summary><see cref="FactorAndMomentum"/> as a C# statement multiplying <paramref name="product"/>: a cycling term
        /// stores its momentum into <paramref name="momentum"/> only inside the window.</summary>
        internal string MomentumStatement(string time, string product, string baseMomentum, string maxMomentum, string momentum, StaticArrays fields) =>
            Term.CyclesMomentum
                ? $"if ({Inside(time)}) {product} *= {Term.FactorAndMomentumExpression(Local(time), baseMomentum, maxMomentum, momentum, fields)};"
                : $"{product} *= {Expression(time, fields)};";

        // The local time, computed in the same order as Local writes it, so core and generated code agree to the bit.
        private double LocalTime(double t)
        {
            double local = Start == 0.0 ? t : t - Start;
            return StartAt == 0.0 ? local : local + StartAt;
        }

        private string Local(string time)
        {
            string local = Start == 0.0 ? time : $"{time} - {CSharp.Literal(Start)}";
            return StartAt == 0.0 ? local : $"{local} + {CSharp.Literal(StartAt)}";
        }

        private string Inside(string time) => $"{time} >= {CSharp.Literal(Start)}" + (IsOpenEnded ? "" : $" && {time} < {CSharp.Literal(End)}");

        /// <summary>The call and its window, with the time named <c>t</c>.</summary>
        public override string ToString() => Expression("t", new StaticArrays()).Replace("global::ScheduleDsl.Families.", "");
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
