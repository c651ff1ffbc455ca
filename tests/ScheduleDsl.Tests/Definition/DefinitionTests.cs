using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using Xunit;

namespace ScheduleDsl.Tests.Definition
{
    /// <summary>The attribute DSL and the core records cannot drift: same names, same defaults.</summary>
    public class AttributeDefaultsTests
    {
        // The core's registry is the one table from attribute to record (the generator's reader uses it too).
        private static readonly Dictionary<Type, Type> RecordOf = ComponentRegistry.Entries.ToDictionary(e => e.Attribute, e => e.Record);

        [Fact]
        public void Every_exported_attribute_has_a_registry_entry()
        {
            // Schedule-component attributes: everything in the DSL namespace except the schedule's own settings
            // (and optimizer settings, which are not part of a schedule definition).
            var attributes = typeof(WarmupAttribute).Assembly.GetExportedTypes()
                .Where(t => t.IsSubclassOf(typeof(Attribute)) && t.Namespace == "ScheduleDsl" && !ComponentRegistry.ScheduleAttributes.Contains(t)
                    && !t.IsAbstract && !t.Name.StartsWith("Optimizer", StringComparison.Ordinal));
            foreach (Type attribute in attributes)
                Assert.True(RecordOf.ContainsKey(attribute), $"{attribute.Name} has no entry in ComponentRegistry: the generator would ignore it");
            Assert.Equal(RecordOf.Count, ComponentRegistry.Entries.Count); // one entry per attribute
        }

        [Fact]
        public void Every_registry_entry_reads_its_own_record()
        {
            foreach (ComponentEntry entry in ComponentRegistry.Entries)
            {
                ScheduleComponent record = entry.Read(new SampleArguments());
                Assert.IsType(entry.Record, record);
                Assert.Equal(entry.Name, record.Name);
            }
        }

        // Every argument present, every value a plausible sample.
        private sealed class SampleArguments : IAttributeArguments
        {
            public bool Has(string name) => true;
            public string? OneOf(string first, string second) => first;
            public double Double(string name) => 2.0;
            public int Int(string name) => 2;
            public bool Bool(string name) => true;
            public string String(string name) => "M";
            public TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum => fallback;
            public double[] Doubles(string name) => new[] { 1.0, 2.0 };
        }

        public static TheoryData<Type> Attributes() => new(RecordOf.Keys);

        [Theory]
        [MemberData(nameof(Attributes))]
        public void Attribute_names_and_defaults_equal_the_record(Type attributeType)
        {
            Type recordType = RecordOf[attributeType];
            ParameterInfo[] recordParameters = recordType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
            ConstructorInfo attributeCtor = attributeType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();

            // The record's Name is the attribute's name.
            object record = recordType.GetConstructors().First(c => c.GetParameters().Length == recordParameters.Length)
                .Invoke(recordParameters.Select(p => p.HasDefaultValue ? Normalize(p.DefaultValue, p.ParameterType) : Sample(p.ParameterType)).ToArray());
            Assert.Equal(attributeType.Name[..^"Attribute".Length], ((ScheduleComponent)record).Name);

            object attribute = attributeCtor.Invoke(attributeCtor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : Sample(p.ParameterType)).ToArray());
            foreach (ParameterInfo rp in recordParameters)
            {
                ParameterInfo? ctorParameter = attributeCtor.GetParameters().SingleOrDefault(p => string.Equals(p.Name, rp.Name, StringComparison.OrdinalIgnoreCase));
                PropertyInfo? property = attributeType.GetProperty(rp.Name!);
                Assert.True(property is not null, $"{attributeType.Name} lacks {rp.Name}");
                if (!rp.HasDefaultValue)
                {
                    Assert.True(ctorParameter is not null && !ctorParameter.HasDefaultValue, $"{rp.Name} is required in the record, so a constructor argument of {attributeType.Name}");
                    continue;
                }
                object? attributeDefault = ctorParameter is { HasDefaultValue: true } ? ctorParameter.DefaultValue : property!.GetValue(attribute);
                Assert.True(ctorParameter is null || ctorParameter.HasDefaultValue, $"{rp.Name} is optional in the record but required by {attributeType.Name}");
                Assert.Equal(Key(Normalize(rp.DefaultValue, rp.ParameterType)), Key(attributeDefault));
            }
        }

        private static object? Sample(Type t) =>
            t == typeof(double) ? 1.0 : t == typeof(long) ? 1L : t == typeof(int) ? 1 : t == typeof(string) ? "M"
            : t == typeof(double[]) ? new[] { 1.0 } : t == typeof(EquatableArray<double>) ? new EquatableArray<double>(new[] { 1.0 }) : null;

        private static object? Normalize(object? value, Type t)
        {
            Type underlying = Nullable.GetUnderlyingType(t) ?? t;
            return value is null || !underlying.IsEnum ? value : Enum.ToObject(underlying, value);
        }

