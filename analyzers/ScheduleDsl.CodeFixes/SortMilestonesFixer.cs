using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>SDL0003: sorts the milestones of a <c>[MultiStep]</c> into increasing order, whether written
    /// expanded (<c>[MultiStep(60, 30)]</c>) or as one array (<c>new[] { 60.0, 30 }</c>, <c>[60, 30]</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SortMilestonesFixer)), Shared]
    public sealed class SortMilestonesFixer : CodeFixProvider
    {
        /// <summary>Equivalence key of the fix.</summary>
        public const string Key = DiagnosticIds.MilestonesNotIncreasing + ".Sort";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MilestonesNotIncreasing);

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
                if (attribute is null || Milestones(attribute) is null) continue;
                context.RegisterCodeFix(CodeAction.Create("Sort the milestones", c => SortAsync(context.Document, attribute, c), Key), diagnostic);
            }
        }

        /// <summary>The milestone expressions of the attribute, in order, or null when not found.</summary>
        private static IReadOnlyList<ExpressionSyntax>? Milestones(AttributeSyntax attribute)
        {
            if (attribute.ArgumentList is null) return null;
            List<ExpressionSyntax> positional = attribute.ArgumentList.Arguments
                .Where(a => a.NameEquals is null && (a.NameColon is null || string.Equals(a.NameColon.Name.Identifier.ValueText, nameof(MultiStepAttribute.Milestones), System.StringComparison.OrdinalIgnoreCase)))
                .Select(a => a.Expression).ToList();
            if (positional.Count == 1)
            {
                switch (positional[0])
                {
                    case ArrayCreationExpressionSyntax { Initializer: { } init }: return init.Expressions;
                    case ImplicitArrayCreationExpressionSyntax implicitArray: return implicitArray.Initializer.Expressions;
                    case CollectionExpressionSyntax collection:
                        return collection.Elements.All(e => e is ExpressionElementSyntax)
                            ? collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList()
                            : null;
                }
            }
            return positional;
        }

        private static async Task<Document> SortAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ExpressionSyntax>? items = Milestones(attribute);
            if (root is null || model is null || items is null) return document;

            var values = new List<(ExpressionSyntax Expression, double Value)>();
            foreach (ExpressionSyntax item in items)
            {
                Optional<object?> constant = model.GetConstantValue(item, cancellationToken);
                if (!constant.HasValue || constant.Value is null) return document;
                values.Add((item, Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture)));
            }
            // OrderBy is stable: equal milestones keep their order.
            List<ExpressionSyntax> sorted = values.OrderBy(v => v.Value).Select(v => v.Expression).ToList();
            var slots = items.ToList();
            SyntaxNode updated = root.ReplaceNodes(slots, (original, _) =>
            {
                int slot = slots.IndexOf(original);
                return sorted[slot].WithTriviaFrom(original);
            });
            return document.WithSyntaxRoot(updated);
        }
    }
}
