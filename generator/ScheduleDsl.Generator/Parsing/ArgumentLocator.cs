using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>Finds the syntax of one attribute argument, so diagnostics point at the value at fault.</summary>
    internal static class ArgumentLocator
    {
        /// <summary>The argument of <paramref name="attribute"/> named <paramref name="parameter"/> (constructor
        /// parameter or named property, case-insensitive); <paramref name="element"/> selects an element of a
        /// <c>params</c> array. Falls back to the attribute, or <see cref="Location.None"/> without syntax.</summary>
        public static Location Locate(AttributeData attribute, string? parameter, int element, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax) return Location.None;
            return (parameter is null ? null : Find(syntax, attribute.AttributeConstructor, parameter, element))?.GetLocation()
                ?? syntax.GetLocation();
        }

        private static SyntaxNode? Find(AttributeSyntax syntax, IMethodSymbol? constructor, string parameter, int element)
        {
            if (syntax.ArgumentList is null) return null;
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = syntax.ArgumentList.Arguments;

            foreach (AttributeArgumentSyntax argument in arguments)
                if (Same(argument.NameEquals?.Name.Identifier.ValueText, parameter)) return argument;

            ImmutableArray<IParameterSymbol> parameters = constructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            int index = -1;
            for (int i = 0; i < parameters.Length; i++)
                if (Same(parameters[i].Name, parameter)) index = i;
            if (index < 0) return null;

            foreach (AttributeArgumentSyntax argument in arguments)
                if (Same(argument.NameColon?.Name.Identifier.ValueText, parameters[index].Name)) return Element(argument, element);

            var positional = new List<AttributeArgumentSyntax>();
            foreach (AttributeArgumentSyntax argument in arguments)
                if (argument.NameEquals is null && argument.NameColon is null) positional.Add(argument);
            if (index >= positional.Count) return null;
            if (!parameters[index].IsParams) return Element(positional[index], element);

            // A params array is written either expanded (30, 60, 80) or as one array expression.
            bool expanded = positional.Count != index + 1 || !IsArrayExpression(positional[index].Expression);
            if (!expanded) return Element(positional[index], element);
            int at = index + Math.Max(element, 0);
            return at < positional.Count ? positional[at] : positional[index];
        }

        private static SyntaxNode Element(AttributeArgumentSyntax argument, int element)
        {
            if (element < 0) return argument;
            IReadOnlyList<ExpressionSyntax>? items = argument.Expression switch
            {
                ArrayCreationExpressionSyntax a => a.Initializer?.Expressions,
                ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions,
                CollectionExpressionSyntax c => CollectionItems(c),
                _ => null,
            };
            return items is not null && element < items.Count ? items[element] : argument;
        }

        private static IReadOnlyList<ExpressionSyntax> CollectionItems(CollectionExpressionSyntax collection)
        {
            var items = new List<ExpressionSyntax>();
            foreach (CollectionElementSyntax e in collection.Elements)
                if (e is ExpressionElementSyntax expression) items.Add(expression.Expression);
            return items;
        }

        private static bool IsArrayExpression(ExpressionSyntax expression) =>
            expression is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax;

        private static bool Same(string? a, string b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
