using System;
using System.Linq;
using System.Text;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace ScheduleDsl.Tests.Text
{
    /// <summary>What each record writes about itself: its description (the generated class's XML doc and the preview), its
    /// canonical text (hashed into the fingerprint a saved state is checked against), and the C# that rebuilds it in
    /// generated code.</summary>
    public class ComponentTextTests
    {
        [Fact]
        public void Every_record_describes_itself_in_words()
        {
            foreach (Catalogue.Entry e in Catalogue.Entries)
            {
                Assert.Equal(e.Description, e.Component.Describe("epochs"));
                Assert.Equal(e.Description, e.Component.DescribeWithWindow("epochs"));
                Assert.Equal(e.Description.Replace("epochs", "steps"), e.Component.DescribeWithWindow("steps"));
            }
        }

        [Fact]
        public void Every_record_writes_its_canonical_text()
        {
            foreach (Catalogue.Entry e in Catalogue.Entries)
                Assert.Equal(e.Canonical, Canonical(e.Component));
        }

        [Fact]
        public void A_window_is_described_and_written_after_the_component()
        {
            var cosine = new CosineShape(0.001, 40);
            Assert.Equal("cosine annealing to 0.001 over 40 epochs from epoch 10", cosine.WithWindow(10, null).DescribeWithWindow("epochs"));
            Assert.Equal("cosine annealing to 0.001 over 40 steps in steps [0, 30)", cosine.WithWindow(null, 30).DescribeWithWindow("steps"));
            Assert.Equal("cosine annealing to 0.001 over 40 epochs in epochs [10, 40), entered at its own epoch 5", cosine.WithWindow(10, 40, 5).DescribeWithWindow("epochs"));
            Assert.Equal("cosine annealing to 0.001 over 40 steps from step 20, entered at its own step 2.5", cosine.WithWindow(20, null, 2.5).DescribeWithWindow("steps"));
            // A warmup with only From ends after its length: described from its start.
            Assert.Equal("linear warmup from 0.1 x peak over 5 epochs from epoch 30", new WarmupPhase(5, WarmupKind.Linear, 0.1).WithWindow(30, null).DescribeWithWindow("epochs"));

            Assert.Equal("cos(0.001,40)@[10,auto)", Canonical(cosine.WithWindow(10, null)));
            Assert.Equal("cos(0.001,40)@[auto,30)", Canonical(cosine.WithWindow(null, 30)));
            Assert.Equal("cos(0.001,40)@[10,40)+5", Canonical(cosine.WithWindow(10, 40, 5)));
            Assert.Equal("cos(0.001,40)@[0,40)", Canonical(cosine.WithWindow(0, 40)));
            // StartAt 0 is the default: nothing written.
            Assert.Equal("cos(0.001,40)@[10,40)", Canonical(cosine.WithWindow(10, 40, 0)));
        }

        [Fact]
        public void A_records_text_is_its_canonical_form()
        {
            Assert.Equal("cos(0.001,40)@[10,40)+5", new CosineShape(0.001, 40).WithWindow(10, 40, 5).ToString());
            Assert.Equal("multistep(15;45;0.3)", new MultiStepShape(new EquatableArray<double>(new[] { 15.0, 45.0 }), 0.3).ToString());
        }

        [Fact]
        public void Every_records_construction_code_rebuilds_it_with_and_without_a_window()
        {
            var records = Catalogue.Components
                .SelectMany(c => new[] { c, c.WithWindow(10, 40), c.WithWindow(null, 30), c.WithWindow(12.5, null), c.WithWindow(10, 40, 5) })
                .Where(c => c.Role != ComponentRole.Plateau || !c.IsWindowed) // plateau reduction takes no window
                .ToArray();
            var source = new StringBuilder("public static class Rebuild\n{\n");
            for (int i = 0; i < records.Length; i++)
                source.Append($"public static global::ScheduleDsl.Definition.ScheduleComponent R{i}() => {records[i].ConstructionCodeWithWindow()};\n");
            Type rebuild = InMemoryCompiler.Compile(source.Append("}\n").ToString()).GetType("Rebuild")!;
            for (int i = 0; i < records.Length; i++)
            {
                object? rebuilt = rebuild.GetMethod("R" + i)!.Invoke(null, null);
                if (!records[i].Equals(rebuilt))
                    throw new XunitException($"{Canonical(records[i])}: {records[i].ConstructionCodeWithWindow()} rebuilds {(rebuilt is ScheduleComponent r ? Canonical(r) : "null")}.");
            }
        }

        [Fact]
        public void Construction_code_spells_out_every_argument_and_keeps_existing_calls_as_they_were()
        {
            // Optional arguments left at their defaults keep the shorter call older generated code used.
            Assert.Equal("new global::ScheduleDsl.Definition.CosineShape(0.0, null)", new CosineShape().ConstructionCode());
            Assert.Equal("new global::ScheduleDsl.Definition.CosineShape(0.0, 30.0, 0.002)", new CosineShape(0, 30, 0.002).ConstructionCode());
            Assert.Equal("new global::ScheduleDsl.Definition.CosineRestartsShape(10.0, 2, 0.001)", new CosineRestartsShape(10, 2, 0.001).ConstructionCode());
            Assert.Equal("new global::ScheduleDsl.Definition.CyclicShape(0.01, 10.0, null, global::ScheduleDsl.CyclicMode.Triangular, 1.0)", new CyclicShape(0.01, 10).ConstructionCode());
            Assert.Equal("new global::ScheduleDsl.Definition.CyclicShape(0.01, 10.0, null, global::ScheduleDsl.CyclicMode.Triangular, 1.0).WithMaxLr(0.2)",
                new CyclicShape(0.01, 10).WithMaxLr(0.2).ConstructionCode());
            Assert.Equal("new global::ScheduleDsl.Definition.LinearDecayShape(1.0, 0.0, null)", new LinearDecayShape().ConstructionCode());
            Assert.Equal("new global::ScheduleDsl.Definition.PolynomialShape(1.0, 0.0, null)", new PolynomialShape().ConstructionCode());
            // Without a window the construction code is the record's own (generated code written before windows is unchanged).
            foreach (ScheduleComponent c in Catalogue.Components)
                Assert.Equal(c.ConstructionCode(), c.ConstructionCodeWithWindow());
            Assert.Equal("new global::ScheduleDsl.Definition.HoldPhase(7.0).WithWindow(10.0, null)", new HoldPhase(7).WithWindow(10, null).ConstructionCodeWithWindow());
            Assert.Equal("new global::ScheduleDsl.Definition.HoldPhase(7.0).WithWindow(null, 20.0, 3.0)", new HoldPhase(7).WithWindow(null, 20, 3).ConstructionCodeWithWindow());
        }

        private static string Canonical(ScheduleComponent c)
        {
            var text = new StringBuilder();
            c.WriteCanonicalWithWindow(text);
            return text.ToString();
        }
    }
}
