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
    /// <summary>A user-written factor (the DSL's escape hatch, like PyTorch's <c>LambdaLR</c>): a static
    /// method of the schedule class, called by generated code with the time since the prefix ended.</summary>
    public sealed record CustomShape(string MethodName) : ScheduleComponent
    {
        /// <inheritdoc/>
        public override string Name => DslName.Of(typeof(CustomFactorAttribute));
        /// <inheritdoc/>
        public override ComponentRole Role => ComponentRole.Shape;

        internal static ScheduleComponent Read(IAttributeArguments a) => new CustomShape(a.String(nameof(MethodName)));

        internal override void CheckArguments(ScheduleRules.Checks check)
        {
            if (string.IsNullOrEmpty(MethodName))
                check.Add(RuleKind.InvalidArgument, nameof(MethodName), -1, $"{check.Component}.{nameof(MethodName)} is empty: name a static method of the class, e.g. nameof(MyFactor).");
        }

        internal override Term ToTerm(TermContext context) => new CustomTerm(this);

        internal override string Describe(string unit) => $"{MethodName}(t)";

        internal override string ConstructionCode() => CSharp.New(typeof(CustomShape), CSharp.Literal(MethodName));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"custom({MethodName})");

        private sealed class CustomTerm : Term
        {
            private readonly string _method;
            public CustomTerm(CustomShape c) : base(c) => _method = c.MethodName;
            public override string Label => _method;
            public override bool IsEvaluable => false;
            public override double Factor(double t) => throw new NotSupportedException($"A custom factor ({_method}) is evaluated only by generated code.");
            // Verbatim (@name): a method may be named like a keyword (nameof(@double)); @ is valid before any identifier.
            internal override string Expression(string time, StaticArrays fields) => $"@{_method}({time})";
        }
    }
}
