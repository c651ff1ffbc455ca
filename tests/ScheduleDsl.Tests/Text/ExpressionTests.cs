using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace ScheduleDsl.Tests.Text
{
    /// <summary>The C# each term writes for generated code (<see cref="Term.Expression"/>, its momentum form, the window around
    /// it, the per-group form of absolute rates) computes the very doubles the core computes (<see cref="Term.Factor"/>, whose
    /// values the family tests check against PyTorch's formulas): every family of the catalogue, compiled together in one
    /// class, evaluated at many times.</summary>
    public class ExpressionTests
    {
        // Every quarter up to past the horizon, and times just beside the catalogue's boundaries.
        private static readonly double[] Times = Enumerable.Range(0, 561).Select(k => k * 0.25)
            .Concat(new[] { 1e-9, 9.999999999, 10.000000001, 29.9999999, 49.99999, 99.99999999, 1000.0, 12345.678 }).ToArray();

        private static readonly (double Base, double Max)[] Momenta = { (0.85, 0.95), (0.8, 0.9) };

        private const double GroupBase = 0.04;

        [Fact]
        public void Every_terms_call_computes_its_factor_bit_for_bit()
        {
            var fields = new StaticArrays();
            var group = new StaticArrays { GroupBase = "g" }.SharingFields(fields);
            var methods = new StringBuilder();
            var terms = new List<(int Index, Term Term, Term GroupTerm)>();
            foreach ((ScheduleComponent c, int i) in Catalogue.Components.Select((c, i) => (c, i)))
            {
                if (c.Role == ComponentRole.Plateau) continue;
                Term term = c.ToTerm(Catalogue.Context()), groupTerm = c.ToTerm(Catalogue.Context(GroupBase));
                terms.Add((i, term, groupTerm));
                methods.Append($"public static double F{i}(double t) => {term.Expression("t", fields)};\n");
                methods.Append($"public static double G{i}(double t, double g) => {groupTerm.Expression("t", group)};\n");
                methods.Append($"public static double M{i}(double t, double b, double m, out double momentum) {{ momentum = -1.0; return {term.FactorAndMomentumExpression("t", "b", "m", "momentum", fields)}; }}\n");
            }
            Type calls = Compile(methods, fields);

            foreach ((int i, Term term, Term groupTerm) in terms)
            {
                var f = Method<Func<double, double>>(calls, "F" + i);
                var g = Method<Func<double, double, double>>(calls, "G" + i);
                var m = Method<MomentumCall>(calls, "M" + i);
                foreach (double t in Times)
                {
                    Same(term.Factor(t), f(t), $"{Catalogue.Components[i]}: Factor({t:R})");
                    Same(groupTerm.Factor(t), g(t, GroupBase), $"{Catalogue.Components[i]}: per-group Factor({t:R})");
                    foreach ((double b, double max) in Momenta)
                    {
                        double expected = term.FactorAndMomentum(t, b, max, out double momentum);
                        double actual = m(t, b, max, out double generatedMomentum);
                        Same(expected, actual, $"{Catalogue.Components[i]}: FactorAndMomentum({t:R}) factor");
                        // The core steps with FactorAndMomentum (whose values the family tests check); Factor is the same number.
                        Same(expected, term.Factor(t), $"{Catalogue.Components[i]}: Factor({t:R}) against FactorAndMomentum");
                        // A family that does not cycle momentum leaves the generated code's variable untouched.
                        Same(term.CyclesMomentum ? momentum : -1.0, generatedMomentum, $"{Catalogue.Components[i]}: FactorAndMomentum({t:R}) momentum");
                    }
                }
            }
        }

        [Fact]
        public void Windows_apply_inside_from_and_before_until_on_the_local_time_in_generated_code_too()
        {
            // Open and closed windows, starting at 0 or later, entered at the component's own time 0 or later.
            (double Start, double End, double StartAt)[] windows = { (0, 30, 0), (10, 40, 0), (20, double.PositiveInfinity, 0), (12.5, 60, 5), (0, double.PositiveInfinity, 7) };
            var fields = new StaticArrays();
            var methods = new StringBuilder();
            var cases = new List<(string Name, WindowedTerm Window)>();
            // The window is the same text around every family's call: one of each kind (plain, cycling momentum, with arrays, custom).
            foreach ((ScheduleComponent c, int i) in Catalogue.Components.Select((c, i) => (c, i))
                .Where(p => p.c is CosineShape { Period: not null } or CyclicShape or OneCycleShape or MultiStepShape or CustomShape))
            {
                for (int w = 0; w < windows.Length; w++)
                {
                    var window = new WindowedTerm(c.ToTerm(Catalogue.Context()), windows[w].Start, windows[w].End, windows[w].StartAt);
                    string name = $"{i}_{w}";
                    cases.Add((name, window));
                    methods.Append($"public static double W{name}(double t) => {window.Expression("t", fields)};\n");
                    methods.Append($"public static double S{name}(double t, double b, double m, out double momentum) {{ momentum = -1.0; double product = 1.0; {window.MomentumStatement("t", "product", "b", "m", "momentum", fields)} return product; }}\n");
                }
            }
            Type calls = Compile(methods, fields);

            foreach ((string name, WindowedTerm window) in cases)
            {
                var w = Method<Func<double, double>>(calls, "W" + name);
                var s = Method<MomentumCall>(calls, "S" + name);
                foreach (double t in Times)
                {
                    Same(window.Factor(t), w(t), $"{window}: at {t:R}");
                    double momentum = -1.0;
                    double expected = window.FactorAndMomentum(t, 0.85, 0.95, ref momentum);
                    Same(expected, s(t, 0.85, 0.95, out double generatedMomentum), $"{window}: statement at {t:R}");
                    Same(momentum, generatedMomentum, $"{window}: momentum at {t:R}");
                }
            }
        }

        [Fact]
        public void A_chain_of_windows_picks_the_one_holding_the_time()
        {
            // Generated code chains windows that never overlap: a ? F(t) : b ? G(t - 10) : 1.0.
            var first = new WindowedTerm(new CosineShape(0.001, 10).ToTerm(Catalogue.Context()), 0, 10);
            var second = new WindowedTerm(new StepDecayShape(5, 0.5).ToTerm(Catalogue.Context()), 10, 40, 2);
            var fields = new StaticArrays();
            var methods = new StringBuilder($"public static double Chain(double t) => {first.Choice("t", fields)} : {second.Choice("t", fields)} : 1.0;\n");
            var chain = Method<Func<double, double>>(Compile(methods, fields), "Chain");
            foreach (double t in Times)
                Same(first.Factor(t) * second.Factor(t), chain(t), $"chain at {t:R}");
        }

        [Fact]
        public void Arrays_are_declared_once_per_distinct_content_and_named_after_what_they_hold()
        {
            var fields = new StaticArrays();
            Assert.Equal("Milestones", fields.Field("Milestones", new[] { 10.0, 20.0 }));
            Assert.Equal("Milestones", fields.Field("Milestones", new[] { 10.0, 20.0 }));
            Assert.Equal("Milestones2", fields.Field("Milestones", new[] { 10.0, 30.0 }));
            Assert.Equal("Milestones3", fields.Field("Milestones", new[] { 10.0 }));
            Assert.Equal("Milestones2", fields.Field("Milestones", new[] { 10.0, 30.0 }));
            Assert.Equal("Times", fields.Field("Times", new[] { 10.0, 20.0 }));
            Assert.Equal(new[] { "Milestones", "Milestones2", "Milestones3", "Times" }, fields.Fields.Select(f => f.Name));
            Assert.Equal(new[] { 10.0, 30.0 }, fields.Fields[1].Values);

            // A per-group writer declares into the class's fields.
            var group = new StaticArrays { GroupBase = "g" }.SharingFields(fields);
            Assert.Equal("Milestones3", group.Field("Milestones", new[] { 10.0 }));
            Assert.Equal("Factors", group.Field("Factors", new[] { 0.5 }));
            Assert.Equal(5, fields.Fields.Count);
            Assert.Null(fields.GroupBase);
        }

        [Fact]
        public void An_absolute_rate_is_the_folded_factor_or_the_rate_over_the_groups_base()
        {
            Assert.Equal("0.25", new StaticArrays().Over(0.025, 0.25));
            Assert.Equal("0.025 / baseRate", new StaticArrays { GroupBase = "baseRate" }.Over(0.025, 0.25));
            Assert.Equal("1E-05 / g", new StaticArrays { GroupBase = "g" }.Over(1e-5, 0.25));
        }

        [Fact]
        public void A_term_and_a_window_show_their_call_with_the_time_named_t()
        {
            Term cosine = new CosineShape(0.001, 40).ToTerm(Catalogue.Context());
            Assert.Equal("Cosine.Factor(t, 40.0, 0.01)", cosine.ToString());
            Assert.Equal("Warmup.Factor(t, 4.0, WarmupKind.Linear, 0.2)", new WarmupPhase(4, WarmupKind.Linear, 0.2).ToTerm(Catalogue.Context()).ToString());
            Assert.Equal("MultiStep.Factor(t, Milestones, 0.3)", new MultiStepShape(new EquatableArray<double>(new[] { 15.0, 45.0 }), 0.3).ToTerm(Catalogue.Context()).ToString());
            Assert.Equal("(t >= 10.0 && t < 40.0 ? Cosine.Factor(t - 10.0, 40.0, 0.01) : 1.0)", new WindowedTerm(cosine, 10, 40).ToString());
            Assert.Equal("(t >= 0.0 ? Cosine.Factor(t, 40.0, 0.01) : 1.0)", new WindowedTerm(cosine, 0, double.PositiveInfinity).ToString());
            Assert.Equal("(t >= 5.0 && t < 9.0 ? Cosine.Factor(t - 5.0 + 2.5, 40.0, 0.01) : 1.0)", new WindowedTerm(cosine, 5, 9, 2.5).ToString());
            Assert.Equal("(t >= 0.0 && t < 9.0 ? Cosine.Factor(t + 2.5, 40.0, 0.01) : 1.0)", new WindowedTerm(cosine, 0, 9, 2.5).ToString());
        }

        private delegate double MomentumCall(double t, double baseMomentum, double maxMomentum, out double momentum);

        // One class: the methods, the arrays the terms declared, and the custom factor's method.
        private static Type Compile(StringBuilder methods, StaticArrays fields)
        {
            var source = new StringBuilder("public static class Calls\n{\n");
            foreach ((string name, double[] values) in fields.Fields)
                source.Append($"private static readonly double[] {name} = new double[] {{ {string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))} }};\n");
            source.Append($"private static double @{Catalogue.CustomMethod}(double t) => {Catalogue.CustomFormula};\n");
            source.Append(methods).Append("}\n");
            return InMemoryCompiler.Compile(source.ToString()).GetType("Calls")!;
        }

        private static T Method<T>(Type type, string name) where T : Delegate =>
            (T)type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate(typeof(T));

        private static void Same(double expected, double actual, string what)
        {
            if (!expected.Equals(actual)) throw new XunitException($"{what}: the core computes {expected:R}, the generated call {actual:R}.");
        }
    }
}
