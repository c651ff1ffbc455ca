using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Text
{
    /// <summary>The literals generated code is written with: invariant, round-trip, and C# that compiles to the same value.</summary>
    public class LiteralTests
    {
        private static readonly double[] Values =
        {
            0.0, 1.0, -3.0, 0.1, 1e-5, 2.5e-7, 1e308, double.MaxValue, double.Epsilon, -double.Epsilon, 1.0 / 3.0, 123456789012345680.0, 0.30000000000000004,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity,
        };

        [Fact]
        public void Double_literals_are_written_by_hand_as_expected()
        {
            Assert.Equal("0.0", CSharp.Literal(0.0));
            Assert.Equal("1.0", CSharp.Literal(1.0));
            Assert.Equal("-3.0", CSharp.Literal(-3.0));
            Assert.Equal("0.1", CSharp.Literal(0.1));
            Assert.Equal("1E-05", CSharp.Literal(1e-5));
            Assert.Equal("1E+308", CSharp.Literal(1e308));
            Assert.Equal("double.NaN", CSharp.Literal(double.NaN));
            Assert.Equal("double.PositiveInfinity", CSharp.Literal(double.PositiveInfinity));
            Assert.Equal("double.NegativeInfinity", CSharp.Literal(double.NegativeInfinity));
            Assert.Equal("null", CSharp.Literal((double?)null));
            Assert.Equal("2.5", CSharp.Literal((double?)2.5));
            Assert.Equal("-7", CSharp.Literal(-7));
            Assert.Equal("true", CSharp.Literal(true));
            Assert.Equal("false", CSharp.Literal(false));
            Assert.Equal("global::ScheduleDsl.WarmupKind.Cosine", CSharp.Literal(WarmupKind.Cosine));
            Assert.Equal("new double[] { 1.0, 0.5, 1E-05 }", CSharp.Array(new EquatableArray<double>(new[] { 1.0, 0.5, 1e-5 })));
            Assert.Equal("new double[] {  }", CSharp.Array(new EquatableArray<double>(Array.Empty<double>())));
        }

        [Fact]
        public void Numbers_are_written_and_read_in_invariant_culture_whatever_the_current_one()
        {
            CultureInfo saved = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            try
            {
                Assert.Equal("0.1", Numbers.Format(0.1));
                Assert.Equal("1234.5", Numbers.Format(1234.5));
                Assert.Equal(0.25, Numbers.Parse("0.25"));
                Assert.Equal(1e-5, Numbers.Parse("1E-05"));
                Assert.Equal("0.1", CSharp.Literal(0.1));
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
            foreach (double v in Values)
                Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(Numbers.Parse(Numbers.Format(v))));
        }

        [Fact]
        public void Every_literal_compiles_to_the_very_same_double()
        {
            string source = "public static class Literals { public static double[] Values() => new double[] { "
                + string.Join(", ", Values.Select(v => CSharp.Literal(v))) + " }; public static string Text() => "
                + CSharp.Literal("a \"quoted\" C:\\path") + "; }";
            Type literals = InMemoryCompiler.Compile(source).GetType("Literals")!;
            double[] compiled = (double[])literals.GetMethod("Values")!.Invoke(null, null)!;
            Assert.Equal(Values.Select(BitConverter.DoubleToInt64Bits), compiled.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal("a \"quoted\" C:\\path", literals.GetMethod("Text")!.Invoke(null, null));
        }

        [Fact]
        public void Names_are_fully_qualified_and_nested_types_dotted()
        {
            Assert.Equal("global::ScheduleDsl.Families.Cosine", CSharp.Name(typeof(ScheduleDsl.Families.Cosine)));
            Assert.Equal("global::ScheduleDsl.Tests.Text.LiteralTests.Nested", CSharp.Name(typeof(Nested)));
            Assert.Equal("new global::ScheduleDsl.Definition.HoldPhase(1.0, x)", CSharp.New(typeof(HoldPhase), "1.0", "x"));
            Assert.Equal("global::ScheduleDsl.Families.Cosine.Factor(t)", CSharp.Call(typeof(ScheduleDsl.Families.Cosine), "Factor", "t"));
            Assert.Equal("global::ScheduleDsl.Families.Cosine.Factor()", CSharp.Call(typeof(ScheduleDsl.Families.Cosine), "Factor"));
            Assert.Equal("new global::ScheduleDsl.Definition.EquatableArray<double>(new double[] { 2.0 })", CSharp.EquatableArray(new EquatableArray<double>(new[] { 2.0 })));
        }

        private sealed class Nested { }
    }
}
