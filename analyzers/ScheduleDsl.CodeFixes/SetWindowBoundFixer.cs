using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Analyzers.Declaration;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>SDL0018: sets the window bound the diagnostic is on (<c>From</c> or <c>Until</c>) to the value the core
    /// rule suggests: the end of the previous window (closing a gap or an overlap) or the horizon.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetWindowBoundFixer)), Shared]
    public sealed class SetWindowBoundFixer : CodeFixProvider
    {
        /// <summary>Equivalence key of the fix.</summary>
        public const string Key = DiagnosticIds.WindowConflict + ".Set";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WindowConflict);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SuggestedValue, out string? text) || text is null) continue;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) continue;
                AttributeArgumentSyntax? argument = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<AttributeArgumentSyntax>();
                if (argument?.NameEquals is null) continue;
                string name = argument.NameEquals.Name.Identifier.ValueText;
                context.RegisterCodeFix(CodeAction.Create($"Set {name} = {text}",
                    c => SetAsync(context.Document, argument, value, c), Key), diagnostic);
            }
        }

        private static async Task<Document> SetAsync(Document document, AttributeArgumentSyntax argument, double value, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            // Whole numbers stay whole ("3", not "3.0"), as a user writes windows.
            ExpressionSyntax literal = AttributeEditing.NumberLiteral(value);
            return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal.WithTriviaFrom(argument.Expression)));
        }
    }
}
