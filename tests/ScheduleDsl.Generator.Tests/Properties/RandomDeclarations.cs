using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;

namespace ScheduleDsl.Generator.Tests.Properties
{
    /// <summary>Where a random schedule is declared.</summary>
    internal enum Container { Class, Struct, Record, RecordStruct, Nested, Generic, File, KeywordNamed, MemberNamed }

    /// <summary>One random schedule declaration: its container, its type name and its attributes (already
    /// written as C#, in the order they are declared).</summary>
    internal sealed record RandomDeclaration(Container Container, string TypeName, string[] Attributes)
    {
        /// <summary>The declaration as C# inside namespace <paramref name="ns"/> (one namespace per declaration,
        /// so many share a compilation).</summary>
        public string Source(string ns)
        {
            var text = new StringBuilder();
            text.Append(Container == Container.KeywordNamed ? $"namespace {ns}.@event\n{{\n" : $"namespace {ns}\n{{\n");
            string attributes = string.Concat(Attributes.Select(a => $"    [{a}]\n"));
            string body = "{ public static double Custom(double t) => 1.0 / (1.0 + t * t); }";
            switch (Container)
            {
                case Container.Nested:
                    text.Append("public partial class Outer\n{\n").Append(attributes).Append($"    public partial class {TypeName} {body}\n}}\n");
                    break;
                default:
                    string keyword = Container switch
                    {
                        Container.Struct => "partial struct",
                        Container.Record => "partial record",
                        Container.RecordStruct => "partial record struct",
                        Container.File => "file partial class",
                        _ => "partial class",
                    };
                    string generic = Container == Container.Generic ? "<TValue>" : "";
                    string access = Container == Container.File ? "" : "public ";
                    text.Append(attributes).Append($"{access}{keyword} {TypeName}{generic} {body}\n");
                    break;
            }
            return text.Append("}\n").ToString();
        }

        public override string ToString() => $"{Container} {TypeName}: [{string.Join("] [", Attributes)}]";
    }

    /// <summary>CsCheck generators of declarations: random subsets and orders of every schedule attribute,
    /// arguments from benign and hostile pools (0, negatives, NaN, ±∞, double.Epsilon, 1e308, integer extremes,
    /// empty and huge arrays, constants and expressions), positional and named.</summary>
    internal static class RandomDeclarations
    {
        private static readonly string[] BenignDoubles = { "0.1", "0.5", "1", "2", "3", "5", "10", "20", "50", "100", "0.9", "3.1", "12.4", "1.8", "1e-3", "2.0 * 5", "K.Quarter", "K.Ten" };
        private static readonly string[] HostileDoubles =
            { "0", "-1", "-0.5", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "double.Epsilon", "1e308", "-1e308", "double.MaxValue", "1e-310", "(double)long.MaxValue" };
        private static readonly string[] BenignLongs = { "1", "10", "50", "100", "1000", "2 * 50" };
        private static readonly string[] HostileLongs = { "0", "-5", "long.MaxValue", "long.MinValue", "int.MaxValue", "9007199254740993" };
        private static readonly string[] Ints = { "0", "1", "2", "3", "10", "-1", "int.MaxValue", "int.MinValue" };
        private static readonly string[] Bools = { "true", "false" };

        private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);
        private static Gen<string> Pick(Gen<bool> hostile, string[] benign, string[] bad) => Gen.Select(hostile, Pick(benign), Pick(bad)).Select(t => t.Item1 ? t.Item3 : t.Item2);

        // One in four arguments hostile: most declarations stay valid, so the "compiles and evaluates" properties see many.
        private static readonly Gen<bool> Hostile = Gen.Int[0, 3].Select(i => i == 0);
        private static readonly Gen<string> D = Pick(Hostile, BenignDoubles, HostileDoubles);
        private static readonly Gen<string> Small = Pick(Hostile, new[] { "0.1", "0.5", "0.9", "0.25", "0.01", "1e-3" }, HostileDoubles);
        private static readonly Gen<string> L = Pick(Hostile, BenignLongs, HostileLongs);
        private static readonly Gen<string> I = Pick(Ints);
        private static readonly Gen<string> B = Pick(Bools);

        private static Gen<string> Enum(string type, params string[] members) =>
            Pick(members.Select(m => $"{type}.{m}").Append($"({type})99").ToArray());

