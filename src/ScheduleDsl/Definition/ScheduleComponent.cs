using System;
using System.Collections.Generic;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Validation;

namespace ScheduleDsl.Definition
{
    /// <summary>Where a component sits in the composition (see docs/schedule-semantics.md).</summary>
    public enum ComponentRole
    {
        /// <summary>Runs first, in declaration order (warmup, hold).</summary>
        Prefix,
        /// <summary>A factor multiplied with the other shapes, on the time since the prefix ended.</summary>
        Shape,
        /// <summary>Defines the whole curve and stands alone (one-cycle, WSD).</summary>
        WholeSchedule,
        /// <summary>Reduction on plateau, multiplied on top at run time.</summary>
        Plateau,
    }

    /// <summary>One element of a schedule definition; the attribute of the same name declares it. Each family's
    /// record (in Families/, beside its formula and its term) owns everything about it: how it is read from its
    /// attribute, its argument checks, its term, its description, its construction code, its key times and its
    /// canonical text. Records are value-equatable so the generator can cache on them; property names equal the
    /// attribute arguments' names, which lets the analyzers put a validation error on the exact argument.</summary>
    public abstract record ScheduleComponent
    {
        private protected ScheduleComponent() { }

        /// <summary>The attribute name (without <c>Attribute</c>) that declares this component.</summary>
        public abstract string Name { get; }

        /// <summary>Where the component sits in the composition.</summary>
        public abstract ComponentRole Role { get; }

        /// <summary>Start of the component's window in schedule time (declared unit), or null. A component with a
        /// window (<see cref="From"/> and/or <see cref="Until"/>) is evaluated on its own local time <c>t - From</c> for
        /// <c>From &lt;= t &lt; Until</c> and contributes factor 1 outside, multiplying whatever else applies then
        /// (PyTorch <c>SequentialLR</c> phases, <c>ChainedScheduler</c> factors); without one it keeps its default place
        /// (prefix, shape after the prefix, whole schedule). See docs/schedule-semantics.md, "Composition".</summary>
        public double? From { get; init; }

        /// <summary>End (exclusive) of the component's window, or null: open-ended (a warmup or hold ends after its length).</summary>
        public double? Until { get; init; }

        /// <summary>The component's own time at <see cref="From"/> (0 by default): inside its window it runs on
        /// <c>t - From + StartAt</c>, as a PyTorch scheduler built before its <c>SequentialLR</c> phase begins
        /// (its constructor already took its step 0) continues from <c>last_epoch = StartAt</c>.</summary>
        public double StartAt { get; init; }

        /// <summary>Whether a window is declared (<see cref="From"/> or <see cref="Until"/>).</summary>
        public bool IsWindowed => From is not null || Until is not null;

        /// <summary>Where the window starts (0 when only <see cref="Until"/> is given).</summary>
        internal double WindowStart => From ?? 0.0;

        /// <summary>Where the window ends: <see cref="Until"/>, else the end of a windowed warmup or hold, else never.</summary>
        internal double WindowEnd => Until ?? (Role == ComponentRole.Prefix ? WindowStart + PrefixLength : double.PositiveInfinity);

        /// <summary>The canonical text with the window, if any (the fingerprint of an unwindowed component is unchanged).</summary>
        internal void WriteCanonicalWithWindow(StringBuilder text)
        {
            WriteCanonical(text);
            if (IsWindowed) text.Append($"@[{N(From)},{N(Until)})");
            if (StartAt != 0.0) text.Append($"+{N(StartAt)}");
        }

        /// <summary>The construction code with the window, if any: a method call, not an object initializer (init-only
        /// setters need C# 9, the consumer's generated code may be C# 7.3).</summary>
        internal string ConstructionCodeWithWindow() =>
            StartAt != 0.0 ? $"{ConstructionCode()}.{nameof(WithWindow)}({L(From)}, {L(Until)}, {L(StartAt)})"
            : IsWindowed ? $"{ConstructionCode()}.{nameof(WithWindow)}({L(From)}, {L(Until)})" : ConstructionCode();

