using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Analyzers.Diagnostics;
using ScheduleDsl.Generator.Parsing;

namespace ScheduleDsl.Analyzers.Configuration
{
    /// <summary>SDL0016: a ScheduleDsl .editorconfig value that cannot be read, reported on every schedule declaration
    /// it applies to (its marker: [LearningRate], [WeightDecay]...), naming the key, since settings are per file.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SettingsAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnreadableSetting);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                ScheduleSymbols? symbols = ScheduleSymbols.Create(start.Compilation);
                if (symbols is null) return;
                start.RegisterSymbolAction(c => Analyze(c, symbols), SymbolKind.NamedType);
            });
        }

        private static void Analyze(SymbolAnalysisContext context, ScheduleSymbols symbols)
        {
            foreach (AttributeData attribute in context.Symbol.GetAttributes().Where(a => symbols.MarkerKind(a.AttributeClass) is not null))
            {
                if (attribute.ApplicationSyntaxReference is not { } reference) continue;
                AnalyzerSettings settings = AnalyzerSettings.For(context.Options, reference.SyntaxTree);
                Location location = reference.GetSyntax(context.CancellationToken).GetLocation();
                foreach ((string key, string value, string expected, string fallback) in settings.Unreadable)
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnreadableSetting, location, key, value, expected, fallback));
            }
        }
    }
}