        /// <summary>An attribute with its required arguments and a random subset of its named ones.</summary>
        private static Gen<string> Attribute(string name, Gen<string[]> positional, params (string Name, Gen<string> Value)[] named)
        {
            Gen<string>[] namedGens = named.Select(n => Gen.Select(Gen.Bool, n.Value).Select(t => t.Item1 ? $"{n.Name} = {t.Item2}" : "")).ToArray();
            Gen<string[]> namedAll = Args(namedGens);
            return Gen.Select(positional, namedAll).Select(t =>
            {
                string[] args = t.Item1.Concat(t.Item2.Where(s => s.Length > 0)).ToArray();
                return args.Length == 0 ? name : $"{name}({string.Join(", ", args)})";
            });
        }

        private static Gen<string[]> Args(params Gen<string>[] gens) =>
            gens.Length == 0 ? Gen.Const(Array.Empty<string>()) : gens.Select(g => g.Array[1, 1]).Aggregate((a, b) => Gen.Select(a, b).Select(t => t.Item1.Concat(t.Item2).ToArray()));

        private static readonly Gen<string> Milestones = Gen.Int[0, 5].SelectMany(kind => kind switch
        {
            0 => Gen.Const(""),
            1 => Gen.Const("new double[0]"),
            2 => Gen.Const(string.Join(", ", Enumerable.Range(1, 300).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            3 => D.Array[1, 4].Select(a => $"new[] {{ {string.Join(", ", a.Select(x => "(double)(" + x + ")"))} }}"),
            _ => D.Array[1, 4].Select(a => string.Join(", ", a.Select(x => "(double)(" + x + ")"))),
        });

        /// <summary>Every schedule attribute the DSL has (prefixes, shapes, options), each with random arguments.</summary>
        private static readonly Gen<string>[] Components =
        {
            Attribute("Warmup", Args(D), ("Kind", Enum("WarmupKind", "Linear", "Cosine", "Exponential")), ("StartFactor", Small)),
            Attribute("Hold", Args(D)),
            Attribute("StepDecay", Gen.OneOf(Args(D), Args(D, Small))),
            Milestones.SelectMany(m => Attribute("MultiStep", Gen.Const(m.Length == 0 ? Array.Empty<string>() : new[] { m }), ("Gamma", Small))),
            Attribute("Exponential", Args(Small), ("DecaySteps", D), ("Staircase", B)),
            Attribute("Polynomial", Args(), ("Power", D), ("EndLr", Small), ("TotalIters", D), ("EndValue", Small)),
            Attribute("InverseTime", Args(Small), ("DecaySteps", D), ("Staircase", B)),
            Attribute("InverseSqrt", Args(), ("Timescale", D)),
            Attribute("LinearDecay", Args(), ("StartFactor", Small), ("EndFactor", Small), ("TotalIters", D), ("EndValue", Small)),
            Attribute("Cosine", Args(), ("MinLr", Small), ("Period", D), ("EndValue", Small)),
            Attribute("CosineRestarts", Args(D), ("TMult", I), ("MinLr", Small), ("EndValue", Small)),
            Attribute("Cyclic", Args(Small, D), ("StepSizeDown", D), ("Mode", Enum("CyclicMode", "Triangular", "Triangular2", "ExpRange")), ("Gamma", Small)),
            Attribute("OneCycle", Args(), ("PctStart", Small), ("Anneal", Enum("AnnealStrategy", "Cos", "Linear")), ("DivFactor", D), ("FinalDivFactor", D), ("ThreePhase", B)),
            Attribute("Wsd", Args(D, D), ("DecayLength", D), ("WarmupCurve", Enum("WsdCurve", "Linear", "Cosine", "OneMinusSqrt")),
                ("DecayCurve", Enum("WsdCurve", "Linear", "Cosine", "OneMinusSqrt")), ("MinLrRatio", Small), ("NumCycles", D)),
            Attribute("ReduceOnPlateau", Args(), ("Mode", Enum("PlateauMode", "Min", "Max")), ("Factor", Small), ("Patience", I), ("Threshold", Small),
                ("ThresholdMode", Enum("ThresholdMode", "Rel", "Abs")), ("Cooldown", I), ("MinLr", Small), ("Eps", Small)),
            Gen.Const("CustomFactor(nameof(Custom))"),
            Attribute("Floor", Args(Small)),
            Attribute("PastHorizon", Args(Enum("PastHorizonPolicy", "Hold", "Continue", "Throw"))),
        };

        private static readonly Gen<string> Horizon = Gen.Int[0, 5].SelectMany(kind => kind switch
        {
            0 or 1 => Attribute("Epochs", Args(D)),
            2 or 3 => Attribute("Steps", Args(L)),
            4 => Pick("Epochs", "Steps"),
            _ => Gen.Const(""),
        });

        /// <summary>The learning-rate marker, or one of every kind's (issue 15), each with a random value.</summary>
        private static readonly Gen<string> AnyMarker = Gen.OneOf(
            Attribute("LearningRate", Args(Small)), Attribute("WeightDecay", Args(Small)), Attribute("Momentum", Args(Small)),
            Attribute("EmaDecay", Args(Small)), Attribute("Temperature", Args(Small)),
            Args(Small).Select(a => $"Hyperparameter(\"{(a[0] == "0" ? "loss weight" : "loss_weight")}\", {a[0]})"));

        private static readonly Gen<string[]> Attributes = AttributesWith(Attribute("LearningRate", Args(Small)));

        private static readonly Gen<string[]> AnyKindAttributes = AttributesWith(AnyMarker);

        private static Gen<string[]> AttributesWith(Gen<string> marker) =>
            Gen.Select(Gen.Int[0, 19].Select(i => i != 0), marker, Horizon,
                Gen.Int[0, Components.Length - 1].Array[0, 4].Select(ix => ix.Distinct().ToArray()).SelectMany(ix => ix.Length == 0 ? Gen.Const(Array.Empty<string>()) :
                    ix.Select(i => Components[i].Array[1, 1]).Aggregate((a, b) => Gen.Select(a, b).Select(t => t.Item1.Concat(t.Item2).ToArray()))))
            .SelectMany(t =>
            {
                var all = new List<string>(t.Item4);
                if (t.Item1) all.Add(t.Item2);
                if (t.Item3.Length > 0) all.Add(t.Item3);
                return Gen.Shuffle(all.ToArray()); // any order
            });

        /// <summary>Names of members every generated class declares, plus the generated nested type.</summary>
        public static readonly string[] MemberNames =
            { "Peak", "Horizon", "Unit", "Definition", "Description", "Advance", "Fingerprint", "CurrentRate", "Milestones", "TimeOf", "LearningRateSchedule" };

        private static readonly Gen<Container> Containers =
            Gen.Frequency((6, Gen.Const(Container.Class)), (2, Gen.Const(Container.Struct)), (2, Gen.Const(Container.Record)),
                (2, Gen.Const(Container.RecordStruct)), (1, Gen.Const(Container.Nested)), (1, Gen.Const(Container.Generic)));

        /// <summary>Declarations in containers the generator handles today (issue 14's container defects excluded:
        /// see <see cref="KnownDefectDeclarations"/>).</summary>
        public static readonly Gen<RandomDeclaration> Declarations =
            Gen.Select(Containers, Pick("Schedule", "Lr", "MySchedule", "T"), AnyKindAttributes).Select(t => new RandomDeclaration(t.Item1, t.Item2, t.Item3));

        /// <summary>The container issue 14 lists as a defect still open: <c>file</c> types.</summary>
        public static readonly Gen<RandomDeclaration> KnownDefectDeclarations =
            Attributes.Select(a => new RandomDeclaration(Container.File, "Schedule", a));

        /// <summary>Keyword-named namespaces (<c>R0.@event</c>) and types (<c>@class</c>, <c>@checked</c>...).</summary>
        public static readonly Gen<RandomDeclaration> KeywordNamedDeclarations =
            Gen.Select(Pick("@class", "@checked", "@event", "@double", "@namespace"), Attributes)
                .Select(t => new RandomDeclaration(Container.KeywordNamed, t.Item1, t.Item2));

        /// <summary>Schedules named like a generated member, as plain classes and as records (training types).</summary>
        public static readonly Gen<RandomDeclaration> MemberNamedDeclarations =
            Gen.Select(Gen.Bool, Pick(MemberNames), Attributes).Select(t =>
                new RandomDeclaration(t.Item1 ? Container.Class : Container.Record, t.Item2, t.Item3));

        /// <summary>Helper constants the declarations may use (<c>K.Quarter</c>): constants are arguments too.</summary>
        public const string Constants = "static class K { public const double Quarter = 0.25; public const double Ten = 10; }\n";
    }
}
