using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>The one place names from symbols become text: identifiers for the emitted code (keywords escaped,
    /// <c>@class</c>) and hint names (from metadata names, never with <c>@</c>, which Roslyn refuses with CS8785
    /// and then drops every generated file of the compilation).</summary>
    internal static class Identifiers
    {
        /// <summary><paramref name="name"/> (a symbol's unescaped name) as a C# identifier.</summary>
        public static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>The namespace of <paramref name="type"/> as C#, each part escaped; null for the global namespace.</summary>
        public static string? Namespace(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamespaceSymbol? n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
                parts.Insert(0, Escape(n.Name));
            return parts.Count == 0 ? null : string.Join(".", parts);
        }

        /// <summary>Namespace.Outer.Inner.g.cs from the unescaped names (generic arity as in metadata, <c>T`1</c>
        /// becomes <c>T_1</c>): unique per type, so equal names in two namespaces do not collide.</summary>
        public static string HintName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType) parts.Insert(0, t.MetadataName.Replace('`', '_'));
            for (INamespaceSymbol? n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace) parts.Insert(0, n.Name);
            return string.Join(".", parts) + ".g.cs";
        }
    }
}
