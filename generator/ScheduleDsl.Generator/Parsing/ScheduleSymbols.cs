using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>The DSL's attribute types (src/ScheduleDsl/Attributes), resolved once per compilation.</summary>
    public sealed class ScheduleSymbols
    {
        private ScheduleSymbols(Compilation compilation, INamedTypeSymbol learningRate)
        {
            LearningRate = learningRate;
            Epochs = Get(compilation, "Epochs");
            Steps = Get(compilation, "Steps");
            Floor = Get(compilation, "Floor");
            PastHorizon = Get(compilation, "PastHorizon");
            Warmup = Get(compilation, "Warmup");
            Hold = Get(compilation, "Hold");
            StepDecay = Get(compilation, "StepDecay");
            MultiStep = Get(compilation, "MultiStep");
            Exponential = Get(compilation, "Exponential");
            Polynomial = Get(compilation, "Polynomial");
            InverseTime = Get(compilation, "InverseTime");
            InverseSqrt = Get(compilation, "InverseSqrt");
            LinearDecay = Get(compilation, "LinearDecay");
            Cosine = Get(compilation, "Cosine");
            CosineRestarts = Get(compilation, "CosineRestarts");
            Cyclic = Get(compilation, "Cyclic");
            OneCycle = Get(compilation, "OneCycle");
            Wsd = Get(compilation, "Wsd");
            ReduceOnPlateau = Get(compilation, "ReduceOnPlateau");
            CustomFactor = Get(compilation, "CustomFactor");
            _byName = new (string, INamedTypeSymbol?)[]
            {
                ("LearningRate", LearningRate), ("Epochs", Epochs), ("Steps", Steps), ("Floor", Floor),
                ("PastHorizon", PastHorizon), ("Warmup", Warmup), ("Hold", Hold), ("StepDecay", StepDecay), ("MultiStep", MultiStep),
                ("Exponential", Exponential), ("Polynomial", Polynomial), ("InverseTime", InverseTime), ("InverseSqrt", InverseSqrt),
                ("LinearDecay", LinearDecay), ("Cosine", Cosine), ("CosineRestarts", CosineRestarts), ("Cyclic", Cyclic),
                ("OneCycle", OneCycle), ("Wsd", Wsd), ("ReduceOnPlateau", ReduceOnPlateau), ("CustomFactor", CustomFactor),
            };
        }

        private readonly (string Name, INamedTypeSymbol? Symbol)[] _byName;

        /// <summary>Metadata name of the marker attribute every schedule carries.</summary>
        public const string LearningRateMetadataName = "ScheduleDsl.LearningRateAttribute";

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
        private static INamedTypeSymbol? Get(Compilation compilation, string name) =>
            compilation.GetTypeByMetadataName("ScheduleDsl." + name + "Attribute");

#pragma warning disable CS1591 // One property per attribute of the same name.
        public INamedTypeSymbol LearningRate { get; }
        public INamedTypeSymbol? Epochs { get; }
        public INamedTypeSymbol? Steps { get; }
        public INamedTypeSymbol? Floor { get; }
        public INamedTypeSymbol? PastHorizon { get; }
        public INamedTypeSymbol? Warmup { get; }
        public INamedTypeSymbol? Hold { get; }
        public INamedTypeSymbol? StepDecay { get; }
        public INamedTypeSymbol? MultiStep { get; }
        public INamedTypeSymbol? Exponential { get; }
        public INamedTypeSymbol? Polynomial { get; }
        public INamedTypeSymbol? InverseTime { get; }
        public INamedTypeSymbol? InverseSqrt { get; }
        public INamedTypeSymbol? LinearDecay { get; }
        public INamedTypeSymbol? Cosine { get; }
        public INamedTypeSymbol? CosineRestarts { get; }
        public INamedTypeSymbol? Cyclic { get; }
        public INamedTypeSymbol? OneCycle { get; }
        public INamedTypeSymbol? Wsd { get; }
        public INamedTypeSymbol? ReduceOnPlateau { get; }
        public INamedTypeSymbol? CustomFactor { get; }
#pragma warning restore CS1591

        /// <summary>The DSL name (<c>Warmup</c>, <c>LearningRate</c>...) of <paramref name="attributeClass"/>, or null when it is not a DSL attribute.</summary>
        public string? NameOf(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass is null) return null;
            foreach ((string name, INamedTypeSymbol? symbol) in _byName)
                if (symbol is not null && SymbolEqualityComparer.Default.Equals(symbol, attributeClass)) return name;
            return null;
        }
    }
}
