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
    /// <summary>Inverse square root, Hugging Face <c>get_inverse_sqrt_schedule</c> after its warmup:
    /// <c>1 / sqrt((t + timescale) / timescale)</c>.</summary>
    public static class InverseSqrt
    {
        /// <summary>Default timescale when there is no warmup, as in Hugging Face.</summary>
        public const double DefaultTimescale = 10_000;

        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double timescale) =>
            1.0 / Math.Sqrt((t + timescale) / timescale);
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>Hugging Face inverse square root; <c>Timescale</c> defaults to the warmup length, else 10000.</summary>
    public sealed record InverseSqrtShape(double? Timescale = null) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(InverseSqrtAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new InverseSqrtShape();
            if (a.Has(nameof(Timescale))) c = c with { Timescale = a.Double(nameof(Timescale)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check) => check.OptionalPositive(nameof(Timescale), Timescale);

        // sqrt(timescale / (t + timescale)): above 0 at every finite time, whatever the timescale.
        internal override double? SmallestFactor(double maxTime, double peak) => double.Epsilon;

        internal override Term ToTerm(TermContext context) =>
            new InverseSqrtTerm(this, Timescale ?? (context.WarmupLength > 0 ? context.WarmupLength : InverseSqrt.DefaultTimescale));

        internal override string Describe(string unit) => $"inverse square root decay{(Timescale is double ts ? $" (timescale {N(ts)})" : "")}";

        internal override string ConstructionCode() => CSharp.New(typeof(InverseSqrtShape), L(Timescale));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"invsqrt({N(Timescale)})");

        private sealed class InverseSqrtTerm : Term
        {
            private readonly double _timescale;
            public InverseSqrtTerm(InverseSqrtShape i, double timescale) : base(i) => _timescale = timescale;
            public override double Factor(double t) => InverseSqrt.Factor(t, _timescale);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(InverseSqrt), nameof(InverseSqrt.Factor), time, L(_timescale));
        }
    }
}
