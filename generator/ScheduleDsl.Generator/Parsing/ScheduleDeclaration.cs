using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Validation;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>Why a declaration could not be read into a <see cref="ScheduleDefinition"/>.</summary>
    internal enum ReadProblemKind
    {
        /// <summary>Neither <c>[Epochs]</c> nor <c>[Steps]</c> is declared.</summary>
        MissingUnit,
        /// <summary>Both <c>[Epochs]</c> and <c>[Steps]</c> are declared.</summary>
        BothUnits,
        /// <summary>An argument is missing, of the wrong type, or not a constant the DSL knows.</summary>
        UnreadableArgument,
        /// <summary>Schedule attributes on a partial part other than the one holding the marker.</summary>
        SplitAcrossParts,
    }

    /// <summary>One reason a declaration could not be read, located on the attribute or argument.</summary>
    /// <param name="Kind">What is wrong.</param>
    /// <param name="Location">The attribute or argument syntax.</param>
    /// <param name="Message">Names the attribute, the argument and what is wrong.</param>
    internal sealed record ReadProblem(ReadProblemKind Kind, Location Location, string Message);

    /// <summary>The schedule attributes of one type, read into the core's definition. Holds symbols and
    /// syntax: use it inside a transform or an analyzer action, never in a pipeline model.</summary>
    internal sealed class ScheduleDeclaration
    {
        internal ScheduleDeclaration(INamedTypeSymbol type, ScheduleDefinition? definition, ImmutableArray<AttributeData> components,
            AttributeData? marker, HyperparameterKind kind, ImmutableArray<AttributeData> extraMarkers,
            AttributeData? epochs, AttributeData? steps, AttributeData? floor, AttributeData? pastHorizon, ImmutableArray<ReadProblem> problems)
        {
            Type = type;
            Definition = definition;
            Components = components;
            Marker = marker;
            Kind = kind;
            ExtraMarkers = extraMarkers;
            Epochs = epochs;
            Steps = steps;
            Floor = floor;
            PastHorizon = pastHorizon;
            Problems = problems;
        }

        /// <summary>The annotated type.</summary>
        public INamedTypeSymbol Type { get; }

        /// <summary>The definition, or null when a <see cref="Problems">problem</see> makes it unreadable.</summary>
        public ScheduleDefinition? Definition { get; }

        /// <summary>The component attributes, in declaration order, index-aligned with <c>Definition.Components</c>.</summary>
        public ImmutableArray<AttributeData> Components { get; }

        /// <summary>The first marker (<c>[LearningRate]</c>, <c>[WeightDecay]</c>...): the one the schedule is read from, or null.</summary>
        public AttributeData? Marker { get; }

        /// <summary>The kind <see cref="Marker"/> declares.</summary>
        public HyperparameterKind Kind { get; }

        /// <summary>Markers after the first: a class holds one schedule, so each is an error (SDL1010).</summary>
        public ImmutableArray<AttributeData> ExtraMarkers { get; }

#pragma warning disable CS1591 // The schedule-level attribute of the same name, or null.
        public AttributeData? Epochs { get; }
        public AttributeData? Steps { get; }
        public AttributeData? Floor { get; }
        public AttributeData? PastHorizon { get; }
#pragma warning restore CS1591

        /// <summary>What made the declaration unreadable (empty when <see cref="Definition"/> is set).</summary>
        public ImmutableArray<ReadProblem> Problems { get; }

        /// <summary>The attribute declaring <paramref name="component"/> at <paramref name="componentIndex"/>
        /// (-1: the schedule-level attribute of that name), or null.</summary>
        public AttributeData? AttributeOf(string component, int componentIndex)
        {
            if (componentIndex >= 0) return componentIndex < Components.Length ? Components[componentIndex] : null;
            if (component == DslName.Of(HyperparameterKinds.MarkerOf(Kind))) return Marker;
            if (component == DslName.Of(typeof(EpochsAttribute))) return Epochs;
            if (component == DslName.Of(typeof(StepsAttribute))) return Steps;
            if (component == DslName.Of(typeof(FloorAttribute))) return Floor;
            if (component == DslName.Of(typeof(PastHorizonAttribute))) return PastHorizon;
            return null;
        }

        /// <summary>Where <paramref name="violation"/> (from <see cref="ScheduleRules.Validate"/>) should be reported:
        /// the exact argument (a constructor argument by parameter name, a named argument by property name,
        /// a milestone by index), else the attribute, else the type.</summary>
        public Location Locate(RuleViolation violation, CancellationToken cancellationToken)
        {
            AttributeData? attribute = AttributeOf(violation.Component, violation.ComponentIndex);
            Location location = attribute is null
                ? Location.None
                : ArgumentLocator.Locate(attribute, violation.Parameter, violation.ElementIndex, cancellationToken);
            if (location != Location.None) return location;
            return Type.Locations.IsDefaultOrEmpty ? Location.None : Type.Locations[0];
        }
    }
}
