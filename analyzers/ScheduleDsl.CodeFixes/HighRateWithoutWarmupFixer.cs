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
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Analyzers.Configuration;
using ScheduleDsl.Analyzers.Declaration;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.CodeFixes
{
    /// <summary>SDL0001: two actions, each with its own equivalence key and Fix All: add <c>[Warmup(n)]</c> (n computed
    /// by the analyzer: about 5% of the horizon) after the attribute list holding <c>[LearningRate]</c>, or lower
    /// the peak rate to the threshold. The one offered first (the one <c>dotnet format</c> applies) is set by
    /// <c>scheduledsl.high_rate_fix = add_warmup | lower_rate</c> in .editorconfig (default add_warmup).</summary>
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
        public override FixAllProvider GetFixAllProvider() => FixPlan.FixAll(FixableDiagnosticIds, PlanAsync);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            string first = PreferredKey(context.Document, root.SyntaxTree);
            string second = first == AddWarmupKey ? LowerRateKey : AddWarmupKey;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                foreach (string key in new[] { first, second })
                {
                    FixPlan? plan = await PlanAsync(context.Document, root, diagnostic, key, context.CancellationToken).ConfigureAwait(false);
                    if (plan is null) continue;
                    context.RegisterCodeFix(CodeAction.Create(Title(diagnostic, key),
                        _ => Task.FromResult(FixPlan.Apply(context.Document, root, new[] { plan })), key), diagnostic);
                }
            }
        }

        private static readonly string WarmupName = ScheduleDsl.Definition.DslName.Of(typeof(WarmupAttribute));

        private static string Title(Diagnostic diagnostic, string key) => key == AddWarmupKey
            ? $"Add [Warmup({diagnostic.Properties[DiagnosticProperties.WarmupLength]})]"
            : $"Lower the learning rate to {diagnostic.Properties[DiagnosticProperties.MaxRate]}";

        /// <summary>The action .editorconfig asks for first (an unknown value is reported by SDL0016 and ignored).</summary>
        private static string PreferredKey(Document document, SyntaxTree tree)
        {
            AnalyzerConfigOptions options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
            return options.TryGetValue(AnalyzerSettings.HighRateFixKey, out string? value) && value.Trim() == AnalyzerSettings.LowerRateFix
                ? LowerRateKey
                : AddWarmupKey;
        }

        private static Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
        {
            if (diagnostic.Id != DiagnosticIds.HighRateWithoutWarmup) return Task.FromResult<FixPlan?>(null);
            key ??= PreferredKey(document, root.SyntaxTree);
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            AttributeSyntax? attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute is null) return Task.FromResult<FixPlan?>(null);

            if (key == AddWarmupKey && diagnostic.Properties.TryGetValue(DiagnosticProperties.WarmupLength, out string? length) && length is not null
                && attribute.Parent is AttributeListSyntax { Parent: MemberDeclarationSyntax } list)
                return Task.FromResult<FixPlan?>(new FixPlan(list, (r, current) => AddWarmup(r, (AttributeListSyntax)current, attribute.Name, length)));

            if (key == LowerRateKey && diagnostic.Properties.TryGetValue(DiagnosticProperties.MaxRate, out string? rate) && rate is not null
                && node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { } argument)
                return Task.FromResult<FixPlan?>(new FixPlan(argument.Expression, (r, current) => LowerRate(r, (ExpressionSyntax)current, rate)));

            return Task.FromResult<FixPlan?>(null);
        }

        private static SyntaxNode AddWarmup(SyntaxNode root, AttributeListSyntax list, NameSyntax learningRateName, string length)
        {
            if (list.Parent is not MemberDeclarationSyntax member) return root;
            // Spell the name as the user spelled [LearningRate] (ScheduleDsl.LearningRate stays qualified).
            NameSyntax name = learningRateName switch
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
            return root.ReplaceNode(member, updated);
        }

        private static SyntaxNode LowerRate(SyntaxNode root, ExpressionSyntax expression, string rate)
        {
            double value = double.Parse(rate, CultureInfo.InvariantCulture);
            ExpressionSyntax literal = SyntaxFactory.ParseExpression(Numbers.Literal(value));
            return root.ReplaceNode(expression, literal.WithTriviaFrom(expression));
        }
    }
}
