using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>Reads a type's schedule attributes, in declaration order, into the core's
    /// <see cref="ScheduleDefinition"/>, each component attribute through the core's <see cref="ComponentRegistry"/>.
    /// An argument counts as present only when written in the source, so optional arguments left unset keep the core
    /// records' defaults (an explicit NaN still reaches validation). Shared by the generator and the analyzers.</summary>
    internal static class ScheduleDeclarationReader
    {
        /// <summary>Reads the schedule declared on <paramref name="type"/>.</summary>
        public static ScheduleDeclaration Read(INamedTypeSymbol type, ScheduleSymbols symbols, CancellationToken cancellationToken)
        {
            var problems = ImmutableArray.CreateBuilder<ReadProblem>();
            var componentAttributes = ImmutableArray.CreateBuilder<AttributeData>();
            var components = new List<ScheduleComponent>();
            AttributeData? marker = null, epochs = null, steps = null, floor = null, pastHorizon = null;
            HyperparameterKind kind = HyperparameterKind.LearningRate;
            var extraMarkers = ImmutableArray.CreateBuilder<AttributeData>();

            var schedule = new List<AttributeData>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                INamedTypeSymbol? attributeClass = attribute.AttributeClass;
                if (symbols.IsScheduleAttribute(attributeClass)) schedule.Add(attribute);
                // A repeated attribute is the compiler's error (CS0579); the first one counts.
                if (symbols.MarkerKind(attributeClass) is HyperparameterKind markerKind)
                {
                    if (marker is null) (marker, kind) = (attribute, markerKind);
                    else extraMarkers.Add(attribute);
                }
                else if (Is(attributeClass, symbols.Epochs)) epochs ??= attribute;
                else if (Is(attributeClass, symbols.Steps)) steps ??= attribute;
                else if (Is(attributeClass, symbols.Floor)) floor ??= attribute;
                else if (Is(attributeClass, symbols.PastHorizon)) pastHorizon ??= attribute;
                else if (symbols.ComponentOf(attributeClass) is ComponentEntry entry)
                {
                    var args = new Arguments(attribute, entry.Name, problems, cancellationToken);
                    ScheduleComponent component = entry.Read(args);
                    if (args.Failed) continue;
                    components.Add(component);
                    componentAttributes.Add(attribute);
                }
            }

            if (marker is not null && type.DeclaringSyntaxReferences.Length > 1)
                CheckOnePart(type, marker, kind, schedule, problems, cancellationToken);

            ScheduleDefinition? definition = null;
            double rate = double.NaN;
            MinimumScaling minimums = MinimumScaling.Scaled;
            string? name = null;
            if (marker is not null)
            {
                var args = new Arguments(marker, DslName.Of(HyperparameterKinds.MarkerOf(kind)), problems, cancellationToken);
                rate = args.Double(HyperparameterKinds.ValueParameterOf(kind));
                if (kind == HyperparameterKind.LearningRate && args.Has(nameof(LearningRateAttribute.Minimums)))
                    minimums = args.Enum(nameof(LearningRateAttribute.Minimums), MinimumScaling.Scaled);
                if (kind == HyperparameterKind.Other) name = args.String(nameof(HyperparameterAttribute.Name));
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
                var args = new Arguments(epochs, DslName.Of(typeof(EpochsAttribute)), problems, cancellationToken);
                if (args.Has(nameof(EpochsAttribute.Count))) horizon = args.Double(nameof(EpochsAttribute.Count));
            }
            else if (steps is not null)
            {
                unit = TimeUnit.Steps;
                var args = new Arguments(steps, DslName.Of(typeof(StepsAttribute)), problems, cancellationToken);
                if (args.Has(nameof(StepsAttribute.Count))) horizon = args.Long(nameof(StepsAttribute.Count));
            }
            else
            {
                problems.Add(new ReadProblem(ReadProblemKind.MissingUnit,
                    marker is null ? Location.None : ArgumentLocator.Locate(marker, null, -1, cancellationToken),
                    $"{type.Name} declares no time unit: add [Epochs(n)] (or [Epochs]) or [Steps(n)] (or [Steps])."));
            }

            double? floorRate = null;
            if (floor is not null) floorRate = new Arguments(floor, DslName.Of(typeof(FloorAttribute)), problems, cancellationToken).Double(nameof(FloorAttribute.Rate));
            PastHorizonPolicy policy = PastHorizonPolicy.Hold;
            if (pastHorizon is not null) policy = new Arguments(pastHorizon, DslName.Of(typeof(PastHorizonAttribute)), problems, cancellationToken).Enum(nameof(PastHorizonAttribute.Policy), PastHorizonPolicy.Hold);

            if (marker is not null && problems.Count == 0)
            {
                definition = new ScheduleDefinition(rate, unit, horizon, new EquatableArray<ScheduleComponent>(components))
                {
                    Floor = floorRate,
                    PastHorizon = policy,
                    Minimums = minimums,
                    Kind = kind,
                    Name = name,
                };
            }

            return new ScheduleDeclaration(type, definition, componentAttributes.ToImmutable(), marker, kind, extraMarkers.ToImmutable(),
                epochs, steps, floor, pastHorizon, problems.ToImmutable());
        }

        /// <summary>Attributes of a partial type come in file order, so a schedule split across parts would change
        /// with a file rename: every schedule attribute must sit on the part holding the marker (that part is
        /// unique, a marker being single-use), and each one elsewhere is a problem on that attribute.</summary>
        private static void CheckOnePart(INamedTypeSymbol type, AttributeData marker, HyperparameterKind kind, List<AttributeData> schedule,
            ImmutableArray<ReadProblem>.Builder problems, CancellationToken cancellationToken)
        {
            SyntaxNode? home = PartOf(marker, cancellationToken);
            string markerName = DslName.Of(HyperparameterKinds.MarkerOf(kind));
            if (home is null) return;
            string homeFile = System.IO.Path.GetFileName(home.SyntaxTree.FilePath);
            foreach (AttributeData attribute in schedule)
            {
                SyntaxNode? part = PartOf(attribute, cancellationToken);
                if (part is null || (part.SyntaxTree == home.SyntaxTree && part.Span == home.Span)) continue;
                string name = attribute.AttributeClass?.Name is { } n && n.EndsWith("Attribute", StringComparison.Ordinal) ? n.Substring(0, n.Length - "Attribute".Length) : "?";
                problems.Add(new ReadProblem(ReadProblemKind.SplitAcrossParts, ArgumentLocator.Locate(attribute, null, -1, cancellationToken),
                    $"[{name}] is declared on another part of the partial type {type.Name} than [{markerName}]"
                    + (homeFile.Length > 0 ? $" (in {homeFile})" : "")
                    + $": the order of attributes across parts depends on file order; declare every schedule attribute on the part that holds [{markerName}]."));
            }
        }

        // The type declaration (partial part) an attribute is written on.
        private static SyntaxNode? PartOf(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();

        private static bool Is(INamedTypeSymbol? attributeClass, INamedTypeSymbol? symbol) =>
            symbol is not null && SymbolEqualityComparer.Default.Equals(attributeClass, symbol);

        /// <summary>An attribute's arguments by name (constructor parameters and named properties alike);
        /// a value that is missing or of the wrong type becomes a <see cref="ReadProblem"/> on its argument.</summary>
        private sealed class Arguments : IAttributeArguments
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
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                for (int i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
                    if (IsWritten(parameters[i], i, syntax)) _values[parameters[i].Name] = attribute.ConstructorArguments[i];
                foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                    _values[named.Key] = named.Value;
            }

            // Roslyn fills an omitted optional parameter with the attribute's default: only the syntax tells whether
            // it was written, so that the record's default (the single source) applies otherwise.
            private static bool IsWritten(IParameterSymbol parameter, int index, AttributeSyntax? syntax)
            {
                if (syntax is null || !parameter.IsOptional) return true;
                int positional = 0;
                foreach (AttributeArgumentSyntax argument in syntax.ArgumentList?.Arguments ?? default)
                {
                    if (argument.NameColon is { } colon) { if (colon.Name.Identifier.ValueText == parameter.Name) return true; }
                    else if (argument.NameEquals is null) positional++;
                }
                return positional > index;
            }

            /// <summary>Whether a problem was found in this attribute.</summary>
            public bool Failed { get; private set; }

            public bool Has(string name) => _values.ContainsKey(name);

            public string? OneOf(string first, string second)
            {
                if (!Has(second)) return Has(first) ? first : null;
                if (!Has(first)) return second;
                // Both written: the later one in the source is the one at fault.
                Location a = ArgumentLocator.Locate(_attribute, first, -1, _cancellationToken), b = ArgumentLocator.Locate(_attribute, second, -1, _cancellationToken);
                (string earlier, string later) = a.SourceSpan.Start <= b.SourceSpan.Start ? (first, second) : (second, first);
                Fail(later, $"[{_name}] {later}: {earlier} is declared too; both give the end value, declare one of them.");
                return earlier;
            }

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
