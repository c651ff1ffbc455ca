using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>SDL0002 with a value the core suggests: a momentum or an EMA decay above 1 (the marker's value, an
    /// <c>EndValue</c>, a <c>MinLr</c>...) is set to 1, the top of its range (<c>[EmaDecay(0.996)] [Cosine(EndValue = 1.2)]</c>
    /// becomes <c>EndValue = 1</c>). Other SDL0002 violations carry no suggestion and get no fix.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClampToRangeFixer)), Shared]
    public sealed class ClampToRangeFixer : SuggestedValueFixer
    {
        /// <summary>Equivalence key of the fix.</summary>
        public const string Key = DiagnosticIds.InvalidArgument + ".Clamp";

        /// <summary>Creates the fixer.</summary>
        public ClampToRangeFixer() : base(DiagnosticIds.InvalidArgument, Key) { }

        /// <inheritdoc/>
        protected override string? Title(AttributeArgumentSyntax argument, string value) =>
            $"Set {argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText ?? "the value"} to {value}";
    }
}
