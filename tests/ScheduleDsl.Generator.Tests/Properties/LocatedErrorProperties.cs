using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ScheduleDsl.Analyzers.Declaration;
using ScheduleDsl.Definition;
using ScheduleDsl.Generator.Parsing;
using ScheduleDsl.Validation;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Generator.Tests.Properties
{
    /// <summary>Issue 14: every invalid random declaration gets an error located on the attribute at fault and, when the
    /// core's rule names an argument, on that argument. Over 2,000 random declarations (<see cref="RandomDeclarations"/>,
    /// with random windows):
    /// a declaration the core's <see cref="ScheduleRules"/> refuse gets, for each of its error violations, an error
    /// diagnostic (the analyzer owns the rules) with the violation's message, inside the span this test works out from
    /// the violation alone (its component index or name, its parameter and element, read against the attribute
    /// syntax and the attribute's constructor by reflection); an unreadable one gets a generator error inside one of its
    /// attributes; a valid one gets no error from the analyzer.</summary>
    public class LocatedErrorProperties
    {
        private const int PerCompilation = 100;
        private const int Compilations = 20; // 2,000 declarations

        // Schedule-level attributes: every other schedule attribute is a component, indexed in declaration order.
        private static readonly string[] ScheduleLevel =
            { "LearningRate", "WeightDecay", "Momentum", "EmaDecay", "Temperature", "Hyperparameter", "Epochs", "Steps", "Floor", "PastHorizon" };

        private readonly ITestOutputHelper _output;

        public LocatedErrorProperties(ITestOutputHelper output) => _output = output;

        private sealed class Tally
        {
            public int Declarations, Refused, Unreadable, Violations, OnArgument, OnWindow, Valid;
        }

        private static readonly string[] WindowBounds = { "0", "2", "5", "10", "-1", "double.NaN", "1e308", "double.PositiveInfinity" };

        /// <summary>The random declarations, about a third of their components also given a random From and (or) Until:
        /// windows are checked by their own rules, each located on its bound.</summary>
        private static readonly Gen<RandomDeclaration> Windowed = RandomDeclarations.Declarations.SelectMany(d =>
            Gen.Int[0, 23].Array[2 * d.Attributes.Length].Select(bounds => d with
            {
                Attributes = d.Attributes.Select((a, i) => ScheduleLevel.Any(n => a == n || a.StartsWith(n + "(", StringComparison.Ordinal)) || a.StartsWith("CustomFactor", StringComparison.Ordinal)
                    ? a
                    : WithWindow(a, bounds[2 * i] < WindowBounds.Length ? WindowBounds[bounds[2 * i]] : null, bounds[2 * i + 1] < WindowBounds.Length ? WindowBounds[bounds[2 * i + 1]] : null)).ToArray(),
            }));

        private static string WithWindow(string attribute, string? from, string? until)
        {
            string window = string.Join(", ", new[] { from is null ? null : "From = " + from, until is null ? null : "Until = " + until }.Where(w => w is not null));
            if (window.Length == 0) return attribute;
            return attribute.EndsWith(")", StringComparison.Ordinal) ? attribute.Substring(0, attribute.Length - 1) + ", " + window + ")" : attribute + "(" + window + ")";
        }

        [Fact]
        public void Every_refused_declaration_gets_an_error_on_the_attribute_or_argument_at_fault()
        {
            var tally = new Tally();
            Seeded.Check(Windowed.Array[PerCompilation, PerCompilation], batch => Check(batch, tally), Compilations);
            _output.WriteLine($"{tally.Declarations} declarations: {tally.Valid} valid, {tally.Refused} refused by the rules " +
                $"({tally.Violations} errors, {tally.OnArgument} on an argument, {tally.OnWindow} on a window bound), {tally.Unreadable} unreadable");
            Assert.True(tally.Declarations >= 2000);
            // The pools must reach every branch of the property, or it proves little.
            Assert.True(tally.Refused >= 200, $"only {tally.Refused} declarations refused by the rules");
            Assert.True(tally.OnArgument >= 200, $"only {tally.OnArgument} errors on an argument");
            Assert.True(tally.Unreadable >= 20, $"only {tally.Unreadable} unreadable declarations");
            Assert.True(tally.OnWindow >= 50, $"only {tally.OnWindow} errors on a window bound");
        }

        private static void Check(RandomDeclaration[] batch, Tally tally)
        {
            string[] sources = batch.Select((d, i) => AttributeWriter.Usings + d.Source("R" + i)).Append(RandomDeclarations.Constants).ToArray();
            (Compilation output, GeneratorRunResult result) = GeneratorRunner.Run(sources);
            Assert.Null(result.Exception);
            ImmutableArray<Diagnostic> analyzed = output
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ScheduleDeclarationAnalyzer()))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            Diagnostic[] errors = result.Diagnostics.Concat(analyzed).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            ScheduleSymbols symbols = ScheduleSymbols.Create(output) ?? throw new InvalidOperationException("no schedule attributes");

            for (int i = 0; i < batch.Length; i++)
            {
                tally.Declarations++;
                SyntaxTree tree = output.SyntaxTrees.Single(t => t.FilePath == $"Source{i}.cs");
                TypeDeclarationSyntax? typeSyntax = tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().SingleOrDefault(t => t.AttributeLists.Count > 0);
                if (typeSyntax is null) continue; // no attribute at all: not a schedule
                var type = (INamedTypeSymbol)output.GetSemanticModel(tree).GetDeclaredSymbol(typeSyntax)!;
                AttributeSyntax[] attributes = typeSyntax.AttributeLists.SelectMany(l => l.Attributes).ToArray();
                // The generator's diagnostics carry a file path and span (no tree: a pipeline model holds no syntax).
                Diagnostic[] own = errors.Where(e => e.Location.GetLineSpan().Path == tree.FilePath).ToArray();
                string context = $"{batch[i]}\n  errors: {string.Join("\n          ", own.Select(Show))}";

                ScheduleDeclaration declaration = ScheduleDeclarationReader.Read(type, symbols, CancellationToken.None);
                if (declaration.Marker is null) continue; // not a schedule: the orphan warning (SDL0020) is not an error
                if (declaration.Definition is not ScheduleDefinition definition)
                {
                    tally.Unreadable++;
                    // The generator owns unreadable declarations: an error on one of the declaration's attributes.
                    Assert.True(own.Any(e => attributes.Any(a => a.Span.Contains(e.Location.SourceSpan))),
                        $"unreadable, but no error on any of its attributes: {context}");
                    continue;
                }

                RuleViolation[] violations = ScheduleRules.Validate(definition).Where(v => v.Severity == RuleSeverity.Error).ToArray();
                if (violations.Length == 0)
                {
                    tally.Valid++;
                    // (The generator may still refuse the type itself, e.g. a generic one: SDL1003 on [LearningRate].)
                    Assert.True(!own.Any(analyzed.Contains), $"valid, yet the analyzer reports an error: {context}");
                    continue;
                }
                tally.Refused++;
                foreach (RuleViolation violation in violations)
                {
                    tally.Violations++;
                    (TextSpan expected, bool onArgument) = ExpectedSpan(attributes, violation);
                    if (onArgument) tally.OnArgument++;
                    if (violation.Parameter is "From" or "Until") tally.OnWindow++;
                    bool found = own.Any(e => expected.Contains(e.Location.SourceSpan) && e.GetMessage(CultureInfo.InvariantCulture) == violation.Message);
                    Assert.True(found, $"{violation.QualifiedParameter} (#{violation.ComponentIndex}, element {violation.ElementIndex}): \"{violation.Message}\" " +
                        $"expected on '{tree.GetText().ToString(expected)}' {expected}: {context}");
                }
            }
        }

        private static string Show(Diagnostic d) =>
            $"{d.Id} {d.Location.SourceSpan}: {d.GetMessage(CultureInfo.InvariantCulture)}";

        /// <summary>The span a violation belongs on, from the violation alone: the attribute (the component at its index
        /// among the component attributes, or the schedule-level attribute of its name), narrowed to the argument
        /// holding its parameter when the parameter is written (by name, or by position against the attribute's
        /// constructor), and to the element of an array argument it names.</summary>
        private static (TextSpan Span, bool OnArgument) ExpectedSpan(AttributeSyntax[] attributes, RuleViolation violation)
        {
            AttributeSyntax attribute = violation.ComponentIndex >= 0
                ? attributes.Where(a => !ScheduleLevel.Contains(a.Name.ToString())).ElementAt(violation.ComponentIndex)
                : attributes.First(a => a.Name.ToString() == violation.Component);
            Assert.Equal(violation.Component, attribute.Name.ToString());
            if (violation.Parameter is not string parameter || attribute.ArgumentList is null) return (attribute.Span, false);
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList.Arguments;

            AttributeArgumentSyntax? named = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == parameter);
            if (named is not null) return (Element(named.Expression, violation.ElementIndex) ?? named.Span, true);

            // Positional: the constructor taking that many arguments (the random declarations name no constructor
            // argument), and the index of the parameter named like the property (camelCase).
            AttributeArgumentSyntax[] positional = arguments.Where(a => a.NameEquals is null).ToArray();
            Type attributeType = typeof(LearningRateAttribute).Assembly.GetType($"ScheduleDsl.{violation.Component}Attribute", throwOnError: true)!;
            ParameterInfo[]? parameters = attributeType.GetConstructors()
                .Select(c => c.GetParameters())
                .FirstOrDefault(p => p.Length == positional.Length || (p.Length > 0 && IsParams(p[^1]) && positional.Length >= p.Length - 1));
            int index = parameters is null ? -1 : Array.FindIndex(parameters, p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase));
            if (index < 0 || index >= positional.Length) return (attribute.Span, false); // not written: the default is at fault
            if (!IsParams(parameters![index]) || (positional.Length == index + 1 && IsArray(positional[index].Expression)))
                return (Element(positional[index].Expression, violation.ElementIndex) ?? positional[index].Span, true);
            // A params array written out element by element: the element, or all of them.
            if (violation.ElementIndex >= 0 && index + violation.ElementIndex < positional.Length) return (positional[index + violation.ElementIndex].Span, true);
            return (TextSpan.FromBounds(positional[index].SpanStart, positional[^1].Span.End), true);
        }

        private static bool IsParams(ParameterInfo parameter) => parameter.GetCustomAttribute<ParamArrayAttribute>() is not null;

        private static bool IsArray(ExpressionSyntax expression) =>
            expression is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax;

        // The element of an array expression a violation names (a milestone), or null to keep the whole argument.
        private static TextSpan? Element(ExpressionSyntax expression, int element)
        {
            if (element < 0) return null;
            IReadOnlyList<ExpressionSyntax>? items = expression switch
            {
                ArrayCreationExpressionSyntax a => a.Initializer?.Expressions,
                ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions,
                _ => null,
            };
            return items is not null && element < items.Count ? items[element].Span : null;
        }
    }
}
