using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>How <see cref="Families.PiecewiseInterpolate"/> joins two neighbouring points (Optax's <c>interpolate_type</c>).</summary>
    public enum Interpolation
    {
        /// <summary>A straight line: Optax <c>_linear_interpolate</c>, <c>(end - start) * pct + start</c>.</summary>
        Linear,
        /// <summary>A half cosine: Optax <c>_cosine_interpolate</c>, <c>end + (start - end) / 2 * (cos(pi * pct) + 1)</c>.</summary>
        Cosine,
    }
}

namespace ScheduleDsl.Families
{
    /// <summary>Piecewise interpolation through points <c>(times[i], factors[i])</c>, Optax
    /// <c>piecewise_interpolate_schedule</c>'s segment formulas: on <c>times[i] &lt;= t &lt; times[i+1]</c>,
    /// <c>pct = (t - times[i]) / (times[i+1] - times[i])</c>, linear or cosine from <c>factors[i]</c> to <c>factors[i+1]</c>;
    /// the first factor before the first point, the last from the last point on.</summary>
    public static class PiecewiseInterpolate
    {
        /// <summary>Factor at time <paramref name="t"/>; <paramref name="times"/> increase strictly and
        /// <paramref name="factors"/> has as many elements.</summary>
        public static double Factor(double t, double[] times, double[] factors, Interpolation interpolation)
        {
            if (!(t >= times[0])) return factors[0];
            int last = times.Length - 1;
            if (t >= times[last]) return factors[last];
            int i = 0;
            while (t >= times[i + 1]) i++;
            double start = factors[i], end = factors[i + 1];
            double pct = (t - times[i]) / (times[i + 1] - times[i]);
            return interpolation == Interpolation.Linear
                ? (end - start) * pct + start
                : end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1.0);
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>Optax <c>piecewise_interpolate_schedule</c> written as points: the factor of the peak is <c>Factors[i]</c>
    /// at <c>Times[i]</c>, interpolated in between (linear or cosine), held before the first and after the last point.
    /// Optax's <c>init_value</c> and <c>{boundary: scale}</c> are the points <c>(0, 1)</c> and <c>(b_k, product of the
    /// scales up to b_k)</c>.</summary>
    public sealed record PiecewiseInterpolateShape(EquatableArray<double> Times, EquatableArray<double> Factors,
        Interpolation Interpolation = Interpolation.Linear) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(PiecewiseInterpolateAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new PiecewiseInterpolateShape(new EquatableArray<double>(a.Doubles(nameof(Times))), new EquatableArray<double>(a.Doubles(nameof(Factors))));
            if (a.Has(nameof(Interpolation))) c = c with { Interpolation = a.Enum(nameof(Interpolation), c.Interpolation) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            if (Times.Count == 0) check.Invalid(nameof(Times), double.NaN, "at least one point is required", "(none)");
            for (int k = 0; k < Times.Count; k++)
            {
                double time = Times[k];
                if (!ScheduleRules.Checks.IsFinite(time) || time < 0)
                    check.Add(RuleKind.InvalidArgument, nameof(Times), k, $"{check.Component}.{nameof(Times)}[{k}] = {N(time)}: must be a finite number >= 0.");
                else if (k > 0 && !(time > Times[k - 1]))
                    check.Add(RuleKind.InvalidArgument, nameof(Times), k,
                        $"{check.Component}.{nameof(Times)}[{k}] = {N(time)}: times must increase strictly, but the previous one is {N(Times[k - 1])}.");
            }
            if (Factors.Count != Times.Count)
                check.Add(RuleKind.InvalidArgument, nameof(Factors), -1,
                    $"{check.Component}.{nameof(Factors)} has {Factors.Count} factors for {Times.Count} times: give one factor per time.");
            for (int k = 0; k < Factors.Count; k++)
                if (!ScheduleRules.Checks.IsFinite(Factors[k]) || Factors[k] < 0)
                    check.Add(RuleKind.InvalidArgument, nameof(Factors), k, $"{check.Component}.{nameof(Factors)}[{k}] = {N(Factors[k])}: must be a finite number >= 0.");
        }

        internal override double LargestFactor(double maxTime, double peak) => Factors.Count == 0 ? 1.0 : Math.Max(1.0, Factors.Max());

        internal override double? SmallestFactor(double maxTime, double peak) => Factors.Count == 0 ? 1.0 : Math.Min(1.0, Factors.Min());

        internal override Term ToTerm(TermContext context) => new PiecewiseInterpolateTerm(this);

        internal override string Describe(string unit) =>
            $"{(Interpolation == Interpolation.Linear ? "linear" : "cosine")} interpolation through "
            + string.Join(", ", Times.Zip(Factors, (t, f) => $"x{N(f)} at {N(t)}")) + $" {unit}";

        internal override string ConstructionCode() =>
            CSharp.New(typeof(PiecewiseInterpolateShape), CSharp.EquatableArray(Times), CSharp.EquatableArray(Factors), CSharp.Literal(Interpolation));

        internal override void WriteCanonical(StringBuilder t)
        {
            t.Append("interpolate(");
            foreach (double time in Times) t.Append(N(time)).Append(';');
            t.Append('|');
            foreach (double f in Factors) t.Append(N(f)).Append(';');
            t.Append(Interpolation).Append(')');
        }

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) => Times.Select(time => (start + time, "point"));

        internal override double? PreviewLength => Times.Count > 0 && Times[Times.Count - 1] > 0 ? Times[Times.Count - 1] * 1.25 : null;

        private sealed class PiecewiseInterpolateTerm : Term
        {
            private readonly double[] _times;
            private readonly double[] _factors;
            private readonly Interpolation _interpolation;
            public PiecewiseInterpolateTerm(PiecewiseInterpolateShape p) : base(p)
            {
                _times = p.Times.ToArray();
                _factors = p.Factors.ToArray();
                _interpolation = p.Interpolation;
            }
            public override double Factor(double t) => PiecewiseInterpolate.Factor(t, _times, _factors, _interpolation);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(PiecewiseInterpolate), nameof(PiecewiseInterpolate.Factor), time,
                    fields.Field("InterpolateTimes", _times), fields.Field("InterpolateFactors", _factors), CSharp.Literal(_interpolation));
        }
    }
}
