using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl.Families
{
    /// <summary>Multi-step decay, PyTorch <c>MultiStepLR</c>: <c>gamma^(number of milestones &lt;= t)</c>;
    /// a milestone listed twice applies gamma twice, as in PyTorch.</summary>
    public static class MultiStep
    {
        /// <summary>Factor at time <paramref name="t"/>; <paramref name="milestones"/> are non-decreasing.</summary>
        public static double Factor(double t, double[] milestones, double gamma)
        {
            // bisect_right, as PyTorch's closed form does.
            int passed = 0;
            while (passed < milestones.Length && milestones[passed] <= t) passed++;
            return Math.Pow(gamma, passed);
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>PyTorch <c>MultiStepLR</c>.</summary>
    public sealed record MultiStepShape(EquatableArray<double> Milestones, double Gamma = 0.1) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(MultiStepAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new MultiStepShape(new EquatableArray<double>(a.Doubles(nameof(Milestones))));
            if (a.Has(nameof(Gamma))) c = c with { Gamma = a.Double(nameof(Gamma)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            if (Milestones.Count == 0) check.Invalid(nameof(Milestones), double.NaN, "at least one milestone is required", "(none)");
            for (int k = 0; k < Milestones.Count; k++)
            {
                double value = Milestones[k];
                if (!ScheduleRules.Checks.IsFinite(value) || value < 0)
                    check.Add(RuleKind.InvalidArgument, nameof(Milestones), k, $"{check.Component}.{nameof(Milestones)}[{k}] = {N(value)}: must be a finite number >= 0.");
                else if (k > 0 && value < Milestones[k - 1])
                    check.Add(RuleKind.MilestonesNotIncreasing, nameof(Milestones), k,
                        $"{check.Component}.{nameof(Milestones)}[{k}] = {N(value)}: milestones must not decrease, but the previous one is {N(Milestones[k - 1])}.");
            }
            check.Positive(nameof(Gamma), Gamma);
            check.DecayFactor(nameof(Gamma), Gamma);
            check.BoundedGrowth(nameof(Gamma), Gamma, Milestones.Count);
        }

        internal override double LargestFactor(double maxTime, double peak) => Gamma > 1 ? Math.Pow(Gamma, Milestones.Count) : 1.0;

        internal override double? SmallestFactor(double maxTime, double peak) => Gamma < 1 ? Math.Pow(Gamma, Milestones.Count) : 1.0;

        internal override Term ToTerm(TermContext context) => new MultiStepTerm(this);

        internal override string Describe(string unit) => $"decay by {N(Gamma)} at {string.Join(", ", Milestones.Select(N))} {unit}";

        internal override string ConstructionCode() => CSharp.New(typeof(MultiStepShape), CSharp.EquatableArray(Milestones), L(Gamma));

        internal override void WriteCanonical(StringBuilder t)
        {
            t.Append("multistep(");
            foreach (double m in Milestones) t.Append(N(m)).Append(';');
            t.Append(N(Gamma)).Append(')');
        }

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) => Milestones.Select(m => (start + m, "milestone"));

        internal override double? PreviewLength => Milestones.Count > 0 ? Milestones[Milestones.Count - 1] * 1.25 : null;

        private sealed class MultiStepTerm : Term
        {
            private readonly double[] _milestones;
            private readonly double _gamma;
            public MultiStepTerm(MultiStepShape m) : base(m)
            {
                _milestones = m.Milestones.ToArray();
                _gamma = m.Gamma;
            }
            public override double Factor(double t) => MultiStep.Factor(t, _milestones, _gamma);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(MultiStep), nameof(MultiStep.Factor), time, fields.Field(nameof(Milestones), _milestones), L(_gamma));
        }
    }
}
