using Microsoft.CodeAnalysis;

namespace ScheduleDsl.Generator.Diagnostics
{
    /// <summary>The generator's diagnostics (SDL1xxx). Rule violations of a definition (SDL0xxx) are the
    /// analyzers': for such a definition the generator emits nothing and reports nothing.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "ScheduleDsl.Generator";

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                helpLinkUri: $"https://github.com/scheduledsl/scheduledsl/blob/main/docs/diagnostics/{id}.md");

        /// <summary>SDL1001.</summary>
        public static readonly DiagnosticDescriptor TypeNotPartial = Error("SDL1001", "Schedule type must be partial",
            "'{0}' declares a schedule but is not partial: add the partial modifier so the schedule can be generated into it");

        /// <summary>SDL1002.</summary>
        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error("SDL1002", "Containing type must be partial",
            "'{0}' is nested in '{1}', which is not partial: add the partial modifier to '{1}' so the schedule can be generated");

        /// <summary>SDL1003.</summary>
        public static readonly DiagnosticDescriptor GenericType = Error("SDL1003", "Schedule type must not be generic",
            "'{0}' is generic (or nested in a generic type): declare the schedule on a non-generic type");

        /// <summary>SDL1004.</summary>
        public static readonly DiagnosticDescriptor MissingUnit = Error("SDL1004", "Schedule declares no time unit", "{0}");

        /// <summary>SDL1005.</summary>
        public static readonly DiagnosticDescriptor BothUnits = Error("SDL1005", "Schedule declares two time units", "{0}");

        /// <summary>SDL1006.</summary>
        public static readonly DiagnosticDescriptor UnreadableArgument = Error("SDL1006", "Schedule attribute argument cannot be read", "{0}");

        /// <summary>SDL1007.</summary>
        public static readonly DiagnosticDescriptor CustomFactorMethod = Error("SDL1007", "CustomFactor method is missing or has the wrong signature",
            "[CustomFactor(\"{0}\")]: {1}");

        /// <summary>SDL1008.</summary>
        public static readonly DiagnosticDescriptor NameCollision = Error("SDL1008", "Generated member would collide with a declared member",
            "'{0}' already declares '{1}', which the generated schedule needs: rename it");

        /// <summary>SDL1009.</summary>
        public static readonly DiagnosticDescriptor GeneratorFailure = Error("SDL1009", "The schedule generator failed",
            "The schedule for '{0}' could not be generated: {1}. Please report this with the declaration.");

        /// <summary>SDL1010.</summary>
        public static readonly DiagnosticDescriptor TwoMarkers = Error("SDL1010", "One schedule per class",
            "'{0}' carries [{1}] after [{2}]: a class holds the schedule of one hyperparameter; declare each schedule on its own nested partial class");

        /// <summary>SDL1020.</summary>
        public static readonly DiagnosticDescriptor SplitAcrossParts = Error("SDL1020", "Schedule attributes split across partial declarations", "{0}");

        /// <summary>Every descriptor, by ID (diagnostics travel through the pipeline as an ID).</summary>
        /// <summary>SDL1030.</summary>
        public static readonly DiagnosticDescriptor FileLocalType = Error("SDL1030", "Schedule type must not be file-local",
            "'{0}' is a file-local type (or nested in one): generated code lives in another file and cannot extend it; remove the file modifier");

        public static DiagnosticDescriptor ById(string id) => id switch
        {
            "SDL1001" => TypeNotPartial,
            "SDL1002" => ContainingTypeNotPartial,
            "SDL1003" => GenericType,
            "SDL1004" => MissingUnit,
            "SDL1005" => BothUnits,
            "SDL1006" => UnreadableArgument,
            "SDL1007" => CustomFactorMethod,
            "SDL1008" => NameCollision,
            "SDL1010" => TwoMarkers,
            "SDL1020" => SplitAcrossParts,
            "SDL1030" => FileLocalType,
            _ => GeneratorFailure,
        };
    }
}
