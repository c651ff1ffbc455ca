using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Analyzers.Declaration;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>Sets the attribute argument a diagnostic is on to the value the core rule suggested
    /// (<see cref="DiagnosticProperties.SuggestedValue"/>); diagnostics without a suggestion get no fix.
    /// A subclass names the diagnostic and the fix's title.</summary>
    public abstract class SuggestedValueFixer : CodeFixProvider
    {
        private readonly string _key;

        /// <param name="diagnosticId">The diagnostic fixed.</param>
        /// <param name="key">Equivalence key of the fix.</param>
        protected SuggestedValueFixer(string diagnosticId, string key)
        {
            FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
            _key = key;
        }

        /// <inheritdoc/>
        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        /// <inheritdoc/>
        public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <summary>The fix's title for setting <paramref name="argument"/> to <paramref name="value"/> (as the core wrote
        /// it), or null when this fix does not apply to that argument.</summary>
        protected abstract string? Title(AttributeArgumentSyntax argument, string value);

        /// <inheritdoc/>
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SuggestedValue, out string? text) || text is null) continue;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) continue;
                AttributeArgumentSyntax? argument = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<AttributeArgumentSyntax>();
                if (argument is null || Title(argument, text) is not string title) continue;
                context.RegisterCodeFix(CodeAction.Create(title, c => SetAsync(context.Document, argument, value, c), _key), diagnostic);
            }
        }

        private static async Task<Document> SetAsync(Document document, AttributeArgumentSyntax argument, double value, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            // Whole numbers stay whole ("1", not "1.0"), as a user writes them.
            ExpressionSyntax literal = AttributeEditing.NumberLiteral(value);
            return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal.WithTriviaFrom(argument.Expression)));
        }
    }
}
