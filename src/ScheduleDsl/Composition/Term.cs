using System.Collections.Generic;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Composition
{
    /// <summary>A component with every default resolved (lengths from the horizon, rates turned into
    /// factors of the peak): one family call. Each family's term computes <see cref="Factor"/> and writes
    /// the identical call as C# (<see cref="Expression"/>) side by side, so the runtime and the generated
    /// code compute the same doubles.</summary>
    public abstract class Term
    {
        private protected Term(ScheduleComponent component, double length = 0.0)
        {
            Component = component;
            Length = length;
        }

        /// <summary>The declared component this term resolves.</summary>
        public ScheduleComponent Component { get; }

        /// <summary>Duration of a prefix phase; 0 for shapes.</summary>
        public double Length { get; }

        /// <summary>The name shown in formulas: the family's, or a custom factor's method.</summary>
        public virtual string Label => Component.Name;

        /// <summary>Whether the core can evaluate this term (a custom factor runs only in generated code).</summary>
        public virtual bool IsEvaluable => true;

        /// <summary>Factor at time <paramref name="t"/> (since the phase or the prefix began).</summary>
        public abstract double Factor(double t);

        /// <summary>Whether this family cycles momentum (one-cycle, cyclic).</summary>
        public virtual bool CyclesMomentum => false;

        /// <summary><see cref="Factor"/> at <paramref name="t"/> and the momentum cycled inversely to it (one-cycle,
        /// cyclic; computed together, as a training step needs both); <paramref name="maxMomentum"/> for other families.</summary>
        public virtual double FactorAndMomentum(double t, double baseMomentum, double maxMomentum, out double momentum)
        {
            momentum = maxMomentum;
            return Factor(t);
        }

        /// <summary>The C# call computing <see cref="Factor"/> at the time held by <paramref name="time"/>;
        /// arrays (milestones, boundaries) are declared once as static fields through <paramref name="fields"/>.</summary>
        internal abstract string Expression(string time, StaticArrays fields);

        /// <summary>The C# expression computing <see cref="FactorAndMomentum"/> (generated code): the momentum bounds are
        /// held by <paramref name="baseMomentum"/> and <paramref name="maxMomentum"/>, the momentum is stored into
        /// <paramref name="momentum"/>. Families that do not cycle momentum: <see cref="Expression"/>, momentum untouched.</summary>
        internal virtual string FactorAndMomentumExpression(string time, string baseMomentum, string maxMomentum, string momentum, StaticArrays fields) =>
            Expression(time, fields);

        /// <summary>The call this term makes, with the time named <c>t</c>.</summary>
        public override string ToString() => Expression("t", new StaticArrays()).Replace("global::ScheduleDsl.Families.", "").Replace("global::ScheduleDsl.", "");
    }

    /// <summary>The static <c>double[]</c> fields generated code declares for terms that take arrays: one field per
    /// distinct array, named after what it holds (<c>Milestones</c>, then <c>Milestones2</c>...).</summary>
    internal sealed class StaticArrays
    {
        private List<(string Name, double[] Values)> _fields = new();

        /// <summary>This writer declaring its arrays into <paramref name="other"/>'s fields (a per-group evaluation shares the class's fields).</summary>
        public StaticArrays SharingFields(StaticArrays other)
        {
            _fields = other._fields;
            return this;
        }

        /// <summary>In a per-group evaluation (absolute minimums), the variable holding the group's base rate; null otherwise.</summary>
        public string? GroupBase { get; set; }

        /// <summary>The factor of an absolute <paramref name="rate"/>: the folded <paramref name="factor"/> (rate over the peak), or,
        /// in a per-group evaluation, the rate divided by the group's base rate at run time (the division the core makes).</summary>
        public string Over(double rate, double factor) =>
            GroupBase is null ? CSharp.Literal(factor) : $"{CSharp.Literal(rate)} / {GroupBase}";

        /// <summary>Fields in the order first asked for.</summary>
        public IReadOnlyList<(string Name, double[] Values)> Fields => _fields;

        /// <summary>The field holding <paramref name="values"/>, declared on first use.</summary>
        public string Field(string name, double[] values)
        {
            int sameName = 0;
            foreach ((string n, double[] v) in _fields)
            {
                if (!n.StartsWith(name, System.StringComparison.Ordinal)) continue;
                if (Equal(v, values)) return n;
                sameName++;
            }
            string field = sameName == 0 ? name : name + (sameName + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _fields.Add((field, values));
            return field;
        }

        private static bool Equal(double[] a, double[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (!a[i].Equals(b[i])) return false;
            return true;
        }
    }

    /// <summary>What a component needs to resolve its defaults into a <see cref="Term"/>.</summary>
    /// <param name="Peak">The declared peak rate (absolute rates become factors of it).</param>
    /// <param name="Remaining">The horizon left for this component (after the prefix for shapes; NaN when none is declared).</param>
    /// <param name="WarmupLength">The declared warmup's length (0 when none).</param>
    internal readonly record struct TermContext(double Peak, double Remaining, double WarmupLength)
    {
        /// <summary>Delegates bound at run time to the definition's custom factors, by method name (null: none).</summary>
        public IReadOnlyDictionary<string, RuntimeFactor>? CustomFactors { get; init; }
    }
}
