using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>Holds the peak for <c>Length</c> (the stable phase of warmup-stable-decay).</summary>
    public sealed record HoldPhase(double Length) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(HoldAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Prefix;
        /// <inheritdoc/>
        public override double PrefixLength => Length;

        internal static ScheduleComponent Read(IAttributeArguments a) => new HoldPhase(a.Double(nameof(Length)));

        internal override void CheckArguments(ScheduleRules.Checks check) => check.Positive(nameof(Length), Length);

        internal override double? SmallestFactor(double maxTime, double peak) => 1.0;

        internal override Term ToTerm(TermContext context) => new HoldTerm(this);

        internal override string Describe(string unit) => $"hold at the peak for {N(Length)} {unit}";

        internal override string ConstructionCode() => CSharp.New(typeof(HoldPhase), L(Length));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"hold({N(Length)})");

        internal override IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) => new[] { (start + Length, "end of hold") };

        // Factor 1: the peak, held.
        private sealed class HoldTerm : Term
        {
            public HoldTerm(HoldPhase h) : base(h, h.Length) { }
            public override double Factor(double t) => 1.0;
            internal override string Expression(string time, StaticArrays fields) => "1.0";
        }
    }
}
