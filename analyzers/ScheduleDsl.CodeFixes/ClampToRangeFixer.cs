using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Analyzers.Declaration;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>SDL0002 with a value the core suggests: a momentum or an EMA decay above 1 (the marker's value, an
    /// <c>EndValue</c>, a <c>MinLr</c>...) is set to 1, the top of its range (<c>[EmaDecay(0.996)] [Cosine(EndValue = 1.2)]</c>
    /// becomes <c>EndValue = 1</c>). Other SDL0002 violations carry no suggestion and get no fix.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClampToRangeFixer)), Shared]
    public sealed class ClampToRangeFixer : CodeFixProvider
    {
        /// <summary>Equivalence key of the fix.</summary>
        public const string Key = DiagnosticIds.InvalidArgument + ".Clamp";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidArgument);

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
                if (argument is null) continue;
                string name = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText ?? "the value";
                context.RegisterCodeFix(CodeAction.Create($"Set {name} to {text}",
                    c => SetAsync(context.Document, argument, value, c), Key), diagnostic);
            }
        }

        private static async Task<Document> SetAsync(Document document, AttributeArgumentSyntax argument, double value, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, AttributeEditing.NumberLiteral(value).WithTriviaFrom(argument.Expression)));
        }
    }
}
