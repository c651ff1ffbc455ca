using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Generator.Diagnostics;
using ScheduleDsl.Generator.Emitting;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Generator.Parsing;

namespace ScheduleDsl.Generator
{
    /// <summary>Generates an allocation-free schedule class for every type marked with <c>[LearningRate]</c> or another
    /// hyperparameter's marker (<c>[WeightDecay]</c>, <c>[Momentum]</c>, <c>[EmaDecay]</c>, <c>[Temperature]</c>, <c>[Hyperparameter]</c>).</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ScheduleGenerator : IIncrementalGenerator
    {
        private static readonly string Version = typeof(ScheduleGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // One pipeline per marker ([LearningRate], [WeightDecay]...): each watches its own attribute.
            foreach ((HyperparameterKind kind, string metadataName) in ScheduleSymbols.Markers) Watch(context, kind, metadataName);
        }

        private static void Watch(IncrementalGeneratorInitializationContext context, HyperparameterKind kind, string metadataName)
        {
            IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    metadataName,
                    static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                    (ctx, ct) => WithLanguageVersion(
                        ScheduleParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel.Compilation, Version, kind, ct),
                        ((CSharpParseOptions)ctx.TargetNode.SyntaxTree.Options).LanguageVersion))
                .WithTrackingName(TrackingNames.Parse);

            IncrementalValuesProvider<ScheduleModel> schedules = parsed
                .Where(static r => r.Model is not null)
                .Select(static (r, _) => r.Model!)
                .WithTrackingName(TrackingNames.Schedules);

            IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
                .SelectMany(static (r, _) => r.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);

            context.RegisterSourceOutput(diagnostics, static (spc, info) => spc.ReportDiagnostic(info.ToDiagnostic()));
            context.RegisterSourceOutput(schedules, static (spc, model) => Emit(spc, model));
        }

        // The emitter writes only syntax the consumer's language version has (C# 7.3 and later).
        private static ParseResult WithLanguageVersion(ParseResult result, LanguageVersion version) =>
            result.Model is null ? result : result with { Model = result.Model with { LanguageVersion = version } };

        private static void Emit(SourceProductionContext context, ScheduleModel model)
        {
            string text;
            try
            {
                text = ScheduleEmitter.Emit(model);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None, model.Type.Name,
                    e.GetType().Name + ": " + e.Message));
                return;
            }
            context.AddSource(model.HintName, SourceText.From(text, Encoding.UTF8));
        }
    }
}
