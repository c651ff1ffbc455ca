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
        public override FixAllProvider GetFixAllProvider() => FixPlan.FixAll(FixableDiagnosticIds, PlanAsync);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                FixPlan? plan = await PlanAsync(context.Document, root, diagnostic, Key, context.CancellationToken).ConfigureAwait(false);
                if (plan is null) continue;
                context.RegisterCodeFix(CodeAction.Create($"Remove [{((AttributeSyntax)plan.Target).Name}]",
                    _ => Task.FromResult(FixPlan.Apply(context.Document, root, new[] { plan })), Key), diagnostic);
            }
        }

        private static Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
        {
            AttributeSyntax? attribute = diagnostic.Id == DiagnosticIds.ConflictingComponents
                ? AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan)
                : null;
            return Task.FromResult(attribute is null
                ? null
                : new FixPlan(attribute, (r, current) => AttributeEditing.RemoveAttribute(r, (AttributeSyntax)current)));
        }
    }
}
