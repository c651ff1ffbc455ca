using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>Reads a type's schedule attributes, in declaration order, into the core's
    /// <see cref="ScheduleDefinition"/>. Optional arguments left unset keep the core records' defaults
    /// (an attribute's NaN "not set" default is never read as a value: presence decides, so an explicit
    /// NaN still reaches validation). Shared by the generator and the analyzers.</summary>
    public static class ScheduleDeclarationReader
    {
        /// <summary>Reads the schedule declared on <paramref name="type"/>.</summary>
        public static ScheduleDeclaration Read(INamedTypeSymbol type, ScheduleSymbols symbols, CancellationToken cancellationToken)
        {
            var problems = ImmutableArray.CreateBuilder<ReadProblem>();
            var componentAttributes = ImmutableArray.CreateBuilder<AttributeData>();
            var components = new List<ScheduleComponent>();
            AttributeData? learningRate = null, epochs = null, steps = null, floor = null, pastHorizon = null;

            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? name = symbols.NameOf(attribute.AttributeClass);
                switch (name)
                {
                    case null: continue;
                    // A repeated attribute is the compiler's error (CS0579); the first one counts.
                    case "LearningRate": learningRate ??= attribute; continue;
                    case "Epochs": epochs ??= attribute; continue;
                    case "Steps": steps ??= attribute; continue;
                    case "Floor": floor ??= attribute; continue;
                    case "PastHorizon": pastHorizon ??= attribute; continue;
                }
                var args = new Arguments(attribute, name, problems, cancellationToken);
                ScheduleComponent? component = ReadComponent(name, args);
                if (component is null || args.Failed) continue;
                components.Add(component);
                componentAttributes.Add(attribute);
            }

            ScheduleDefinition? definition = null;
            double rate = double.NaN;
            if (learningRate is not null)
            {
                var args = new Arguments(learningRate, "LearningRate", problems, cancellationToken);
                rate = args.Double("Rate");
            }

            TimeUnit unit = TimeUnit.Epochs;
            double? horizon = null;
            if (epochs is not null && steps is not null)
            {
                problems.Add(new ReadProblem(ReadProblemKind.BothUnits, ArgumentLocator.Locate(steps, null, -1, cancellationToken),
                    "[Epochs] and [Steps] are both declared: a schedule counts time in one unit; keep one of them."));
            }
            else if (epochs is not null)
            {
                var args = new Arguments(epochs, "Epochs", problems, cancellationToken);
                if (args.Has("Count")) horizon = args.Double("Count");
            }
            else if (steps is not null)
            {
                unit = TimeUnit.Steps;
                var args = new Arguments(steps, "Steps", problems, cancellationToken);
                if (args.Has("Count")) horizon = args.Long("Count");
            }
            else
            {
                problems.Add(new ReadProblem(ReadProblemKind.MissingUnit,
                    learningRate is null ? Location.None : ArgumentLocator.Locate(learningRate, null, -1, cancellationToken),
                    $"{type.Name} declares no time unit: add [Epochs(n)] (or [Epochs]) or [Steps(n)] (or [Steps])."));
            }

            double? floorRate = null;
            if (floor is not null) floorRate = new Arguments(floor, "Floor", problems, cancellationToken).Double("Rate");
            PastHorizonPolicy policy = PastHorizonPolicy.Hold;
            if (pastHorizon is not null) policy = new Arguments(pastHorizon, "PastHorizon", problems, cancellationToken).Enum("Policy", PastHorizonPolicy.Hold);

            if (learningRate is not null && problems.Count == 0)
            {
                definition = new ScheduleDefinition(rate, unit, horizon, new EquatableArray<ScheduleComponent>(components))
                {
                    Floor = floorRate,
                    PastHorizon = policy,
                };
            }

            return new ScheduleDeclaration(type, definition, componentAttributes.ToImmutable(), learningRate, epochs, steps, floor, pastHorizon,
                problems.ToImmutable());
        }

        // Required arguments first (constructor), then every optional one present applied with `with`,
        // so each default is the core record's own.
        private static ScheduleComponent? ReadComponent(string name, Arguments a)
        {
            switch (name)
            {
                case "Warmup":
                {
                    var c = new WarmupPhase(a.Double("Length"));
                    if (a.Has("Kind")) c = c with { Kind = a.Enum("Kind", c.Kind) };
                    if (a.Has("StartFactor")) c = c with { StartFactor = a.Double("StartFactor") };
                    return c;
                }
                case "Hold": return new HoldPhase(a.Double("Length"));
                case "StepDecay":
                {
                    var c = new StepDecayShape(a.Double("StepSize"));
                    if (a.Has("Gamma")) c = c with { Gamma = a.Double("Gamma") };
                    return c;
                }
                case "MultiStep":
                {
                    var c = new MultiStepShape(new EquatableArray<double>(a.Doubles("Milestones")));
                    if (a.Has("Gamma")) c = c with { Gamma = a.Double("Gamma") };
                    return c;
                }
                case "Exponential":
                {
                    var c = new ExponentialShape(a.Double("Gamma"));
                    if (a.Has("DecaySteps")) c = c with { DecaySteps = a.Double("DecaySteps") };
                    if (a.Has("Staircase")) c = c with { Staircase = a.Bool("Staircase") };
                    return c;
                }
                case "Polynomial":
                {
                    var c = new PolynomialShape();
                    if (a.Has("Power")) c = c with { Power = a.Double("Power") };
                    if (a.Has("EndLr")) c = c with { EndLr = a.Double("EndLr") };
                    if (a.Has("TotalIters")) c = c with { TotalIters = a.Double("TotalIters") };
                    return c;
                }
                case "InverseTime":
                {
                    var c = new InverseTimeShape(a.Double("DecayRate"));
                    if (a.Has("DecaySteps")) c = c with { DecaySteps = a.Double("DecaySteps") };
                    if (a.Has("Staircase")) c = c with { Staircase = a.Bool("Staircase") };
                    return c;
                }
                case "InverseSqrt":
                {
                    var c = new InverseSqrtShape();
                    if (a.Has("Timescale")) c = c with { Timescale = a.Double("Timescale") };
                    return c;
                }
                case "LinearDecay":
                {
                    var c = new LinearDecayShape();
                    if (a.Has("StartFactor")) c = c with { StartFactor = a.Double("StartFactor") };
                    if (a.Has("EndFactor")) c = c with { EndFactor = a.Double("EndFactor") };
                    if (a.Has("TotalIters")) c = c with { TotalIters = a.Double("TotalIters") };
                    return c;
                }
                case "Cosine":
                {
                    var c = new CosineShape();
                    if (a.Has("MinLr")) c = c with { MinLr = a.Double("MinLr") };
                    if (a.Has("Period")) c = c with { Period = a.Double("Period") };
                    return c;
                }
                case "CosineRestarts":
                {
                    var c = new CosineRestartsShape(a.Double("T0"));
                    if (a.Has("TMult")) c = c with { TMult = a.Int("TMult") };
                    if (a.Has("MinLr")) c = c with { MinLr = a.Double("MinLr") };
                    return c;
                }
                case "Cyclic":
                {
                    var c = new CyclicShape(a.Double("BaseLr"), a.Double("StepSizeUp"));
                    if (a.Has("StepSizeDown")) c = c with { StepSizeDown = a.Double("StepSizeDown") };
                    if (a.Has("Mode")) c = c with { Mode = a.Enum("Mode", c.Mode) };
                    if (a.Has("Gamma")) c = c with { Gamma = a.Double("Gamma") };
                    return c;
                }
                case "OneCycle":
                {
                    var c = new OneCycleShape();
                    if (a.Has("PctStart")) c = c with { PctStart = a.Double("PctStart") };
                    if (a.Has("Anneal")) c = c with { Anneal = a.Enum("Anneal", c.Anneal) };
                    if (a.Has("DivFactor")) c = c with { DivFactor = a.Double("DivFactor") };
                    if (a.Has("FinalDivFactor")) c = c with { FinalDivFactor = a.Double("FinalDivFactor") };
                    if (a.Has("ThreePhase")) c = c with { ThreePhase = a.Bool("ThreePhase") };
                    return c;
                }
                case "Wsd":
                {
                    var c = new WsdShape(a.Double("WarmupLength"), a.Double("StableLength"));
                    if (a.Has("DecayLength")) c = c with { DecayLength = a.Double("DecayLength") };
                    if (a.Has("WarmupCurve")) c = c with { WarmupCurve = a.Enum("WarmupCurve", c.WarmupCurve) };
                    if (a.Has("DecayCurve")) c = c with { DecayCurve = a.Enum("DecayCurve", c.DecayCurve) };
                    if (a.Has("MinLrRatio")) c = c with { MinLrRatio = a.Double("MinLrRatio") };
                    if (a.Has("NumCycles")) c = c with { NumCycles = a.Double("NumCycles") };
                    return c;
                }
                case "ReduceOnPlateau":
                {
                    var c = new PlateauReduction();
                    if (a.Has("Mode")) c = c with { Mode = a.Enum("Mode", c.Mode) };
                    if (a.Has("Factor")) c = c with { Factor = a.Double("Factor") };
                    if (a.Has("Patience")) c = c with { Patience = a.Int("Patience") };
                    if (a.Has("Threshold")) c = c with { Threshold = a.Double("Threshold") };
                    if (a.Has("ThresholdMode")) c = c with { ThresholdMode = a.Enum("ThresholdMode", c.ThresholdMode) };
                    if (a.Has("Cooldown")) c = c with { Cooldown = a.Int("Cooldown") };
                    if (a.Has("MinLr")) c = c with { MinLr = a.Double("MinLr") };
                    if (a.Has("Eps")) c = c with { Eps = a.Double("Eps") };
                    return c;
                }
                case "CustomFactor": return new CustomShape(a.String("MethodName"));
                default: return null;
            }
        }

        /// <summary>An attribute's arguments by name (constructor parameters and named properties alike);
        /// a value that is missing or of the wrong type becomes a <see cref="ReadProblem"/> on its argument.</summary>
        private sealed class Arguments
        {
            private readonly Dictionary<string, TypedConstant> _values = new(StringComparer.OrdinalIgnoreCase);
            private readonly AttributeData _attribute;
            private readonly string _name;
            private readonly ImmutableArray<ReadProblem>.Builder _problems;
            private readonly CancellationToken _cancellationToken;

            public Arguments(AttributeData attribute, string name, ImmutableArray<ReadProblem>.Builder problems, CancellationToken cancellationToken)
            {
                _attribute = attribute;
                _name = name;
                _problems = problems;
                _cancellationToken = cancellationToken;
                if (attribute.AttributeConstructor is null)
                {
                    Fail(null, $"[{name}] could not be read: its arguments match none of its constructors.");
                    return;
                }
                ImmutableArray<IParameterSymbol> parameters = attribute.AttributeConstructor.Parameters;
                for (int i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
                    _values[parameters[i].Name] = attribute.ConstructorArguments[i];
                foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                    _values[named.Key] = named.Value;
            }

            /// <summary>Whether a problem was found in this attribute.</summary>
            public bool Failed { get; private set; }

            public bool Has(string name) => _values.ContainsKey(name);

            public double Double(string name) => Convert(name, "a number", v => v switch
            {
                double d => d,
                float f => f,
                int i => i,
                long l => l,
                _ => (double?)null,
            }) ?? double.NaN;

            public long Long(string name) => Convert(name, "an integer", v => v switch { long l => l, int i => i, _ => (long?)null }) ?? 0;

            public int Int(string name) => Convert(name, "an integer", v => v is int i ? i : (int?)null) ?? 0;

            public bool Bool(string name) => Convert(name, "true or false", v => v is bool b ? b : (bool?)null) ?? false;

            public string String(string name)
            {
                if (!_values.TryGetValue(name, out TypedConstant constant))
                {
                    Fail(name, $"[{_name}] {name} is missing.");
                    return "";
                }
                if (constant.Kind == TypedConstantKind.Primitive && (constant.IsNull || constant.Value is string)) return constant.Value as string ?? "";
                Fail(name, $"[{_name}] {name}: expected a method name.");
                return "";
            }

            public TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum => Convert(name, $"a {typeof(TEnum).Name} value", v =>
            {
                // An out-of-range cast such as (WarmupKind)42 would generate code that does not compile.
                if (v is not int i || !System.Enum.IsDefined(typeof(TEnum), i)) return (TEnum?)null;
                return (TEnum)System.Enum.ToObject(typeof(TEnum), i);
            }) ?? fallback;

            public double[] Doubles(string name)
            {
                if (!_values.TryGetValue(name, out TypedConstant constant) || constant.Kind != TypedConstantKind.Array || constant.IsNull)
                {
                    Fail(name, $"[{_name}] {name}: expected a list of numbers.");
                    return Array.Empty<double>();
                }
                var result = new double[constant.Values.Length];
                for (int i = 0; i < result.Length; i++)
                {
                    TypedConstant item = constant.Values[i];
                    double? value = item.Kind == TypedConstantKind.Primitive ? item.Value switch
                    {
                        double d => d,
                        float f => f,
                        int n => n,
                        long l => l,
                        _ => (double?)null,
                    } : null;
                    if (value is null)
                    {
                        Fail(name, $"[{_name}] {name}[{i}]: expected a number.", i);
                        return Array.Empty<double>();
                    }
                    result[i] = value.Value;
                }
                return result;
            }

            private T? Convert<T>(string name, string expected, Func<object?, T?> convert) where T : struct
            {
                if (!_values.TryGetValue(name, out TypedConstant constant))
                {
                    Fail(name, $"[{_name}] {name} is missing.");
                    return null;
                }
                T? value = constant.Kind is TypedConstantKind.Primitive or TypedConstantKind.Enum ? convert(constant.Value) : null;
                if (value is null) Fail(name, $"[{_name}] {name} = {Show(constant)}: expected {expected}.");
                return value;
            }

            private static string Show(TypedConstant constant) =>
                constant.Kind == TypedConstantKind.Error || constant.IsNull ? "?" : System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "?";

            private void Fail(string? parameter, string message, int element = -1)
            {
                if (Failed) return; // one problem per attribute is enough to stop generation
                Failed = true;
                _problems.Add(new ReadProblem(ReadProblemKind.UnreadableArgument,
                    ArgumentLocator.Locate(_attribute, parameter, element, _cancellationToken), message));
            }
        }
    }
}
