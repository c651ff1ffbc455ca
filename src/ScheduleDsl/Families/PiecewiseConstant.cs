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
    /// <summary>Piecewise constant, Keras <c>PiecewiseConstantDecay</c>: <c>factors[0]</c> while
    /// <c>t &lt;= boundaries[0]</c>, <c>factors[i]</c> for <c>boundaries[i-1] &lt; t &lt;= boundaries[i]</c>, and the
    /// last factor once <c>t &gt; boundaries[^1]</c>.</summary>
    public static class PiecewiseConstant
    {
        /// <summary>Factor at time <paramref name="t"/>; <paramref name="boundaries"/> increase strictly and
        /// <paramref name="factors"/> has one element more.</summary>
        public static double Factor(double t, double[] boundaries, double[] factors)
        {
            int passed = 0;
            while (passed < boundaries.Length && t > boundaries[passed]) passed++;
            return factors[passed];
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>Keras <c>PiecewiseConstantDecay</c>: the rate is <c>Values[i]</c> between <c>Boundaries[i-1]</c>
    /// (excluded) and <c>Boundaries[i]</c> (included). The values are rates, as in Keras; the factor is each over the peak.</summary>
    public sealed record PiecewiseConstantShape(EquatableArray<double> Boundaries, EquatableArray<double> Values) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(PiecewiseConstantAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a) =>
            new PiecewiseConstantShape(new EquatableArray<double>(a.Doubles(nameof(Boundaries))), new EquatableArray<double>(a.Doubles(nameof(Values))));

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            for (int k = 0; k < Boundaries.Count; k++)
            {
                double b = Boundaries[k];
                if (!ScheduleRules.Checks.IsFinite(b) || b < 0)
                    check.Add(RuleKind.InvalidArgument, nameof(Boundaries), k, $"{check.Component}.{nameof(Boundaries)}[{k}] = {N(b)}: must be a finite number >= 0.");
                else if (k > 0 && !(b > Boundaries[k - 1]))
                    check.Add(RuleKind.InvalidArgument, nameof(Boundaries), k,
                        $"{check.Component}.{nameof(Boundaries)}[{k}] = {N(b)}: boundaries must increase strictly, but the previous one is {N(Boundaries[k - 1])}.");
            }
            if (Values.Count != Boundaries.Count + 1)
                check.Add(RuleKind.InvalidArgument, nameof(Values), -1,
                    $"{check.Component}.{nameof(Values)} has {Values.Count} values for {Boundaries.Count} boundaries: give one value more than boundaries (before the first, between each pair, after the last).");
            for (int k = 0; k < Values.Count; k++)
                if (!ScheduleRules.Checks.IsFinite(Values[k]) || Values[k] < 0)
                    check.Add(RuleKind.InvalidArgument, nameof(Values), k, $"{check.Component}.{nameof(Values)}[{k}] = {N(Values[k])}: must be a finite rate >= 0.");
                else if (!ScheduleRules.Checks.IsFinite(Values[k] / check.Definition.LearningRate) && check.Definition.LearningRate > 0)
                    check.Add(RuleKind.InvalidArgument, nameof(Values), k,
                        $"{check.Component}.{nameof(Values)}[{k}] = {N(Values[k])}: divided by the peak rate {N(check.Definition.LearningRate)} it overflows to infinity.");
        }

        internal override double LargestFactor(double maxTime, double peak) => Values.Count == 0 ? 1.0 : Math.Max(1.0, Values.Max() / peak);

        internal override double? SmallestFactor(double maxTime, double peak) => Values.Count == 0 ? 1.0 : Math.Min(1.0, Values.Min() / peak);

        internal override Term ToTerm(TermContext context) => new PiecewiseConstantTerm(this, context.Peak);

        internal override string Describe(string unit) =>
            $"piecewise constant {string.Join(", ", Values.Select(N))} with boundaries at {string.Join(", ", Boundaries.Select(N))} {unit}";

        internal override string ConstructionCode() => CSharp.New(typeof(PiecewiseConstantShape), CSharp.EquatableArray(Boundaries), CSharp.EquatableArray(Values));

        internal override void WriteCanonical(StringBuilder t)
        {
            t.Append("piecewise(");
            foreach (double b in Boundaries) t.Append(N(b)).Append(';');
            t.Append('|');
            foreach (double v in Values) t.Append(N(v)).Append(';');
            t.Append(')');
        }

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) => Boundaries.Select(b => (start + b, "boundary"));

        internal override double? PreviewLength => Boundaries.Count > 0 ? Boundaries[Boundaries.Count - 1] * 1.25 : null;

        private sealed class PiecewiseConstantTerm : Term
        {
            private readonly double[] _boundaries;
            private readonly double[] _factors, _values;
            public PiecewiseConstantTerm(PiecewiseConstantShape p, double peak) : base(p)
            {
                _boundaries = p.Boundaries.ToArray();
                _values = p.Values.ToArray();
                _factors = _values.Select(v => v / peak).ToArray();
            }
            public override double Factor(double t) => PiecewiseConstant.Factor(t, _boundaries, _factors);
            // Per group (absolute minimums): the rate over the group's base rate, the division the core makes per value.
            internal override string Expression(string time, StaticArrays fields) => fields.GroupBase is null
                ? CSharp.Call(typeof(PiecewiseConstant), nameof(PiecewiseConstant.Factor), time,
                    fields.Field("PiecewiseBoundaries", _boundaries), fields.Field("PiecewiseFactors", _factors))
                : "(" + CSharp.Call(typeof(PiecewiseConstant), nameof(PiecewiseConstant.Factor), time,
                    fields.Field("PiecewiseBoundaries", _boundaries), fields.Field("PiecewiseValues", _values)) + " / " + fields.GroupBase + ")";
        }
    }
}
