using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>Syntax helpers shared by the fixes that edit a schedule's attribute lists.</summary>
    internal static class AttributeEditing
    {
        /// <summary>The attribute whose argument (or itself) the diagnostic spans.</summary>
        public static AttributeSyntax? AttributeAt(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
            root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();

        /// <summary>Removes <paramref name="attribute"/>; its list too when it was alone, keeping the
        /// type's leading trivia (doc comment, indentation) when the first list goes.</summary>
        public static SyntaxNode RemoveAttribute(SyntaxNode root, AttributeSyntax attribute)
        {
            if (attribute.Parent is not AttributeListSyntax list) return root;
            if (list.Attributes.Count > 1)
            {
                AttributeListSyntax shorter = list.WithAttributes(list.Attributes.Remove(attribute));
                return root.ReplaceNode(list, shorter);
            }
            if (list.Parent is not MemberDeclarationSyntax member) return root;

            int index = member.AttributeLists.IndexOf(list);
            SyntaxList<AttributeListSyntax> lists = member.AttributeLists.RemoveAt(index);
            MemberDeclarationSyntax updated = member.WithAttributeLists(lists);
            if (index == 0)
            {
                // The first list carries the declaration's leading trivia: hand it to what now comes first.
                updated = lists.Count > 0
                    ? updated.WithAttributeLists(lists.Replace(lists[0], lists[0].WithLeadingTrivia(list.GetLeadingTrivia())))
                    : updated.WithLeadingTrivia(list.GetLeadingTrivia());
            }
            return root.ReplaceNode(member, updated);
        }

        /// <summary>A number as a user writes it: whole numbers stay whole (<c>3</c>, not <c>3.0</c>), others round-trip, invariant.</summary>
        public static ExpressionSyntax NumberLiteral(double value) => value == System.Math.Floor(value) && System.Math.Abs(value) <= int.MaxValue
            ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal((int)value))
            : SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression,
                SyntaxFactory.Literal(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), value));

        /// <summary>The leading whitespace of the line <paramref name="node"/> starts on (its indentation).</summary>
        public static SyntaxTriviaList Indentation(SyntaxNode node) =>
            SyntaxFactory.TriviaList(node.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.WhitespaceTrivia)).Reverse());
    }
}
