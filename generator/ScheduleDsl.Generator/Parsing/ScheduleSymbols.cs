using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>The DSL's attribute types (src/ScheduleDsl/Attributes), resolved once per compilation: the markers (one per
    /// hyperparameter kind) and the schedule-level attributes by name, every component attribute through the core's registry.</summary>
    internal sealed class ScheduleSymbols
    {
        private readonly Dictionary<INamedTypeSymbol, ComponentEntry> _components = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, HyperparameterKind> _markers = new(SymbolEqualityComparer.Default);

        private ScheduleSymbols(Compilation compilation, INamedTypeSymbol learningRate)
        {
            LearningRate = learningRate;
            Epochs = Get(compilation, typeof(EpochsAttribute));
            Steps = Get(compilation, typeof(StepsAttribute));
            Floor = Get(compilation, typeof(FloorAttribute));
            PastHorizon = Get(compilation, typeof(PastHorizonAttribute));
            foreach (ComponentEntry entry in ComponentRegistry.Entries)
                if (Get(compilation, entry.Attribute) is INamedTypeSymbol symbol) _components[symbol] = entry;
            foreach ((HyperparameterKind kind, System.Type attribute) in HyperparameterKinds.Markers)
                if (Get(compilation, attribute) is INamedTypeSymbol symbol) _markers[symbol] = kind;
        }

        /// <summary>Metadata name of the learning-rate marker.</summary>
        public static readonly string LearningRateMetadataName = typeof(LearningRateAttribute).FullName!;

        /// <summary>Every marker's kind and metadata name (the generator watches each).</summary>
        public static IEnumerable<(HyperparameterKind Kind, string MetadataName)> Markers
        {
            get
            {
                foreach ((HyperparameterKind kind, System.Type attribute) in HyperparameterKinds.Markers) yield return (kind, attribute.FullName!);
            }
        }

        /// <summary>Resolves the attribute types; null when the compilation does not reference ScheduleDsl.</summary>
        public static ScheduleSymbols? Create(Compilation compilation) => Cache.GetValue(compilation, Resolve).Symbols;

        // The generator's transform runs once per schedule class; resolve the symbols once per compilation.
        private static readonly ConditionalWeakTable<Compilation, Resolved> Cache = new();

        private static Resolved Resolve(Compilation compilation)
        {
            INamedTypeSymbol? marker = compilation.GetTypeByMetadataName(LearningRateMetadataName);
            return new Resolved(marker is null ? null : new ScheduleSymbols(compilation, marker));
        }

        private sealed class Resolved
        {
            public Resolved(ScheduleSymbols? symbols) => Symbols = symbols;
            public ScheduleSymbols? Symbols { get; }
        }

        // A type missing from an older ScheduleDsl stays null: its attribute simply cannot be used.
        private static INamedTypeSymbol? Get(Compilation compilation, System.Type attribute) =>
            compilation.GetTypeByMetadataName(attribute.FullName!);

        /// <summary><c>[LearningRate]</c>, the marker.</summary>
        public INamedTypeSymbol LearningRate { get; }
        /// <summary><c>[Epochs]</c>.</summary>
        public INamedTypeSymbol? Epochs { get; }
        /// <summary><c>[Steps]</c>.</summary>
        public INamedTypeSymbol? Steps { get; }
        /// <summary><c>[Floor]</c>.</summary>
        public INamedTypeSymbol? Floor { get; }
        /// <summary><c>[PastHorizon]</c>.</summary>
        public INamedTypeSymbol? PastHorizon { get; }

        /// <summary>The kind a marker attribute declares (<c>[LearningRate]</c>, <c>[WeightDecay]</c>...), or null when <paramref name="attributeClass"/> is no marker.</summary>
        public HyperparameterKind? MarkerKind(INamedTypeSymbol? attributeClass) =>
            attributeClass is not null && _markers.TryGetValue(attributeClass, out HyperparameterKind kind) ? kind : null;

        /// <summary>Whether <paramref name="attributeClass"/> shapes the schedule without marking it: a schedule-level attribute or a component.</summary>
        public bool IsStageAttribute(INamedTypeSymbol? attributeClass) =>
            attributeClass is not null && (ComponentOf(attributeClass) is not null || SymbolEqualityComparer.Default.Equals(attributeClass, Epochs)
                || SymbolEqualityComparer.Default.Equals(attributeClass, Steps) || SymbolEqualityComparer.Default.Equals(attributeClass, Floor)
                || SymbolEqualityComparer.Default.Equals(attributeClass, PastHorizon));

        /// <summary>Whether <paramref name="attributeClass"/> shapes the schedule: a marker, a schedule-level attribute or a component.</summary>
        public bool IsScheduleAttribute(INamedTypeSymbol? attributeClass) =>
            attributeClass is not null && (ComponentOf(attributeClass) is not null || MarkerKind(attributeClass) is not null
                || SymbolEqualityComparer.Default.Equals(attributeClass, LearningRate) || SymbolEqualityComparer.Default.Equals(attributeClass, Epochs)
                || SymbolEqualityComparer.Default.Equals(attributeClass, Steps) || SymbolEqualityComparer.Default.Equals(attributeClass, Floor)
                || SymbolEqualityComparer.Default.Equals(attributeClass, PastHorizon));

        /// <summary>The registry entry of a component attribute, or null when <paramref name="attributeClass"/> is not one.</summary>
        public ComponentEntry? ComponentOf(INamedTypeSymbol? attributeClass) =>
            attributeClass is not null && _components.TryGetValue(attributeClass, out ComponentEntry? entry) ? entry : null;
    }
}
