using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Text;
using Xunit;
using Xunit.Sdk;

namespace ScheduleDsl.Tests.Definition
{
    /// <summary>Each family reads back every argument written on its attribute (and leaves out the ones not written at their
    /// defaults): the catalogue's records are turned into the arguments an attribute declaring them would hold (a record's
    /// properties are named like its attribute's arguments), read through the registry, and must come back equal.</summary>
    public class ReadTests
    {
        // The two spellings of an end value: the attribute holds only the one the record uses.
        private static readonly string[] EndSpellings = { "MinLr", "EndLr", "EndFactor" };

        private sealed class Written : IAttributeArguments
        {
            private readonly Dictionary<string, object> _values;

            public Written(Dictionary<string, object> values) => _values = values;

            public bool Has(string name) => _values.ContainsKey(name);
            public string? OneOf(string first, string second) => Has(second) ? second : Has(first) ? first : null;
            public double Double(string name) => (double)Get(name);
            public int Int(string name) => (int)Get(name);
            public bool Bool(string name) => (bool)Get(name);
            public string String(string name) => (string)Get(name);
            public TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum => (TEnum)Get(name);
            public double[] Doubles(string name) => ((EquatableArray<double>)Get(name)).ToArray();

            private object Get(string name) => _values.TryGetValue(name, out object? value) ? value : throw new XunitException($"{name} is read but not written");
        }

        // What an attribute declaring the record holds: every argument the record has (constructor parameters, MaxLr, the
        // window), except those not set (null) and the unused spelling of an end value.
        private static Dictionary<string, object> Arguments(ScheduleComponent record)
        {
            ConstructorInfo ctor = record.GetType().GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            IEnumerable<string> names = ctor.GetParameters().Select(p => p.Name!)
                .Concat(new[] { "MaxLr", nameof(ScheduleComponent.From), nameof(ScheduleComponent.Until), nameof(ScheduleComponent.StartAt) });
            var values = new Dictionary<string, object>();
            foreach (string name in names)
                if (record.GetType().GetProperty(name)?.GetValue(record) is object value) values[name] = value;
            if (values.ContainsKey("EndValue")) foreach (string end in EndSpellings) values.Remove(end);
            return values;
        }

        [Fact]
        public void Every_record_is_read_back_from_the_arguments_declaring_it()
        {
            var records = Catalogue.Components.Concat(Catalogue.Components.Where(c => c.Role != ComponentRole.Plateau).Select(c => c.WithWindow(10, 40, 5)));
            foreach (ScheduleComponent record in records)
            {
                ComponentEntry entry = ComponentRegistry.Entries.Single(e => e.Record == record.GetType());
                ScheduleComponent read = entry.Read(new Written(Arguments(record)));
                if (!record.Equals(read)) throw new XunitException($"{record} is read back as {read}.");
            }
        }

        [Fact]
        public void Arguments_left_out_keep_the_records_defaults()
        {
            var required = new Dictionary<string, object> { ["BaseLr"] = 0.01, ["StepSizeUp"] = 5.0 };
            Assert.Equal(new CyclicShape(0.01, 5), ComponentRegistry.Entries.Single(e => e.Record == typeof(CyclicShape)).Read(new Written(required)));
            Assert.Equal(new CosineShape(), ComponentRegistry.Entries.Single(e => e.Record == typeof(CosineShape)).Read(new Written(new Dictionary<string, object>())));
            Assert.Equal(new CosineShape(EndValue: 0.5), ComponentRegistry.Entries.Single(e => e.Record == typeof(CosineShape)).Read(new Written(new Dictionary<string, object> { ["EndValue"] = 0.5 })));
        }
    }
}
