using System;
using System.Text;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;

namespace ScheduleDsl.Composition
{
    /// <summary>Which family formula a <see cref="Term"/> calls.</summary>
    public enum TermKind
    {
        /// <summary><see cref="Families.Warmup"/>.</summary>
        Warmup,
        /// <summary>Factor 1 (hold phase).</summary>
        Hold,
        /// <summary><see cref="Families.StepDecay"/>.</summary>
        StepDecay,
        /// <summary><see cref="Families.MultiStep"/>.</summary>
        MultiStep,
        /// <summary><see cref="Families.Exponential"/>.</summary>
        Exponential,
        /// <summary><see cref="Families.Polynomial"/>.</summary>
        Polynomial,
        /// <summary><see cref="Families.InverseTime"/>.</summary>
        InverseTime,
        /// <summary><see cref="Families.InverseSqrt"/>.</summary>
        InverseSqrt,
        /// <summary><see cref="Families.LinearDecay"/>.</summary>
        LinearDecay,
        /// <summary><see cref="Families.Cosine"/>.</summary>
        Cosine,
        /// <summary><see cref="Families.CosineRestarts"/>.</summary>
        CosineRestarts,
        /// <summary><see cref="Families.Cyclic"/>.</summary>
        Cyclic,
        /// <summary><see cref="Families.OneCycle"/>.</summary>
        OneCycle,
        /// <summary><see cref="Families.Wsd"/>.</summary>
        Wsd,
        /// <summary>A user method (generated code only).</summary>
        Custom,
    }

    /// <summary>A component with every default resolved (lengths from the horizon, rates turned into
    /// factors of the peak): the arguments of one family call. <see cref="Factor"/> evaluates it and
    /// <see cref="Expression"/> writes the identical call as C#, so the runtime and the generated
    /// code compute the same doubles.</summary>
    public sealed class Term
    {
        private readonly double[] _args;

        internal Term(TermKind kind, double length, double[] args, double[]? milestones = null, string? method = null)
        {
            Kind = kind;
            Length = length;
            _args = args;
            Milestones = milestones ?? Array.Empty<double>();
            Method = method;
        }

        /// <summary>The family.</summary>
        public TermKind Kind { get; }

        /// <summary>Duration of a prefix phase; 0 for shapes.</summary>
        public double Length { get; }

        /// <summary>Milestones of a multi-step decay.</summary>
        public double[] Milestones { get; }

        /// <summary>The user method of a custom shape.</summary>
        public string? Method { get; }

        /// <summary>Factor at time <paramref name="t"/> (since the phase or the prefix began).</summary>
        public double Factor(double t)
        {
            double[] a = _args;
            switch (Kind)
            {
                case TermKind.Warmup: return Warmup.Factor(t, a[0], (WarmupKind)(int)a[1], a[2]);
                case TermKind.Hold: return 1.0;
                case TermKind.StepDecay: return StepDecay.Factor(t, a[0], a[1]);
                case TermKind.MultiStep: return MultiStep.Factor(t, Milestones, a[0]);
                case TermKind.Exponential: return Exponential.Factor(t, a[0], a[1], a[2] != 0);
                case TermKind.Polynomial: return Polynomial.Factor(t, a[0], a[1], a[2]);
                case TermKind.InverseTime: return InverseTime.Factor(t, a[0], a[1], a[2] != 0);
                case TermKind.InverseSqrt: return InverseSqrt.Factor(t, a[0]);
                case TermKind.LinearDecay: return LinearDecay.Factor(t, a[0], a[1], a[2]);
                case TermKind.Cosine: return Cosine.Factor(t, a[0], a[1]);
                case TermKind.CosineRestarts: return CosineRestarts.Factor(t, a[0], a[1], a[2]);
                case TermKind.Cyclic: return Cyclic.Factor(t, a[0], a[1], a[2], (CyclicMode)(int)a[3], a[4]);
                case TermKind.OneCycle: return OneCycle.Factor(t, a[0], a[1], (AnnealStrategy)(int)a[2], a[3], a[4], a[5] != 0);
                case TermKind.Wsd: return Wsd.Factor(t, a[0], a[1], a[2], (WsdCurve)(int)a[3], (WsdCurve)(int)a[4], a[5], a[6]);
                default: throw new NotSupportedException($"A custom factor ({Method}) is evaluated only by generated code.");
            }
        }

        /// <summary>Whether this family cycles momentum (one-cycle, cyclic).</summary>
        public bool CyclesMomentum => Kind is TermKind.OneCycle or TermKind.Cyclic;

