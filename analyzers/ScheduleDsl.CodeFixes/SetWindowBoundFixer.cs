using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>SDL0018: sets the window bound the diagnostic is on (<c>From</c> or <c>Until</c>) to the value the core
    /// rule suggests: the end of the previous window (closing a gap or an overlap) or the horizon.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetWindowBoundFixer)), Shared]
    public sealed class SetWindowBoundFixer : SuggestedValueFixer
    {
        /// <summary>Equivalence key of the fix.</summary>
        public const string Key = DiagnosticIds.WindowConflict + ".Set";

        /// <summary>Creates the fixer.</summary>
        public SetWindowBoundFixer() : base(DiagnosticIds.WindowConflict, Key) { }

        /// <inheritdoc/>
        protected override string? Title(AttributeArgumentSyntax argument, string value) =>
            argument.NameEquals is null ? null : $"Set {argument.NameEquals.Name.Identifier.ValueText} = {value}";
    }
}
