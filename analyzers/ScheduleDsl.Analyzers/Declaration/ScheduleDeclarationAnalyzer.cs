using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Analyzers.Configuration;
using ScheduleDsl.Analyzers.Diagnostics;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Generator.Parsing;
using ScheduleDsl.Validation;

namespace ScheduleDsl.Analyzers.Declaration
{
    /// <summary>Checks each schedule declaration as the user types: the core's rules (each violation on its
    /// argument, with the core's message), then, for a valid schedule, the heuristics on its peak rate, its
    /// optimizer and its curve evaluated at compile time by the core.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ScheduleDeclarationAnalyzer : DiagnosticAnalyzer
    {
        // Sampling resolution of the curve checks: fine enough to place a useless stretch within 0.05% of the horizon.
        private const int CurveSamples = 2000;

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.HighRateWithoutWarmup,
            DiagnosticDescriptors.InvalidArgument,
            DiagnosticDescriptors.MilestonesNotIncreasing,
            DiagnosticDescriptors.MissingHorizon,
            DiagnosticDescriptors.PrefixExceedsHorizon,
            DiagnosticDescriptors.ConflictingComponents,
            DiagnosticDescriptors.NeverFires,
            DiagnosticDescriptors.WastedTraining,
            DiagnosticDescriptors.RateTooHigh,
            DiagnosticDescriptors.AdaptiveOptimizerRate,
            DiagnosticDescriptors.CycleMomentumUnsupported,
            DiagnosticDescriptors.WindowConflict,
            DiagnosticDescriptors.RisingShape,
            DiagnosticDescriptors.GrowingDecay,
            DiagnosticDescriptors.UnusualHyperparameterValue,
            DiagnosticDescriptors.OrphanScheduleAttribute);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                ScheduleSymbols? symbols = ScheduleSymbols.Create(start.Compilation);
                if (symbols is null) return;
                INamedTypeSymbol? optimizer = start.Compilation.GetTypeByMetadataName("ScheduleDsl.OptimizerAttribute");
                start.RegisterSymbolAction(c => AnalyzeType(c, symbols, optimizer), SymbolKind.NamedType);
            });
        }

        private static DiagnosticDescriptor DescriptorOf(RuleKind kind) => kind switch
        {
            RuleKind.MilestonesNotIncreasing => DiagnosticDescriptors.MilestonesNotIncreasing,
            RuleKind.MissingHorizon => DiagnosticDescriptors.MissingHorizon,
            RuleKind.PrefixExceedsHorizon => DiagnosticDescriptors.PrefixExceedsHorizon,
            RuleKind.ConflictingComponents => DiagnosticDescriptors.ConflictingComponents,
            RuleKind.NeverFires => DiagnosticDescriptors.NeverFires,
            RuleKind.WindowConflict => DiagnosticDescriptors.WindowConflict,
            RuleKind.RisingShape => DiagnosticDescriptors.RisingShape,
            RuleKind.GrowingDecay => DiagnosticDescriptors.GrowingDecay,
            _ => DiagnosticDescriptors.InvalidArgument,
        };

        // Schedule attributes without a marker ([LearningRate], [WeightDecay]...) would be ignored without a word: warn on the first one.
        private static void ReportOrphanAttribute(SymbolAnalysisContext context, INamedTypeSymbol type, ScheduleSymbols symbols)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                INamedTypeSymbol? c = attribute.AttributeClass;
                if (!symbols.IsStageAttribute(c) || attribute.ApplicationSyntaxReference is not { } syntax) continue;
                string name = c!.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? c.Name.Substring(0, c.Name.Length - "Attribute".Length) : c.Name;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OrphanScheduleAttribute,
                    syntax.GetSyntax(context.CancellationToken).GetLocation(), type.Name, name));
                return;
            }
        }

        private static void AnalyzeType(SymbolAnalysisContext context, ScheduleSymbols symbols, INamedTypeSymbol? optimizerAttribute)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            AttributeData? marker = type.GetAttributes().FirstOrDefault(a => symbols.MarkerKind(a.AttributeClass) is not null);
            if (marker is null)
            {
                ReportOrphanAttribute(context, type, symbols);
                return;
            }
            if (marker.ApplicationSyntaxReference is not { } markerSyntax) return;

            CancellationToken cancellationToken = context.CancellationToken;
            ScheduleDeclaration declaration = ScheduleDeclarationReader.Read(type, symbols, cancellationToken);
            // Unreadable declarations (missing unit, wrong-typed argument) are the generator's SDL1xxx diagnostics.
            if (declaration.Definition is not ScheduleDefinition definition) return;

            bool hasError = false;
            foreach (RuleViolation violation in ScheduleRules.Validate(definition))
            {
                hasError |= violation.Severity == RuleSeverity.Error;
                ImmutableDictionary<string, string?> fix = violation.SuggestedValue is double suggested
                    ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.SuggestedValue, Numbers.Format(suggested))
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(DescriptorOf(violation.Kind), declaration.Locate(violation, cancellationToken), fix, violation.Message));
            }

            AnalyzerSettings settings = AnalyzerSettings.For(context.Options, markerSyntax.SyntaxTree);
            Location valueLocation = declaration.Locate(
                At(DslName.Of(HyperparameterKinds.MarkerOf(definition.Kind)), HyperparameterKinds.ValueParameterOf(definition.Kind)), cancellationToken);
            // The learning-rate rules (warmup, useless or too high rates, optimizer-specific rates) judge learning rates only;
            // other hyperparameters get the usual-range rule of their kind.
            if (definition.Kind != HyperparameterKind.LearningRate)
            {
                if (!hasError) UnusualValues.Check(context, definition, valueLocation, settings);
                return;
            }
            CheckOptimizer(context, type, optimizerAttribute, definition, valueLocation, settings);
            if (hasError) return;

            CheckWarmup(context, definition, valueLocation, settings);
            CheckCurve(context, declaration, definition, valueLocation, settings);
        }

        /// <summary>A pseudo-violation used only to ask the shared locator for an argument's location.</summary>
        private static RuleViolation At(string component, string parameter) =>
            new(RuleKind.InvalidArgument, RuleSeverity.Warning, component, -1, parameter, -1, "");

        // Judges the composed curve (the core's compiled schedule), not the attribute list: what counts is the
        // rate of the very first update, whatever the order the phases were declared in.
        private static void CheckWarmup(SymbolAnalysisContext context, ScheduleDefinition definition, Location rateLocation, AnalyzerSettings settings)
        {
            double peak = definition.LearningRate;
            double threshold = settings.MaxRateWithoutWarmup;
            if (!(peak > threshold)) return;

            CompiledSchedule compiled = definition.CompileValidated();
            // A custom factor runs only in generated code: without a prefix covering t = 0 the start is unknown,
            // and the peak is assumed (the user's factor is not a declared ramp).
            bool startKnown = compiled.IsEvaluable || (compiled.Whole is null && compiled.Prefixes.Count > 0);
            double start = startKnown ? compiled.RateAt(0) : peak;
            if (!(start > threshold)) return;

            bool declaresRamp = definition.Components.Any(c => c is WarmupPhase || c is LinearFactorShape { StartFactor: < 1 } || c.Role == ComponentRole.WholeSchedule || c is CyclicShape);
            bool startsAtPeak = start == peak;
            string max = Numbers.Format(threshold);
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            string message;
            if (!declaresRamp)
            {
                string length = SuggestedWarmup(definition);
                properties.Add(DiagnosticProperties.WarmupLength, length);
                if (startsAtPeak) properties.Add(DiagnosticProperties.MaxRate, max);
                message = startsAtPeak
                    ? $"Peak learning rate {Numbers.Format(peak)} is above {max} and the schedule has no warmup: early updates at full rate often diverge; add [Warmup({length})] or lower the rate to {max}"
                    : $"The learning rate starts at {Show(start)}, above {max}, and the schedule has no warmup: early updates at a high rate often diverge; add [Warmup({length})] or start lower";
            }
            else if (startsAtPeak && definition.Components.FirstOrDefault(c => c.Role == ComponentRole.Prefix) is HoldPhase)
            {
                // The ramp is declared but a [Hold] at full rate comes first: moving the warmup (or adding one, when the
                // ramp is a cyclic shape) is the user's call, so only lowering the rate is offered as a fix.
                properties.Add(DiagnosticProperties.MaxRate, max);
                message = $"The learning rate starts at the full peak {Numbers.Format(peak)}, above {max}: a [{DslName.Of(typeof(HoldAttribute))}] at full rate runs before the ramp, so the ramp comes too late; declare a [{DslName.Of(typeof(WarmupAttribute))}] before the hold, or lower the rate to {max}";
            }
            else
            {
                message = $"The learning rate starts at {Show(start)} (peak {Numbers.Format(peak)}), above {max}: early updates at a high rate often diverge; start the ramp lower (a warmup's StartFactor, a cyclic BaseLr, a one-cycle DivFactor or the floor)";
            }
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HighRateWithoutWarmup, rateLocation, properties.ToImmutable(), message));
        }

        /// <summary>About 5% of the horizon, at least one epoch or step (Goyal et al. warm up 5 of 90 epochs);
        /// one epoch (or 1000 steps) when no horizon is declared.</summary>
        private static string SuggestedWarmup(ScheduleDefinition definition)
        {
            double horizon = definition.Horizon ?? double.NaN;
            double length = horizon > 0 && !double.IsInfinity(horizon)
                ? Math.Max(1, Math.Round(0.05 * horizon, MidpointRounding.AwayFromZero))
                : definition.Unit == TimeUnit.Epochs ? 1 : 1000;
            return length.ToString("R", CultureInfo.InvariantCulture);
        }

        private static void CheckCurve(SymbolAnalysisContext context, ScheduleDeclaration declaration, ScheduleDefinition definition,
            Location rateLocation, AnalyzerSettings settings)
        {
            if (definition.Horizon is not double horizon || !(horizon > 0) || double.IsInfinity(horizon)) return;
            if (definition.Components.Any(c => c is CustomShape)) return; // user code: cannot be evaluated at compile time

            // Validated above (the curve is checked only without errors): compile without validating again.
            CompiledSchedule compiled = definition.CompileValidated();

            double peak = compiled.PeakRate;
            double useless = peak * settings.UselessRateRatio;
            double maxRate = double.NegativeInfinity, maxAt = 0;
            int lastUseful = -1;
            for (int k = 0; k <= CurveSamples; k++)
            {
                double t = horizon * k / CurveSamples;
                double rate = compiled.RateAt(t);
                if (rate > maxRate)
                {
                    maxRate = rate;
                    maxAt = t;
                }
                if (rate >= useless) lastUseful = k;
            }

            string unit = definition.Unit == TimeUnit.Epochs ? "epochs" : "steps";
            if (maxRate >= settings.MaxRate)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RateTooHigh, rateLocation,
                    Show(maxRate), unit == "epochs" ? "epoch" : "step", Show(maxAt)));
            }

            if (lastUseful < CurveSamples)
            {
                double fallsAt = horizon * (lastUseful + 1) / CurveSamples;
                double wasted = horizon - fallsAt;
                if (wasted > 0 && wasted >= settings.WastedFraction * horizon)
                {
                    string horizonComponent = DslName.Of(definition.Unit == TimeUnit.Epochs ? typeof(EpochsAttribute) : typeof(StepsAttribute));
                    Location location = declaration.Locate(At(horizonComponent, nameof(EpochsAttribute.Count)), context.CancellationToken);
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WastedTraining, location,
                        Show(useless), Show(settings.UselessRateRatio), unit == "epochs" ? "epoch" : "step", Show(fallsAt),
                        Show(wasted), unit, Show(Math.Round(100 * wasted / horizon, 1))));
                }
            }
        }

        private static void CheckOptimizer(SymbolAnalysisContext context, INamedTypeSymbol type, INamedTypeSymbol? optimizerAttribute,
            ScheduleDefinition definition, Location rateLocation, AnalyzerSettings settings)
        {
            if (optimizerAttribute is null) return;
            AttributeData? optimizer = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, optimizerAttribute));
            if (optimizer is null || optimizer.ConstructorArguments.Length != 1 || optimizer.ConstructorArguments[0].Value is not int kindValue) return;
            var kind = (OptimizerKind)kindValue;

            double momentum = 0;
            bool cycleMomentum = false;
            foreach (KeyValuePair<string, TypedConstant> named in optimizer.NamedArguments)
            {
                if (named.Key == nameof(OptimizerAttribute.Momentum) && named.Value.Value is double m) momentum = m;
                if (named.Key == nameof(OptimizerAttribute.CycleMomentum) && named.Value.Value is bool b) cycleMomentum = b;
            }

            bool adaptive = kind is OptimizerKind.Adam or OptimizerKind.AdamW or OptimizerKind.RMSProp or OptimizerKind.Adagrad;
            if (adaptive && definition.LearningRate > settings.MaxAdaptiveRate)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AdaptiveOptimizerRate, rateLocation,
                    Numbers.Format(definition.LearningRate), Numbers.Format(settings.MaxAdaptiveRate), kind.ToString()));
            }

            string? why = !cycleMomentum ? null : kind switch
            {
                OptimizerKind.Adagrad => "Adagrad has neither momentum nor beta1 to cycle; remove CycleMomentum or use SGD with Momentum, or Adam",
                OptimizerKind.Sgd or OptimizerKind.RMSProp when !(momentum > 0) =>
                    $"{kind} is declared with Momentum = {Numbers.Format(momentum)}, so there is no momentum to cycle; set Momentum (e.g. 0.9) or remove CycleMomentum",
                _ => null,
            };
            if (why is not null)
            {
                string subject = kind == OptimizerKind.Adagrad ? "the optimizer is Adagrad" : $"the optimizer is {kind} without momentum";
                Location location = ArgumentLocator.Locate(optimizer, nameof(OptimizerAttribute.CycleMomentum), -1, context.CancellationToken);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CycleMomentumUnsupported, location, subject, why));
            }
        }

        // Messages are read by people: four significant digits, invariant culture.
        private static string Show(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