        // The DSL spells "not set" as NaN where the record uses null.
        private static string Key(object? value) => value switch
        {
            null => "unset",
            double d when double.IsNaN(d) => "unset",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            int i => ((double)i).ToString("R", CultureInfo.InvariantCulture),
            Enum e => e.GetType().Name + "." + e,
            _ => value.ToString()!,
        };
    }

    /// <summary>The fingerprint tells definitions apart and does not depend on the culture.</summary>
    public class FingerprintTests
    {
        private static ScheduleDefinition Make(double lr = 0.1, double horizon = 90, double warmup = 5, double start = 0.1, double step = 30,
            double gamma = 0.1, double milestone = 60, double minLr = 0.001, double floor = 1e-5, double patience = 10) =>
            ScheduleDefinition.Create(lr, TimeUnit.Epochs, horizon,
                new WarmupPhase(warmup, WarmupKind.Linear, start), new StepDecayShape(step, gamma),
                new MultiStepShape(new EquatableArray<double>(new[] { milestone })), new CosineShape(minLr),
                new PlateauReduction(Patience: (int)patience)) with { Floor = floor };

        [Fact]
        public void Equal_definitions_have_equal_fingerprints()
        {
            Assert.Equal(Make(), Make());
            Assert.Equal(Make().Fingerprint, Make().Fingerprint);
            Assert.Equal(Make().Canonical, Make().Canonical);
        }

        public static TheoryData<ScheduleDefinition> Changed() => new()
        {
            Make(lr: 0.10000000000000002), Make(horizon: 91), Make(warmup: 5.5), Make(start: 0.2), Make(step: 31), Make(gamma: 0.2),
            Make(milestone: 61), Make(minLr: 0.002), Make(floor: 2e-5), Make(patience: 11),
            Make() with { PastHorizon = PastHorizonPolicy.Continue },
            Make() with { Unit = TimeUnit.Steps },
        };

        [Theory]
        [MemberData(nameof(Changed))]
        public void Any_changed_number_changes_the_fingerprint(ScheduleDefinition changed)
        {
            Assert.NotEqual(Make().Fingerprint, changed.Fingerprint);
        }

        [Fact]
        public void Fingerprint_is_the_same_under_de_DE()
        {
            ulong invariant = Make().Fingerprint;
            string canonical = Make().Canonical;
            CultureInfo saved = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            try
            {
                Assert.Equal(invariant, Make().Fingerprint);
                Assert.Equal(canonical, Make().Canonical);
                Assert.Contains("lr=0.1;", Make().Canonical, StringComparison.Ordinal);
                Assert.Contains("warmup(5,Linear,0.1)", Make().Canonical, StringComparison.Ordinal);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }
    }

    /// <summary>The canonical text (whose hash is the fingerprint a saved state is checked against) tells apart every
    /// family and every argument of every family: each registry entry is read from sample arguments, then again with one
    /// argument changed, for each argument it reads (the arguments are found by recording what the record asks for).</summary>
    public class CanonicalTextTests
    {
        private sealed class Arguments : IAttributeArguments
        {
            private readonly string? _changed;

            public Arguments(string? changed = null) => _changed = changed;

            public List<string> Read { get; } = new();

            private bool Changed(string name)
            {
                if (!Read.Contains(name)) Read.Add(name);
                return name == _changed;
            }

            public bool Has(string name) => true;
            // Both spellings of an end value (MinLr / EndValue) read into the same field: the first stands for both.
            public string? OneOf(string first, string second) => first;
            public double Double(string name) => Changed(name) ? 3.0 : 2.0;
            public int Int(string name) => Changed(name) ? 3 : 2;
            public bool Bool(string name) => !Changed(name);
            public string String(string name) => Changed(name) ? "N" : "M";
            public TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum =>
                Changed(name) ? System.Enum.GetValues<TEnum>().First(v => !v.Equals(fallback)) : fallback;
            public double[] Doubles(string name) => Changed(name) ? new[] { 1.0, 3.0 } : new[] { 1.0, 2.0 };
        }

        private static string Canonical(ScheduleComponent c) => ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 100, c).Canonical;

        [Fact]
        public void Every_family_and_every_argument_changes_the_canonical_text()
        {
            var families = new Dictionary<string, string>();
            foreach (ComponentEntry entry in ComponentRegistry.Entries)
            {
                var sample = new Arguments();
                string canonical = Canonical(entry.Read(sample));
                Assert.DoesNotContain(canonical, families.Values);
                families[entry.Name] = canonical;
                Assert.NotEmpty(sample.Read);
                foreach (string argument in sample.Read)
                    Assert.True(canonical != Canonical(entry.Read(new Arguments(argument))), $"{entry.Name}.{argument} is not in the canonical text {canonical}");
            }
        }
    }
}
