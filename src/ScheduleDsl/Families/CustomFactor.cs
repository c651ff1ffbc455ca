using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;

// The formula: at run time a delegate given to the Schedule (generated code calls the class's static method instead).
namespace ScheduleDsl.Composition
{
    /// <summary>A custom factor given at run time, bound by name to a <see cref="Definition.CustomShape"/> of the definition
    /// (<c>new Schedule(definition, customFactors: ...)</c>): PyTorch's <c>LambdaLR</c> or <c>MultiplicativeLR</c>.</summary>
    public sealed class RuntimeFactor
    {
        private RuntimeFactor(Func<double, double>? lambda, Func<long, double>? multiplier)
        {
            Lambda = lambda;
            Multiplier = multiplier;
        }

        /// <summary>The factor of time, for <see cref="OfTime"/>; null for a multiplicative factor.</summary>
        public Func<double, double>? Lambda { get; }

        /// <summary>The per-tick multiplier, for <see cref="Multiplicative"/>; null for a factor of time.</summary>
        public Func<long, double>? Multiplier { get; }

        /// <summary>PyTorch <c>LambdaLR</c>: the factor is <c>factor(t)</c>, t being the time since the component started
        /// (fractional when an epoch schedule is ticked per batch).</summary>
        public static RuntimeFactor OfTime(Func<double, double> factor) =>
            new(factor ?? throw new ArgumentNullException(nameof(factor)), null);

        /// <summary>PyTorch <c>MultiplicativeLR</c>: the factor is <c>multiplier(1) * multiplier(2) * ... * multiplier(n)</c>,
        /// n = floor(t) whole units of the declared time (1 at t &lt; 1), i.e. <c>lr_n = lr_(n-1) * multiplier(n)</c>. Kept as a
        /// running product, so stepping forward calls the delegate once per unit and allocates nothing; moving back
        /// (seek, restore, time travel) recomputes the product from 1.</summary>
        public static RuntimeFactor Multiplicative(Func<long, double> multiplier) =>
            new(null, multiplier ?? throw new ArgumentNullException(nameof(multiplier)));
    }
}

// The declared component: how it is read, checked, resolved into a term, described and rebuilt.
namespace ScheduleDsl.Definition
{
    /// <summary>A user-written factor (the DSL's escape hatch, like PyTorch's <c>LambdaLR</c>): a static
    /// method of the schedule class, called by generated code with the time since the prefix ended. At run time
    /// (<see cref="Schedule"/>) the factor is a delegate bound to <see cref="MethodName"/> (<see cref="RuntimeFactor"/>).</summary>
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

        internal override Term ToTerm(TermContext context)
        {
            RuntimeFactor? bound = null;
            context.CustomFactors?.TryGetValue(MethodName, out bound);
            return new CustomTerm(this, bound);
        }

        internal override string Describe(string unit) => $"{MethodName}(t)";

        internal override string ConstructionCode() => CSharp.New(typeof(CustomShape), CSharp.Literal(MethodName));

        internal override void WriteCanonical(StringBuilder t) => t.Append($"custom({MethodName})");

        private sealed class CustomTerm : Term
        {
            private readonly string _method;
            private readonly RuntimeFactor? _bound;
            // MultiplicativeLR's running product: _product = multiplier(1) * ... * multiplier(_units).
            private long _units;
            private double _product = 1.0;

            public CustomTerm(CustomShape c, RuntimeFactor? bound) : base(c)
            {
                _method = c.MethodName;
                _bound = bound;
            }

            public override string Label => _method;
            public override bool IsEvaluable => _bound is not null;

            public override double Factor(double t)
            {
                if (_bound is null) throw new NotSupportedException($"A custom factor ({_method}) is evaluated only by generated code, or by a Schedule given its delegate.");
                if (_bound.Lambda is Func<double, double> lambda) return lambda(t);
                long units = t >= 1.0 ? (long)Math.Floor(t) : 0;
                if (units < _units)
                {
                    _units = 0;
                    _product = 1.0;
                }
                while (_units < units) _product *= _bound.Multiplier!(++_units);
                return _product;
            }

            // Verbatim (@name): a method may be named like a keyword (nameof(@double)); @ is valid before any identifier.
            internal override string Expression(string time, StaticArrays fields) => $"@{_method}({time})";
        }
    }
}
