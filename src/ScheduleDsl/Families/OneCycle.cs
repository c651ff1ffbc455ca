using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>Annealing curve of a one-cycle phase, as PyTorch <c>OneCycleLR</c>'s <c>anneal_strategy</c>.</summary>
    public enum AnnealStrategy
    {
        /// <summary>Cosine between the phase's end points.</summary>
        Cos,
        /// <summary>Straight line between the phase's end points.</summary>
        Linear,
    }
}

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl.Families
{
    /// <summary>One-cycle policy, PyTorch <c>OneCycleLR</c>: phases end at <c>pctStart*T - 1</c>
    /// (and <c>2*pctStart*T - 2</c> when three-phase) and <c>T - 1</c>; the rate rises from
    /// <c>1/divFactor</c> of the peak to the peak, then anneals to <c>1/(divFactor*finalDivFactor)</c>.</summary>
    public static class OneCycle
    {
        /// <summary>Factor of the peak at step <paramref name="t"/> of <paramref name="totalSteps"/>.</summary>
        public static double Factor(double t, double totalSteps, double pctStart, AnnealStrategy anneal,
            double divFactor, double finalDivFactor, bool threePhase)
        {
            int phase = Phase(t, totalSteps, pctStart, threePhase, out double pct);
            return FactorIn(phase, anneal, pct, Cosine(anneal, pct), divFactor, finalDivFactor, threePhase);
        }

        /// <summary>Momentum cycled inversely to the rate (PyTorch <c>cycle_momentum=True</c>).</summary>
        public static double Momentum(double t, double totalSteps, double pctStart, AnnealStrategy anneal,
            bool threePhase, double baseMomentum, double maxMomentum)
        {
            int phase = Phase(t, totalSteps, pctStart, threePhase, out double pct);
            return MomentumIn(phase, anneal, pct, Cosine(anneal, pct), threePhase, baseMomentum, maxMomentum);
        }

        /// <summary><see cref="Factor"/> and <see cref="Momentum"/> at once, bit for bit the same values: the
        /// phase and its cosine are computed once (a training step needs both).</summary>
        public static double FactorAndMomentum(double t, double totalSteps, double pctStart, AnnealStrategy anneal,
            double divFactor, double finalDivFactor, bool threePhase, double baseMomentum, double maxMomentum, out double momentum)
        {
            int phase = Phase(t, totalSteps, pctStart, threePhase, out double pct);
            double cosine = Cosine(anneal, pct);
            momentum = MomentumIn(phase, anneal, pct, cosine, threePhase, baseMomentum, maxMomentum);
            return FactorIn(phase, anneal, pct, cosine, divFactor, finalDivFactor, threePhase);
        }

        private static double FactorIn(int phase, AnnealStrategy anneal, double pct, double cosine,
            double divFactor, double finalDivFactor, bool threePhase)
        {
            double initial = 1.0 / divFactor;
            double min = initial / finalDivFactor;
            return threePhase
                ? Along(phase, anneal, pct, cosine, true, initial, 1.0, initial, min)
                : Along(phase, anneal, pct, cosine, false, initial, 1.0, 1.0, min);
        }

        private static double MomentumIn(int phase, AnnealStrategy anneal, double pct, double cosine,
            bool threePhase, double baseMomentum, double maxMomentum) =>
            threePhase
                ? Along(phase, anneal, pct, cosine, true, maxMomentum, baseMomentum, maxMomentum, maxMomentum)
                : Along(phase, anneal, pct, cosine, false, maxMomentum, baseMomentum, baseMomentum, maxMomentum);

        // Where t lies in PyTorch's phase list (0, 1 or 2) and how far through that phase.
        private static int Phase(double t, double totalSteps, double pctStart, bool threePhase, out double pct)
        {
            double end1 = pctStart * totalSteps - 1.0;
            if (t <= end1) { pct = t / end1; return 0; }
            if (!threePhase) { pct = (t - end1) / (totalSteps - 1.0 - end1); return 1; }
            double end2 = 2.0 * pctStart * totalSteps - 2.0;
            if (t <= end2) { pct = (t - end1) / (end2 - end1); return 1; }
            pct = (t - end2) / (totalSteps - 1.0 - end2);
            return 2;
        }

        // A value goes a -> b in the first phase, then b -> c, then (three-phase) c -> d; two-phase: b -> d.
        private static double Along(int phase, AnnealStrategy anneal, double pct, double cosine, bool threePhase,
            double a, double b, double c, double d) => phase switch
            {
                0 => Anneal(anneal, a, b, pct, cosine),
                1 => threePhase ? Anneal(anneal, b, c, pct, cosine) : Anneal(anneal, b, d, pct, cosine),
                _ => Anneal(anneal, c, d, pct, cosine),
            };

        // PyTorch's _annealing_cos uses cos(pi * pct) + 1; shared by the rate and the momentum of a step.
        private static double Cosine(AnnealStrategy anneal, double pct) => anneal == AnnealStrategy.Cos ? Math.Cos(Math.PI * pct) + 1.0 : 0.0;

        private static double Anneal(AnnealStrategy anneal, double start, double end, double pct, double cosine) =>
            anneal == AnnealStrategy.Cos
                ? end + (start - end) / 2.0 * cosine
                : (end - start) * pct + start;
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>OneCycleLR</c> over the whole horizon; the peak rate is its <c>max_lr</c>.</summary>
    public sealed record OneCycleShape(double PctStart = 0.3, AnnealStrategy Anneal = AnnealStrategy.Cos,
        double DivFactor = 25.0, double FinalDivFactor = 1e4, bool ThreePhase = false) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(OneCycleAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.WholeSchedule;
        /// <inheritdoc/>
        public override bool NeedsHorizon => true;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new OneCycleShape();
            if (a.Has(nameof(PctStart))) c = c with { PctStart = a.Double(nameof(PctStart)) };
            if (a.Has(nameof(Anneal))) c = c with { Anneal = a.Enum(nameof(Anneal), c.Anneal) };
            if (a.Has(nameof(DivFactor))) c = c with { DivFactor = a.Double(nameof(DivFactor)) };
            if (a.Has(nameof(FinalDivFactor))) c = c with { FinalDivFactor = a.Double(nameof(FinalDivFactor)) };
            if (a.Has(nameof(ThreePhase))) c = c with { ThreePhase = a.Bool(nameof(ThreePhase)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            ScheduleDefinition d = check.Definition;
            // PyTorch's phase ends (pct*T - 1, T - 1) count optimizer steps; in epochs they would be off.
            if (d.Unit != TimeUnit.Steps)
                check.Add(RuleKind.InvalidArgument, null, -1,
                    "OneCycle counts optimizer steps (its phases end at PctStart * T - 1 and T - 1 steps): declare the schedule with [Steps(epochs * stepsPerEpoch)] instead of [Epochs].");
            if (!(PctStart > 0 && PctStart < 1)) check.Invalid(nameof(PctStart), PctStart, "must lie strictly between 0 and 1");
            else if (check.ComponentHorizon is double total && ScheduleRules.Checks.IsFinite(total))
            {
                if (PctStart * total - 1.0 <= 0)
                    check.Invalid(nameof(PctStart), PctStart, $"its warmup phase ends at PctStart * {N(total)} - 1 <= 0 steps; raise it or the horizon");
                else if (ThreePhase && 2.0 * PctStart * total - 2.0 >= total - 1.0)
                    check.Invalid(nameof(PctStart), PctStart, "a three-phase cycle needs 2 * PctStart * total - 2 < total - 1 (PctStart below about 0.5)");
            }
            check.Positive(nameof(DivFactor), DivFactor);
            check.Positive(nameof(FinalDivFactor), FinalDivFactor);
            // Derived: the start factor 1 / DivFactor and the final one 1 / (DivFactor * FinalDivFactor) must be finite.
            if (DivFactor > 0 && !ScheduleRules.Checks.IsFinite(1.0 / DivFactor))
                check.Invalid(nameof(DivFactor), DivFactor, "is too small: the start factor 1 / DivFactor overflows to infinity");
            else if (DivFactor > 0 && FinalDivFactor > 0 && ScheduleRules.Checks.IsFinite(FinalDivFactor) && !ScheduleRules.Checks.IsFinite(1.0 / DivFactor / FinalDivFactor))
                check.Invalid(nameof(FinalDivFactor), FinalDivFactor, "is too small: the final factor 1 / DivFactor / FinalDivFactor overflows to infinity");
        }

        // The cycle runs between its start (1 / DivFactor), the peak and its end (1 / DivFactor / FinalDivFactor): above 1 when
        // DivFactor or FinalDivFactor is below 1 (a linear anneal extrapolated one step past its end may pass its end by a step).
        internal override double LargestFactor(double maxTime, double peak) => Math.Max(1.0, Math.Max(1.0 / DivFactor, 1.0 / DivFactor / FinalDivFactor));

        // A linear anneal extrapolated past its last step falls to 0 (the floor of 0 holds it there); a cosine one rises back.
        // The lowest point is the start or the end, whichever is lower (a FinalDivFactor below 1 ends above the start).
        internal override double? SmallestFactor(double maxTime, double peak) =>
            Anneal == AnnealStrategy.Linear ? 0.0 : Math.Min(1.0 / DivFactor, 1.0 / DivFactor / FinalDivFactor);

        internal override Term ToTerm(TermContext context) => new OneCycleTerm(this, context.Remaining);

        internal override string Describe(string unit) =>
            $"one cycle ({(ThreePhase ? "three-phase, " : "")}{(PctStart * 100).ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}% rising from peak/{N(DivFactor)}, {Anneal.ToString().ToLowerInvariant()} annealing to peak/{N(DivFactor * FinalDivFactor)})";

        internal override string ConstructionCode() =>
            CSharp.New(typeof(OneCycleShape), L(PctStart), CSharp.Literal(Anneal), L(DivFactor), L(FinalDivFactor), CSharp.Literal(ThreePhase));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"onecycle({N(PctStart)},{Anneal},{N(DivFactor)},{N(FinalDivFactor)},{ThreePhase})");

        private sealed class OneCycleTerm : Term
        {
            private readonly OneCycleShape _o;
            private readonly double _totalSteps;
            public OneCycleTerm(OneCycleShape o, double totalSteps) : base(o)
            {
                _o = o;
                _totalSteps = totalSteps;
            }
            public override bool CyclesMomentum => true;
            public override double Factor(double t) => OneCycle.Factor(t, _totalSteps, _o.PctStart, _o.Anneal, _o.DivFactor, _o.FinalDivFactor, _o.ThreePhase);
            public override double FactorAndMomentum(double t, double baseMomentum, double maxMomentum, out double momentum) =>
                OneCycle.FactorAndMomentum(t, _totalSteps, _o.PctStart, _o.Anneal, _o.DivFactor, _o.FinalDivFactor, _o.ThreePhase, baseMomentum, maxMomentum, out momentum);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(OneCycle), nameof(OneCycle.Factor), Arguments(time));
            internal override string FactorAndMomentumExpression(string time, string baseMomentum, string maxMomentum, string momentum, StaticArrays fields) =>
                CSharp.Call(typeof(OneCycle), nameof(OneCycle.FactorAndMomentum), Arguments(time, baseMomentum, maxMomentum, "out " + momentum));
            private string[] Arguments(string time, params string[] more) =>
                new[] { time, L(_totalSteps), L(_o.PctStart), CSharp.Literal(_o.Anneal), L(_o.DivFactor), L(_o.FinalDivFactor), CSharp.Literal(_o.ThreePhase) }
                    .Concat(more).ToArray();
        }
    }
}
