using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Writes a definition back as the attribute declaration a user would write (test input).</summary>
    internal static class AttributeWriter
    {
        public static string Class(string name, ScheduleDefinition d, string body = "")
        {
            var text = new StringBuilder();
            text.Append(Marker(d)).Append('\n');
            if (d.Unit == TimeUnit.Epochs) text.Append(d.Horizon is double h ? $"[Epochs({L(h)})]\n" : "[Epochs]\n");
            else text.Append(d.Horizon is double h ? $"[Steps({((long)h).ToString(CultureInfo.InvariantCulture)})]\n" : "[Steps]\n");
            if (d.Floor is double floor) text.Append($"[Floor({L(floor)})]\n");
            if (d.PastHorizon != PastHorizonPolicy.Hold) text.Append($"[PastHorizon(PastHorizonPolicy.{d.PastHorizon})]\n");
            foreach (ScheduleComponent c in d.Components) text.Append('[').Append(WithWindow(c, Component(c))).Append("]\n");
            text.Append($"public partial class {name} {{ {body} }}\n");
            return text.ToString();
        }

        // The marker of the definition's kind, with its value (and name, for [Hyperparameter]).
        private static string Marker(ScheduleDefinition d) => d.Kind switch
        {
            HyperparameterKind.LearningRate => d.Minimums == MinimumScaling.Scaled
                ? $"[LearningRate({L(d.LearningRate)})]"
                : $"[LearningRate({L(d.LearningRate)}, Minimums = MinimumScaling.{d.Minimums})]",
            HyperparameterKind.Other => $"[Hyperparameter(\"{d.Name}\", {L(d.LearningRate)})]",
            _ => $"[{d.Kind}({L(d.LearningRate)})]",
        };

        // From/Until/StartAt as named arguments, after the component's own.
        private static string WithWindow(ScheduleComponent c, string attribute)
        {
            if (!c.IsWindowed && c.StartAt == 0) return attribute;
            string window = string.Join(", ", new[] { Opt("From", c.From), Opt("Until", c.Until), Opt("StartAt", c.StartAt == 0 ? null : c.StartAt) }.Where(o => o.Length > 0).Select(o => o[2..]));
            return attribute.EndsWith(')') ? $"{attribute[..^1]}, {window})" : $"{attribute}({window})";
        }

        private static string Component(ScheduleComponent component)
        {
            switch (component)
            {
                case WarmupPhase w: return $"Warmup({L(w.Length)}, Kind = WarmupKind.{w.Kind}, StartFactor = {L(w.StartFactor)})";
                case HoldPhase h: return $"Hold({L(h.Length)})";
                case StepDecayShape s: return $"StepDecay({L(s.StepSize)}, {L(s.Gamma)})";
                case MultiStepShape m: return $"MultiStep({string.Join(", ", m.Milestones.Select(L))}, Gamma = {L(m.Gamma)})";
                case ExponentialShape e: return $"Exponential({L(e.Gamma)}, DecaySteps = {L(e.DecaySteps)}, Staircase = {B(e.Staircase)})";
                case PolynomialShape p: return $"Polynomial(Power = {L(p.Power)}, {End("EndLr", p.EndLr, p.EndValue)}{Opt("TotalIters", p.TotalIters)})";
                case InverseTimeShape it: return $"InverseTime({L(it.DecayRate)}, DecaySteps = {L(it.DecaySteps)}, Staircase = {B(it.Staircase)})";
                case InverseSqrtShape isq: return isq.Timescale is double ts ? $"InverseSqrt(Timescale = {L(ts)})" : "InverseSqrt";
                case LinearDecayShape l: return $"LinearDecay(StartFactor = {L(l.StartFactor)}, {End("EndFactor", l.EndFactor, l.EndValue)}{Opt("TotalIters", l.TotalIters)})";
                case CosineShape c: return $"Cosine({End("MinLr", c.MinLr, c.EndValue)}{Opt("Period", c.Period)})";
                case CosineRestartsShape r: return $"CosineRestarts({L(r.T0)}, TMult = {r.TMult}, {End("MinLr", r.MinLr, r.EndValue)}"
                    + (r.Decay != 1.0 || r.DecayMode != RestartDecayMode.Peak || r.CycleLimit != 0 ? $", Decay = {L(r.Decay)}, DecayMode = RestartDecayMode.{r.DecayMode}, CycleLimit = {r.CycleLimit})" : ")");
                case CyclicShape cy: return $"Cyclic({L(cy.BaseLr)}, {L(cy.StepSizeUp)}, Mode = CyclicMode.{cy.Mode}, Gamma = {L(cy.Gamma)}{Opt("StepSizeDown", cy.StepSizeDown)}{Opt("MaxLr", cy.MaxLr)}"
                    + (cy.ScaleMode != CyclicScaleMode.Default ? $", ScaleMode = CyclicScaleMode.{cy.ScaleMode})" : ")");
                case OneCycleShape o: return $"OneCycle(PctStart = {L(o.PctStart)}, Anneal = AnnealStrategy.{o.Anneal}, DivFactor = {L(o.DivFactor)}, FinalDivFactor = {L(o.FinalDivFactor)}, ThreePhase = {B(o.ThreePhase)})";
                case WsdShape w: return $"Wsd({L(w.WarmupLength)}, {L(w.StableLength)}, WarmupCurve = WsdCurve.{w.WarmupCurve}, DecayCurve = WsdCurve.{w.DecayCurve}, MinLrRatio = {L(w.MinLrRatio)}, NumCycles = {L(w.NumCycles)}{Opt("DecayLength", w.DecayLength)})";
                case PlateauReduction p: return $"ReduceOnPlateau(Mode = PlateauMode.{p.Mode}, Factor = {L(p.Factor)}, Patience = {p.Patience}, Threshold = {L(p.Threshold)}, ThresholdMode = ThresholdMode.{p.ThresholdMode}, Cooldown = {p.Cooldown}, MinLr = {L(p.MinLr)}, Eps = {L(p.Eps)})";
                case PiecewiseConstantShape pc: return $"PiecewiseConstant(new[] {{ {string.Join(", ", pc.Boundaries.Select(L))} }}, new[] {{ {string.Join(", ", pc.Values.Select(L))} }})";
                case PiecewiseInterpolateShape pi: return $"PiecewiseInterpolate(new[] {{ {string.Join(", ", pi.Times.Select(L))} }}, new[] {{ {string.Join(", ", pi.Factors.Select(L))} }}, Interpolation = Interpolation.{pi.Interpolation})";
                case RateNoiseShape n: return $"RateNoise(Pct = {L(n.Pct)}, Distribution = NoiseDistribution.{n.Distribution}, Seed = {n.Seed.ToString(CultureInfo.InvariantCulture)}, RangeStart = {L(n.RangeStart)}{Opt("RangeEnd", n.RangeEnd)})";
                case ConstantFactorShape cf: return $"ConstantFactor({L(cf.Factor)}, TotalIters = {L(cf.TotalIters)})";
                case LinearFactorShape lf: return $"LinearFactor({L(lf.StartFactor)}, EndFactor = {L(lf.EndFactor)}, TotalIters = {L(lf.TotalIters)})";
                case CustomShape custom: return $"CustomFactor(\"{custom.MethodName}\")";
                default: throw new System.NotSupportedException(component.Name);
            }
        }

        // The end as declared: EndValue when the record holds one, else the learning-rate spelling.
        private static string End(string name, double value, double? endValue) => endValue is double end ? $"EndValue = {L(end)}" : $"{name} = {L(value)}";

        private static string Opt(string name, double? value) => value is double v ? $", {name} = {L(v)}" : "";

        private static string L(double value) => Numbers.Literal(value);

        private static string B(bool value) => value ? "true" : "false";

        public const string Usings = "using ScheduleDsl;\n"; // one namespace holds every attribute and argument enum
    }
}
