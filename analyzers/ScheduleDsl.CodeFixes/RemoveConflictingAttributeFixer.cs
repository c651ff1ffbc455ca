using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>SDL0006: removes the redundant attribute the diagnostic is on (the repeated component, or the
    /// component that a one-cycle or WSD schedule already covers).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveConflictingAttributeFixer)), Shared]
    public sealed class RemoveConflictingAttributeFixer : CodeFixProvider
    {
        /// <summary>Equivalence key of the fix.</summary>
        public const string Key = DiagnosticIds.ConflictingComponents + ".Remove";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConflictingComponents);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                AttributeSyntax? attribute = AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan);
                if (attribute is null) continue;
                context.RegisterCodeFix(CodeAction.Create($"Remove [{attribute.Name}]",
                    c => RemoveAsync(context.Document, attribute, c), Key), diagnostic);
            }
        }

        private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(AttributeEditing.RemoveAttribute(root, attribute));
        }
    }
}
