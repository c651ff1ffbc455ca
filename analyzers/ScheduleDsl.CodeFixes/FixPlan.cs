using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>One fix of one diagnostic, planned on the document as it was analyzed: the node it edits
    /// (<see cref="Target"/>) and the edit, applied to that node as earlier fixes left it.</summary>
    internal sealed class FixPlan
    {
        public FixPlan(SyntaxNode target, Func<SyntaxNode, SyntaxNode, SyntaxNode> edit)
        {
            Target = target;
            Edit = edit;
        }

        public SyntaxNode Target { get; }

        /// <summary>(root, current target) to the new root.</summary>
        public Func<SyntaxNode, SyntaxNode, SyntaxNode> Edit { get; }

        /// <summary>Plans one diagnostic's fix for the action <c>equivalenceKey</c>; null when it cannot be fixed.
        /// Fix All asks with the key of the action chosen, or null (dotnet format, when the first diagnostic
        /// it found belongs to another ID): the fixer then uses its default action.</summary>
        public delegate Task<FixPlan?> Planner(Document document, SyntaxNode root, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken);

        /// <summary>Applies the plans in order, each on the tree the previous ones left (the targets are tracked).</summary>
        public static Document Apply(Document document, SyntaxNode root, IReadOnlyList<FixPlan> plans)
        {
            // Several diagnostics on one node (one attribute with two decreasing milestones) are one fix.
            var distinct = plans.GroupBy(p => p.Target).Select(g => g.First()).ToList();
            SyntaxNode current = root.TrackNodes(distinct.Select(p => p.Target));
            foreach (FixPlan plan in distinct)
            {
                SyntaxNode? target = current.GetCurrentNode(plan.Target);
                if (target is not null) current = plan.Edit(current, target);
            }
            return document.WithSyntaxRoot(current);
        }

        /// <summary>Fix All in document, project or solution: every diagnostic of the fixer's IDs in each document,
        /// in source order, whatever equivalence key the caller passes.</summary>
        public static FixAllProvider FixAll(ImmutableArray<string> ids, Planner planner) =>
            FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                if (root is null) return document;
                var plans = new List<FixPlan>();
                foreach (Diagnostic diagnostic in diagnostics.Where(d => ids.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start))
                {
                    FixPlan? plan = await planner(document, root, diagnostic, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);
                    if (plan is not null) plans.Add(plan);
                }
                return plans.Count == 0 ? document : Apply(document, root, plans);
            });
    }
}
