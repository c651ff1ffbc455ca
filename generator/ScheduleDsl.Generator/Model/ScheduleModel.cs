using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Definition;
using ScheduleDsl.Generator.Diagnostics;

namespace ScheduleDsl.Generator.Model
{
    /// <summary>A type declaration to reopen: <c>partial {Keyword} {Name}</c>.</summary>
    /// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
    /// <param name="Name">The type's name.</param>
    internal sealed record TypeDeclaration(string Keyword, string Name);

    /// <summary>Where the generated schedule goes.</summary>
    internal enum Placement
    {
        /// <summary>The annotated class is the schedule (it has no base class and no instance members).</summary>
        OwnType,
        /// <summary>A nested <c>LearningRateSchedule</c> class plus a factory method in the user's type.</summary>
        NestedType,
    }

    /// <summary>Everything the emitter needs for one schedule: values only, so the pipeline caches on equality.</summary>
    /// <param name="HintName">Generated file name, from the fully qualified metadata name.</param>
    /// <param name="Namespace">The namespace, or null for the global namespace.</param>
    /// <param name="ContainingTypes">Outermost first.</param>
    /// <param name="Type">The annotated type.</param>
    /// <param name="Placement">Where the schedule goes.</param>
    /// <param name="Definition">The validated definition (a value-equatable record of the core).</param>
    /// <param name="GeneratorVersion">Written into <c>[GeneratedCode]</c>.</param>
    internal sealed record ScheduleModel(string HintName, string? Namespace, EquatableArray<TypeDeclaration> ContainingTypes,
        TypeDeclaration Type, Placement Placement, ScheduleDefinition Definition, string GeneratorVersion)
    {
        /// <summary>The consumer's C# version (from its parse options): the emitter writes nothing newer.</summary>
        public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.CSharp7_3;
    }

    /// <summary>The transform's result: a model to emit (null when nothing can be generated) and diagnostics.</summary>
    internal sealed record ParseResult(ScheduleModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
