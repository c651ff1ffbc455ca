using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>The DSL's attribute types (src/ScheduleDsl/Attributes), resolved once per compilation: the five
    /// schedule-level attributes by name, every component attribute through the core's registry.</summary>
    internal sealed class ScheduleSymbols
    {
        private readonly Dictionary<INamedTypeSymbol, ComponentEntry> _components = new(SymbolEqualityComparer.Default);

        private ScheduleSymbols(Compilation compilation, INamedTypeSymbol learningRate)
        {
            LearningRate = learningRate;
            Epochs = Get(compilation, typeof(EpochsAttribute));
            Steps = Get(compilation, typeof(StepsAttribute));
            Floor = Get(compilation, typeof(FloorAttribute));
            PastHorizon = Get(compilation, typeof(PastHorizonAttribute));
            foreach (ComponentEntry entry in ComponentRegistry.Entries)
                if (Get(compilation, entry.Attribute) is INamedTypeSymbol symbol) _components[symbol] = entry;
        }

        /// <summary>Metadata name of the marker attribute every schedule carries.</summary>
        public static readonly string LearningRateMetadataName = typeof(LearningRateAttribute).FullName!;

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

        /// <summary>The registry entry of a component attribute, or null when <paramref name="attributeClass"/> is not one.</summary>
        public ComponentEntry? ComponentOf(INamedTypeSymbol? attributeClass) =>
            attributeClass is not null && _components.TryGetValue(attributeClass, out ComponentEntry? entry) ? entry : null;
    }
}
