using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>How a warmup ramps from its start factor up to the peak.</summary>
    public enum WarmupKind
    {
        /// <summary>Straight line, PyTorch <c>LinearLR</c> (end factor 1) and Hugging Face linear warmup.</summary>
        Linear,
        /// <summary>Half cosine: <c>start + (1 - start) * (1 - cos(pi * u)) / 2</c>.</summary>
        Cosine,
        /// <summary>Geometric: <c>start^(1 - u)</c>; needs a start factor above zero.</summary>
        Exponential,
        /// <summary>Flat at the start factor for the whole warmup, PyTorch <c>ConstantLR</c>.</summary>
        Constant,
    }
}

// The formula: a pure closed form of the time since the component started (never recursive, so resuming
// is only setting the time), returning a factor of the peak rate.
namespace ScheduleDsl.Families
{
    /// <summary>Warmup phase: the factor at time <c>t</c> in <c>[0, length)</c>, reaching 1 at <c>length</c>.</summary>
    public static class Warmup
    {
        /// <summary>Factor at time <paramref name="t"/> of a warmup lasting <paramref name="length"/>.</summary>
        public static double Factor(double t, double length, WarmupKind kind, double startFactor)
        {
            double u = t / length;
            switch (kind)
            {
                case WarmupKind.Linear: return startFactor + (1.0 - startFactor) * u;
                case WarmupKind.Cosine: return startFactor + (1.0 - startFactor) * (1.0 - Math.Cos(Math.PI * u)) / 2.0;
                case WarmupKind.Exponential: return Math.Pow(startFactor, 1.0 - u);
                default: return startFactor;
            }
        }
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>Warmup from <c>StartFactor</c> of the peak up to the peak over <c>Length</c>.</summary>
    public sealed record WarmupPhase(double Length, WarmupKind Kind = WarmupKind.Linear, double StartFactor = 0.0) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(WarmupAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Prefix;
        /// <inheritdoc/>
        public override double PrefixLength => Length;

        internal static ScheduleComponent Read(IAttributeArguments a)
        {
            var c = new WarmupPhase(a.Double(nameof(Length)));
            if (a.Has(nameof(Kind))) c = c with { Kind = a.Enum(nameof(Kind), c.Kind) };
            if (a.Has(nameof(StartFactor))) c = c with { StartFactor = a.Double(nameof(StartFactor)) };
            return c;
        }

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            check.Positive(nameof(Length), Length);
            check.InRange(nameof(StartFactor), StartFactor, 0, 1);
            if (Kind == WarmupKind.Exponential && StartFactor <= 0)
                check.Invalid(nameof(StartFactor), StartFactor, "an exponential warmup needs a start factor greater than 0");
        }

        internal override double? SmallestFactor(double maxTime, double peak) => StartFactor;

        internal override Term ToTerm(TermContext context) => new WarmupTerm(this);

        internal override string Describe(string unit) => $"{Kind.ToString().ToLowerInvariant()} warmup from {N(StartFactor)} x peak over {N(Length)} {unit}";

        internal override string ConstructionCode() => CSharp.New(typeof(WarmupPhase), L(Length), CSharp.Literal(Kind), L(StartFactor));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"warmup({N(Length)},{Kind},{N(StartFactor)})");

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) => new[] { (start + Length, "end of warmup") };

        private sealed class WarmupTerm : Term
        {
            private readonly WarmupPhase _w;
            public WarmupTerm(WarmupPhase w) : base(w, w.Length) => _w = w;
            public override double Factor(double t) => Warmup.Factor(t, _w.Length, _w.Kind, _w.StartFactor);
            internal override string Expression(string time, StaticArrays fields) =>
                CSharp.Call(typeof(Warmup), nameof(Warmup.Factor), time, L(_w.Length), CSharp.Literal(_w.Kind), L(_w.StartFactor));
        }
    }
}