        /// <summary>This component with the window [<paramref name="from"/>, <paramref name="until"/>): what
        /// <c>with { From = ..., Until = ... }</c> does, callable from C# before 9 (generated code uses it).</summary>
        public ScheduleComponent WithWindow(double? from, double? until) => this with { From = from, Until = until };

        /// <summary>This component with the window [<paramref name="from"/>, <paramref name="until"/>) entered at its own
        /// time <paramref name="startAt"/> (see <see cref="StartAt"/>).</summary>
        public ScheduleComponent WithWindow(double? from, double? until, double startAt) => this with { From = from, Until = until, StartAt = startAt };

        /// <summary>The description with the window, if any, <paramref name="unit"/> being <c>epochs</c> or <c>steps</c>.</summary>
        internal string DescribeWithWindow(string unit)
        {
            string text = Describe(unit);
            if (!IsWindowed) return text;
            string singular = unit.TrimEnd('s');
            string window = Until is null ? $"{text} from {singular} {N(WindowStart)}" : $"{text} in {unit} [{N(WindowStart)}, {N(WindowEnd)})";
            return StartAt == 0.0 ? window : $"{window}, entered at its own {singular} {N(StartAt)}";
        }

        /// <summary>Whether the component needs the schedule's horizon to resolve its length.</summary>
        public virtual bool NeedsHorizon => false;

        /// <summary>How long a prefix phase (warmup, hold) lasts; 0 for every other component.</summary>
        public virtual double PrefixLength => 0.0;

        /// <summary>Reports every broken argument rule of this component alone (cross-component rules live in
        /// <see cref="ScheduleRules"/>).</summary>
        internal abstract void CheckArguments(ScheduleRules.Checks check);

        /// <summary>The largest factor this component's shape reaches up to <paramref name="maxTime"/> (1 unless it can grow) under a peak rate <paramref name="peak"/>;
        /// validation requires the shapes' product to be finite.</summary>
        internal virtual double LargestFactor(double maxTime, double peak) => 1.0;

        /// <summary>A lower bound of the factor this component reaches up to <paramref name="maxTime"/> under a peak (base value)
        /// <paramref name="peak"/>, or null when unknown (a custom factor); 0 when it may reach 0, which a temperature refuses.</summary>
        internal virtual double? SmallestFactor(double maxTime, double peak) => null;

        /// <summary>The term evaluating this component with every default resolved.</summary>
        internal abstract Term ToTerm(TermContext context);

        /// <summary>The component in words, <paramref name="unit"/> being <c>epochs</c> or <c>steps</c>.</summary>
        internal abstract string Describe(string unit);

        /// <summary>The C# expression that rebuilds this record (every argument spelled out).</summary>
        internal abstract string ConstructionCode();

        /// <summary>Appends an invariant, culture-proof description (used by the fingerprint).</summary>
        internal abstract void WriteCanonical(StringBuilder text);

        /// <summary>Times worth showing in a preview (absolute, before <paramref name="span"/>), for a component
        /// starting at <paramref name="start"/> (its own start for a prefix, the end of the prefix for a shape).</summary>
        internal virtual IEnumerable<(double Time, string Label)> KeyTimes(double start, double span) => Array.Empty<(double, string)>();

        /// <summary>How long a preview should run after the prefix to show this component when no horizon is
        /// declared, or null when it has no natural length.</summary>
        internal virtual double? PreviewLength => null;

        /// <summary>Same as the canonical form. Sealed: otherwise every family's record would replace it with the compiler's
        /// property list.</summary>
        public sealed override string ToString()
        {
            var text = new StringBuilder();
            WriteCanonicalWithWindow(text);
            return text.ToString();
        }

        private protected static string N(double value) => Numbers.Format(value);
        private protected static string N(double? value) => value is double v ? Numbers.Format(v) : "auto";
        private protected static string L(double value) => CSharp.Literal(value);
        private protected static string L(double? value) => CSharp.Literal(value);
        private protected static string Over(double? length, string unit) => length is double l ? $" over {N(l)} {unit}" : "";
    }
}
