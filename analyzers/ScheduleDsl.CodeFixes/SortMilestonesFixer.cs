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
                context.RegisterCodeFix(CodeAction.Create("Sort the milestones",
                    _ => Task.FromResult(FixPlan.Apply(context.Document, root, new[] { plan })), Key), diagnostic);
            }
        }

        /// <summary>The order of the milestones by value, read from the analyzed document; the edit puts them in it.</summary>
        private static async Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
        {
            if (diagnostic.Id != DiagnosticIds.MilestonesNotIncreasing) return null;
            AttributeSyntax? attribute = AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan);
            IReadOnlyList<ExpressionSyntax>? items = attribute is null ? null : Milestones(attribute);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (attribute is null || items is null || model is null) return null;

            var values = new List<double>();
            foreach (ExpressionSyntax item in items)
            {
                Optional<object?> constant = model.GetConstantValue(item, cancellationToken);
                if (!constant.HasValue || constant.Value is null) return null;
                values.Add(Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            // OrderBy is stable: equal milestones keep their order.
            int[] order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
            return new FixPlan(attribute, (r, current) => Sort(r, (AttributeSyntax)current, order));
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

        private static SyntaxNode Sort(SyntaxNode root, AttributeSyntax attribute, int[] order)
        {
            IReadOnlyList<ExpressionSyntax>? items = Milestones(attribute);
            if (items is null || items.Count != order.Length) return root;
            var slots = items.ToList();
            return root.ReplaceNodes(slots, (original, _) => slots[order[slots.IndexOf(original)]].WithTriviaFrom(original));
        }
    }
}
