using System;
using System.Collections.Generic;

namespace ScheduleDsl.Definition
{
    /// <summary>The one list from attribute to record: the generator's reader, the analyzers (through the reader
    /// and its locator) and the tests use it. Adding a family adds one line here.</summary>
    internal static class ComponentRegistry
    {
        /// <summary>Every component attribute, with the record reader it maps to.</summary>
        public static IReadOnlyList<ComponentEntry> Entries { get; } = new[]
        {
            ComponentEntry.Of<WarmupAttribute, WarmupPhase>(WarmupPhase.Read),
            ComponentEntry.Of<HoldAttribute, HoldPhase>(HoldPhase.Read),
            ComponentEntry.Of<StepDecayAttribute, StepDecayShape>(StepDecayShape.Read),
            ComponentEntry.Of<MultiStepAttribute, MultiStepShape>(MultiStepShape.Read),
            ComponentEntry.Of<ExponentialAttribute, ExponentialShape>(ExponentialShape.Read),
            ComponentEntry.Of<PolynomialAttribute, PolynomialShape>(PolynomialShape.Read),
            ComponentEntry.Of<InverseTimeAttribute, InverseTimeShape>(InverseTimeShape.Read),
            ComponentEntry.Of<InverseSqrtAttribute, InverseSqrtShape>(InverseSqrtShape.Read),
            ComponentEntry.Of<LinearDecayAttribute, LinearDecayShape>(LinearDecayShape.Read),
            ComponentEntry.Of<CosineAttribute, CosineShape>(CosineShape.Read),
            ComponentEntry.Of<CosineRestartsAttribute, CosineRestartsShape>(CosineRestartsShape.Read),
            ComponentEntry.Of<CyclicAttribute, CyclicShape>(CyclicShape.Read),
            ComponentEntry.Of<OneCycleAttribute, OneCycleShape>(OneCycleShape.Read),
            ComponentEntry.Of<WsdAttribute, WsdShape>(WsdShape.Read),
            ComponentEntry.Of<ReduceOnPlateauAttribute, PlateauReduction>(PlateauReduction.Read),
            ComponentEntry.Of<CustomFactorAttribute, CustomShape>(CustomShape.Read),
            ComponentEntry.Of<PiecewiseConstantAttribute, PiecewiseConstantShape>(PiecewiseConstantShape.Read),
            ComponentEntry.Of<PiecewiseInterpolateAttribute, PiecewiseInterpolateShape>(PiecewiseInterpolateShape.Read),
            ComponentEntry.Of<RateNoiseAttribute, RateNoiseShape>(RateNoiseShape.Read),
            ComponentEntry.Of<ConstantFactorAttribute, ConstantFactorShape>(ConstantFactorShape.Read),
            ComponentEntry.Of<LinearFactorAttribute, LinearFactorShape>(LinearFactorShape.Read),
        };

        /// <summary>The schedule-level attributes: read by the reader itself, never components.</summary>
        public static IReadOnlyList<Type> ScheduleAttributes { get; } = new[]
        {
            typeof(LearningRateAttribute), typeof(EpochsAttribute), typeof(StepsAttribute), typeof(FloorAttribute), typeof(PastHorizonAttribute),
            typeof(WeightDecayAttribute), typeof(MomentumAttribute), typeof(EmaDecayAttribute), typeof(TemperatureAttribute), typeof(HyperparameterAttribute),
        };
    }

    /// <summary>One component attribute and how its arguments become the record.</summary>
    internal sealed class ComponentEntry
    {
        private ComponentEntry(Type attribute, Type record, Func<IAttributeArguments, ScheduleComponent> read)
        {
            Attribute = attribute;
            Record = record;
            Read = read;
        }

        /// <summary>The entry mapping <typeparamref name="TAttribute"/> to <typeparamref name="TRecord"/>.</summary>
        public static ComponentEntry Of<TAttribute, TRecord>(Func<IAttributeArguments, ScheduleComponent> read)
            where TAttribute : Attribute where TRecord : ScheduleComponent => new(typeof(TAttribute), typeof(TRecord), a => ReadWindow(read(a), a));

        // The window is read here, once for every family whose attribute has one (ComponentAttribute).
        private static ScheduleComponent ReadWindow(ScheduleComponent component, IAttributeArguments a)
        {
            if (a.Has(nameof(ComponentAttribute.From))) component = component with { From = a.Double(nameof(ComponentAttribute.From)) };
            if (a.Has(nameof(ComponentAttribute.Until))) component = component with { Until = a.Double(nameof(ComponentAttribute.Until)) };
            if (a.Has(nameof(ComponentAttribute.StartAt))) component = component with { StartAt = a.Double(nameof(ComponentAttribute.StartAt)) };
            return component;
        }

        /// <summary>The attribute type.</summary>
        public Type Attribute { get; }

        /// <summary>The record type it declares.</summary>
        public Type Record { get; }

        /// <summary>The DSL name: the attribute's name without <c>Attribute</c>.</summary>
        public string Name => DslName.Of(Attribute);

        /// <summary>Builds the record from the attribute's arguments.</summary>
        public Func<IAttributeArguments, ScheduleComponent> Read { get; }
    }

    /// <summary>DSL names derived from the attribute types, never written as string literals.</summary>
    internal static class DslName
    {
        /// <summary><c>WarmupAttribute</c> → <c>Warmup</c>.</summary>
        public static string Of(Type attribute)
        {
            string name = attribute.Name;
            return name.EndsWith(nameof(Attribute), StringComparison.Ordinal) ? name.Substring(0, name.Length - nameof(Attribute).Length) : name;
        }
    }

    /// <summary>An attribute's arguments by name (constructor parameters and named properties alike, matched
    /// case-insensitively). <see cref="Has"/> is true only for arguments written in the source, so an optional
    /// argument left out keeps the record's default (the single source of defaults). A value that is missing or of
    /// the wrong type is reported by the implementation on its argument; the getters then return a placeholder.</summary>
    internal interface IAttributeArguments
    {
        /// <summary>Whether the argument is written in the source.</summary>
        bool Has(string name);
        /// <summary>Which of two spellings of one argument is written (<c>MinLr</c> or <c>EndValue</c>), or null when neither; when
        /// both are, the implementation reports the one written second and returns the first.</summary>
        string? OneOf(string first, string second);
        /// <summary>A number.</summary>
        double Double(string name);
        /// <summary>An integer.</summary>
        int Int(string name);
        /// <summary>True or false.</summary>
        bool Bool(string name);
        /// <summary>A string (a method name).</summary>
        string String(string name);
        /// <summary>A defined member of <typeparamref name="TEnum"/>.</summary>
        TEnum Enum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum;
        /// <summary>A list of numbers.</summary>
        double[] Doubles(string name);
    }
}
