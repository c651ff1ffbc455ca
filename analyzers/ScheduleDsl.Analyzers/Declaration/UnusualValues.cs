using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Analyzers.Configuration;
using ScheduleDsl.Analyzers.Diagnostics;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Analyzers.Declaration
{
    /// <summary>SDL0021: a valid schedule of another hyperparameter than the learning rate whose curve leaves the usual range of
    /// its kind (a weight decay above 0.5, an EMA decay below 0.9, a momentum outside [0.5, 0.999]; thresholds in .editorconfig).
    /// The curve is the core's, evaluated at compile time over the horizon (the base value alone without one).</summary>
    internal static class UnusualValues
    {
        // Fine enough to find the extremes of a cosine within 0.05% of the horizon.
        private const int Samples = 2000;

        public static void Check(SymbolAnalysisContext context, ScheduleDefinition definition, Location valueLocation, AnalyzerSettings settings)
        {
            if (definition.Kind is not (HyperparameterKind.WeightDecay or HyperparameterKind.EmaDecay or HyperparameterKind.Momentum)) return;
            CompiledSchedule compiled = definition.CompileValidated();
            if (!compiled.IsEvaluable) return; // a custom factor runs only in the user's code

            double span = definition.Horizon is double h && h > 0 && !double.IsInfinity(h) ? h : 0.0;
            double min = double.PositiveInfinity, max = double.NegativeInfinity, minAt = 0, maxAt = 0;
            for (int k = 0; k <= (span > 0 ? Samples : 0); k++)
            {
                double t = span * k / Samples;
                double value = compiled.RateAt(t);
                if (value < min) (min, minAt) = (value, t);
                if (value > max) (max, maxAt) = (value, t);
            }

            string unit = definition.Unit == TimeUnit.Epochs ? "epoch" : "step";
            string? message = definition.Kind switch
            {
                HyperparameterKind.WeightDecay when max > settings.MaxWeightDecay =>
                    $"The weight decay reaches {Show(max)} at {unit} {Show(maxAt)}, above {Show(settings.MaxWeightDecay)} ({AnalyzerSettings.MaxWeightDecayKey}): " +
                    "so strong a decay shrinks the weights faster than the gradients move them (AdamW recipes use 0.01-0.1, DINO ends at 0.4); check the value or raise the threshold",
                HyperparameterKind.EmaDecay when min < settings.MinEmaDecay =>
                    $"The EMA decay falls to {Show(min)} at {unit} {Show(minAt)}, below {Show(settings.MinEmaDecay)} ({AnalyzerSettings.MinEmaDecayKey}): " +
                    $"the average then forgets within about {Show(1 / (1 - min))} updates, hardly an average (teachers use 0.99-0.9999); check the value or lower the threshold",
                HyperparameterKind.Momentum when min < settings.MinMomentum =>
                    $"The momentum falls to {Show(min)} at {unit} {Show(minAt)}, below {Show(settings.MinMomentum)} ({AnalyzerSettings.MinMomentumKey}): " +
                    "SGD momentum and Adam's beta1 usually lie between 0.85 and 0.99; check the value or lower the threshold",
                HyperparameterKind.Momentum when max > settings.MaxMomentum =>
                    $"The momentum reaches {Show(max)} at {unit} {Show(maxAt)}, above {Show(settings.MaxMomentum)} ({AnalyzerSettings.MaxMomentumKey}): " +
                    "at 1 the velocity never decays and training diverges; check the value or raise the threshold",
                _ => null,
            };
            if (message is not null)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnusualHyperparameterValue, valueLocation, message));
        }

        // Messages are read by people: four significant digits, invariant culture.
        private static string Show(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