        /// <summary><see cref="Factor"/> at <paramref name="t"/> and the momentum cycled inversely to it (one-cycle,
        /// cyclic; computed together, as a training step needs both); <paramref name="maxMomentum"/> for other families.</summary>
        public double FactorAndMomentum(double t, double baseMomentum, double maxMomentum, out double momentum)
        {
            double[] a = _args;
            switch (Kind)
            {
                case TermKind.OneCycle:
                    return OneCycle.FactorAndMomentum(t, a[0], a[1], (AnnealStrategy)(int)a[2], a[3], a[4], a[5] != 0, baseMomentum, maxMomentum, out momentum);
                case TermKind.Cyclic:
                    return Cyclic.FactorAndMomentum(t, a[0], a[1], a[2], (CyclicMode)(int)a[3], a[4], baseMomentum, maxMomentum, out momentum);
                default:
                    momentum = maxMomentum;
                    return Factor(t);
            }
        }

        /// <summary>The C# call computing <see cref="Factor"/> at the time held by <paramref name="time"/>;
        /// <paramref name="milestonesField"/> names a static <c>double[]</c> holding <see cref="Milestones"/>.</summary>
        public string Expression(string time, string milestonesField = "Milestones")
        {
            double[] a = _args;
            const string F = "global::ScheduleDsl.Families.";
            switch (Kind)
            {
                case TermKind.Warmup: return $"{F}Warmup.Factor({time}, {L(a[0])}, global::ScheduleDsl.WarmupKind.{(WarmupKind)(int)a[1]}, {L(a[2])})";
                case TermKind.Hold: return "1.0";
                case TermKind.StepDecay: return $"{F}StepDecay.Factor({time}, {L(a[0])}, {L(a[1])})";
                case TermKind.MultiStep: return $"{F}MultiStep.Factor({time}, {milestonesField}, {L(a[0])})";
                case TermKind.Exponential: return $"{F}Exponential.Factor({time}, {L(a[0])}, {L(a[1])}, {B(a[2])})";
                case TermKind.Polynomial: return $"{F}Polynomial.Factor({time}, {L(a[0])}, {L(a[1])}, {L(a[2])})";
                case TermKind.InverseTime: return $"{F}InverseTime.Factor({time}, {L(a[0])}, {L(a[1])}, {B(a[2])})";
                case TermKind.InverseSqrt: return $"{F}InverseSqrt.Factor({time}, {L(a[0])})";
                case TermKind.LinearDecay: return $"{F}LinearDecay.Factor({time}, {L(a[0])}, {L(a[1])}, {L(a[2])})";
                case TermKind.Cosine: return $"{F}Cosine.Factor({time}, {L(a[0])}, {L(a[1])})";
                case TermKind.CosineRestarts: return $"{F}CosineRestarts.Factor({time}, {L(a[0])}, {L(a[1])}, {L(a[2])})";
                case TermKind.Cyclic: return $"{F}Cyclic.Factor({time}, {L(a[0])}, {L(a[1])}, {L(a[2])}, global::ScheduleDsl.CyclicMode.{(CyclicMode)(int)a[3]}, {L(a[4])})";
                case TermKind.OneCycle: return $"{F}OneCycle.Factor({time}, {L(a[0])}, {L(a[1])}, global::ScheduleDsl.AnnealStrategy.{(AnnealStrategy)(int)a[2]}, {L(a[3])}, {L(a[4])}, {B(a[5])})";
                case TermKind.Wsd: return $"{F}Wsd.Factor({time}, {L(a[0])}, {L(a[1])}, {L(a[2])}, global::ScheduleDsl.WsdCurve.{(WsdCurve)(int)a[3]}, global::ScheduleDsl.WsdCurve.{(WsdCurve)(int)a[4]}, {L(a[5])}, {L(a[6])})";
                default: return $"{Method}({time})";
            }
        }

