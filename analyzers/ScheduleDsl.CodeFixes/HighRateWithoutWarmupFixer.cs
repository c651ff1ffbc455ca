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
    /// <summary>SDL0001: adds <c>[Warmup(n)]</c> (n computed by the analyzer: about 5% of the horizon) after
    /// the attribute list holding <c>[LearningRate]</c>, or lowers the peak rate to the threshold.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HighRateWithoutWarmupFixer)), Shared]
    public sealed class HighRateWithoutWarmupFixer : CodeFixProvider
    {
        /// <summary>Equivalence key of "add a warmup".</summary>
        public const string AddWarmupKey = DiagnosticIds.HighRateWithoutWarmup + ".AddWarmup";

        /// <summary>Equivalence key of "lower the rate".</summary>
        public const string LowerRateKey = DiagnosticIds.HighRateWithoutWarmup + ".LowerRate";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HighRateWithoutWarmup);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                AttributeSyntax? attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
                if (attribute is null) continue;

                if (diagnostic.Properties.TryGetValue(DiagnosticProperties.WarmupLength, out string? length) && length is not null)
                {
                    context.RegisterCodeFix(CodeAction.Create($"Add [Warmup({length})]",
                        c => AddWarmupAsync(context.Document, attribute, length, c), AddWarmupKey), diagnostic);
                }
                if (diagnostic.Properties.TryGetValue(DiagnosticProperties.MaxRate, out string? rate) && rate is not null
                    && node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { } argument)
                {
                    context.RegisterCodeFix(CodeAction.Create($"Lower the learning rate to {rate}",
                        c => LowerRateAsync(context.Document, argument, rate, c), LowerRateKey), diagnostic);
                }
            }
        }

        private static readonly string WarmupName = ScheduleDsl.Definition.DslName.Of(typeof(WarmupAttribute));

        private static async Task<Document> AddWarmupAsync(Document document, AttributeSyntax learningRate, string length, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || learningRate.Parent is not AttributeListSyntax list || list.Parent is not MemberDeclarationSyntax member) return document;

            // Spell the name as the user spelled [LearningRate] (ScheduleDsl.LearningRate stays qualified).
            NameSyntax name = learningRate.Name switch
            {
                QualifiedNameSyntax q => q.WithRight(SyntaxFactory.IdentifierName(WarmupName)),
                AliasQualifiedNameSyntax a => a.WithName(SyntaxFactory.IdentifierName(WarmupName)),
                _ => SyntaxFactory.IdentifierName(WarmupName),
            };
            AttributeSyntax warmup = SyntaxFactory.Attribute(name, SyntaxFactory.AttributeArgumentList(
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression(length)))));
            AttributeListSyntax newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(warmup))
                .WithLeadingTrivia(AttributeEditing.Indentation(list))
                .WithTrailingTrivia(list.GetTrailingTrivia());

            int index = member.AttributeLists.IndexOf(list);
            MemberDeclarationSyntax updated = member.WithAttributeLists(member.AttributeLists.Insert(index + 1, newList));
            return document.WithSyntaxRoot(root.ReplaceNode(member, updated));
        }

        private static async Task<Document> LowerRateAsync(Document document, AttributeArgumentSyntax argument, string rate, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            double value = double.Parse(rate, CultureInfo.InvariantCulture);
            ExpressionSyntax literal = SyntaxFactory.ParseExpression(Numbers.Literal(value));
            return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal.WithTriviaFrom(argument.Expression)));
        }
    }
}