        /// <summary>The C# expression computing <see cref="FactorAndMomentum"/> at <paramref name="time"/> (generated code):
        /// the momentum bounds are held by <paramref name="baseMomentum"/> and <paramref name="maxMomentum"/>, the
        /// momentum is stored into <paramref name="momentum"/>. Other families: <see cref="Expression"/>, momentum untouched.</summary>
        public string FactorAndMomentumExpression(string time, string baseMomentum, string maxMomentum, string momentum, string milestonesField = "Milestones")
        {
            double[] a = _args;
            const string F = "global::ScheduleDsl.Families.";
            switch (Kind)
            {
                case TermKind.OneCycle:
                    return $"{F}OneCycle.FactorAndMomentum({time}, {L(a[0])}, {L(a[1])}, global::ScheduleDsl.AnnealStrategy.{(AnnealStrategy)(int)a[2]}, {L(a[3])}, {L(a[4])}, {B(a[5])}, {baseMomentum}, {maxMomentum}, out {momentum})";
                case TermKind.Cyclic:
                    return $"{F}Cyclic.FactorAndMomentum({time}, {L(a[0])}, {L(a[1])}, {L(a[2])}, global::ScheduleDsl.CyclicMode.{(CyclicMode)(int)a[3]}, {L(a[4])}, {baseMomentum}, {maxMomentum}, out {momentum})";
                default:
                    return Expression(time, milestonesField);
            }
        }

        private static string L(double value) => Numbers.Literal(value);

        private static string B(double flag) => flag != 0 ? "true" : "false";

        /// <summary>Builds the term for <paramref name="component"/>; <paramref name="remaining"/> is the
        /// horizon left after the prefix phases (NaN when none is declared).</summary>
        internal static Term From(ScheduleComponent component, double peak, double remaining, double warmupLength)
        {
            switch (component)
            {
                case WarmupPhase w: return new Term(TermKind.Warmup, w.Length, new[] { w.Length, (double)(int)w.Kind, w.StartFactor });
                case HoldPhase h: return new Term(TermKind.Hold, h.Length, Array.Empty<double>());
                case StepDecayShape s: return new Term(TermKind.StepDecay, 0, new[] { s.StepSize, s.Gamma });
                case MultiStepShape m: return new Term(TermKind.MultiStep, 0, new[] { m.Gamma }, m.Milestones.ToArray());
                case ExponentialShape e: return new Term(TermKind.Exponential, 0, new[] { e.Gamma, e.DecaySteps, e.Staircase ? 1.0 : 0.0 });
                case PolynomialShape p: return new Term(TermKind.Polynomial, 0, new[] { p.TotalIters ?? remaining, p.Power, p.EndLr / peak });
                case InverseTimeShape it: return new Term(TermKind.InverseTime, 0, new[] { it.DecayRate, it.DecaySteps, it.Staircase ? 1.0 : 0.0 });
                case InverseSqrtShape isq:
                    return new Term(TermKind.InverseSqrt, 0, new[] { isq.Timescale ?? (warmupLength > 0 ? warmupLength : InverseSqrt.DefaultTimescale) });
                case LinearDecayShape l: return new Term(TermKind.LinearDecay, 0, new[] { l.TotalIters ?? remaining, l.StartFactor, l.EndFactor });
                case CosineShape c: return new Term(TermKind.Cosine, 0, new[] { c.Period ?? remaining, c.MinLr / peak });
                case CosineRestartsShape r: return new Term(TermKind.CosineRestarts, 0, new[] { r.T0, (double)r.TMult, r.MinLr / peak });
                case CyclicShape cy:
                    return new Term(TermKind.Cyclic, 0, new[] { cy.BaseLr / peak, cy.StepSizeUp, cy.StepSizeDown ?? cy.StepSizeUp, (double)(int)cy.Mode, cy.Gamma });
                case OneCycleShape o:
                    return new Term(TermKind.OneCycle, 0, new[] { remaining, o.PctStart, (double)(int)o.Anneal, o.DivFactor, o.FinalDivFactor, o.ThreePhase ? 1.0 : 0.0 });
                case WsdShape wsd:
                    return new Term(TermKind.Wsd, 0, new[] { wsd.WarmupLength, wsd.StableLength, wsd.DecayLength ?? remaining - wsd.WarmupLength - wsd.StableLength,
                        (double)(int)wsd.WarmupCurve, (double)(int)wsd.DecayCurve, wsd.MinLrRatio, wsd.NumCycles });
                case CustomShape custom: return new Term(TermKind.Custom, 0, Array.Empty<double>(), method: custom.MethodName);
                default: throw new ArgumentException($"{component.Name} is not a prefix or a shape.", nameof(component));
            }
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            var text = new StringBuilder(Kind.ToString()).Append('(');
            for (int i = 0; i < _args.Length; i++) text.Append(i == 0 ? "" : ", ").Append(Numbers.Format(_args[i]));
            return text.Append(')').ToString();
        }
    }
}
