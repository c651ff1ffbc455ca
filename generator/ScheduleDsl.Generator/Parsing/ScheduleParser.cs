using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Generator.Diagnostics;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Validation;

namespace ScheduleDsl.Generator.Parsing
{
    /// <summary>Turns a type marked with <c>[LearningRate]</c> (or another hyperparameter's marker) into a <see cref="ScheduleModel"/> or diagnostics.</summary>
    internal static class ScheduleParser
    {
        /// <summary>Name of the nested schedule class generated into a training class: <c>LearningRateSchedule</c>, <c>WeightDecaySchedule</c>,
        /// <c>MomentumSchedule</c>, <c>EmaDecaySchedule</c>, <c>TemperatureSchedule</c>, or the <c>[Hyperparameter]</c>'s name in
        /// Pascal case (<c>loss_weight</c>: <c>LossWeightSchedule</c>).</summary>
        public static string NestedClassName(ScheduleDefinition definition) => KindWord(definition) + "Schedule";

        /// <summary>Name of the factory generated into a training class (<c>CreateLearningRateSchedule</c>, <c>CreateWeightDecaySchedule</c>...).</summary>
        public static string FactoryName(ScheduleDefinition definition) => "Create" + NestedClassName(definition);

        private static string KindWord(ScheduleDefinition definition)
        {
            if (definition.Kind != HyperparameterKind.Other) return definition.Kind.ToString();
            var word = new System.Text.StringBuilder();
            foreach (string part in (definition.Name ?? "").Split('_', '.', '-', '/'))
                if (part.Length > 0) word.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
            return word.Length == 0 || char.IsDigit(word[0]) ? "Hyperparameter" + word : word.ToString();
        }

        // Members of every generated schedule class.
        private static readonly string[] CommonMemberNames =
        {
            "Horizon", "Unit", "DefinitionFingerprint", "Fingerprint", "Definition", "FactorAt", "ShapeFactorAt", "CurrentStep", "CurrentTime",
            "CurrentFactor", "Advance", "FactorAtStep", "ReportMetric", "SaveState", "RestoreState", "ToString", "Description",
            "Milestones", "PiecewiseBoundaries", "PiecewiseFactors", "Plateau", "_plateau", "_stepsPerEpoch", "TimeOf",
            "AtStep", "Seek", "SetTime", "_originStep", "_originTime", "FactorWithPlateau",
        };

        private static readonly IReadOnlyCollection<string> LearningRateMemberNames = new HashSet<string>(CommonMemberNames.Concat(new[]
        {
            "Peak", "PeakRate", "RateAt", "CurrentRate", "CyclesMomentum", "CurrentMomentum", "CurrentFactorAndMomentum",
            // Parameter groups (some members only with absolute minimums): rates only.
            "Minimums", "CurrentGroupFactor", "GroupFactorAt", "GroupRateAt", "GroupShapeFactorAt", "PiecewiseValues",
        }), StringComparer.Ordinal);

        private static readonly IReadOnlyCollection<string> ValueMemberNames = new HashSet<string>(CommonMemberNames.Concat(new[]
        {
            "BaseValue", "ValueAt", "CurrentValue",
        }), StringComparer.Ordinal);

        /// <summary>Members the generated schedule class of <paramref name="kind"/> declares: a user member of one of these names (in a
        /// class that is itself the schedule) or a custom factor of one of these names would be ambiguous.</summary>
        public static IReadOnlyCollection<string> GeneratedMemberNames(HyperparameterKind kind) =>
            kind == HyperparameterKind.LearningRate ? LearningRateMemberNames : ValueMemberNames;

        /// <summary>Reads <paramref name="type"/>, found through the marker of <paramref name="watched"/>; never throws (a failure
        /// becomes diagnostic SDL1009). A type with two markers is generated from the first; each later one is SDL1010.</summary>
        public static ParseResult Parse(INamedTypeSymbol type, Compilation compilation, string generatorVersion, HyperparameterKind watched,
            CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            try
            {
                ScheduleModel? model = Read(type, compilation, generatorVersion, watched, diagnostics, cancellationToken);
                return new ParseResult(model, new EquatableArray<DiagnosticInfo>(diagnostics));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, type.Locations.FirstOrDefault(),
                    type.Name, e.GetType().Name + ": " + e.Message));
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
            }
        }

        private static ScheduleModel? Read(INamedTypeSymbol type, Compilation compilation, string generatorVersion, HyperparameterKind watched,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            ScheduleSymbols? symbols = ScheduleSymbols.Create(compilation);
            if (symbols is null) return null;
            ScheduleDeclaration declaration = ScheduleDeclarationReader.Read(type, symbols, cancellationToken);
            // Seen once per marker: the first marker's pass generates, each later marker's pass reports that marker.
            if (declaration.Kind != watched)
            {
                foreach (AttributeData extra in declaration.ExtraMarkers)
                    if (symbols.MarkerKind(extra.AttributeClass) == watched)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TwoMarkers, ArgumentLocator.Locate(extra, null, -1, cancellationToken),
                            type.Name, MarkerName(watched), MarkerName(declaration.Kind)));
                return null;
            }
            Location marker = declaration.Marker?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()
                ?? type.Locations.FirstOrDefault() ?? Location.None;

            if (!IsPartial(type, cancellationToken))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, type.Locations.FirstOrDefault(), type.Name));
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                if (!IsPartial(outer, cancellationToken))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, marker, type.Name, outer.Name));
            // A file-local type cannot be extended from the generated file: Roslyn would create a second, unrelated type.
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
                if (t.IsFileLocal)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalType, type.Locations.FirstOrDefault(), type.Name));
                    break;
                }
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
                if (t.TypeParameters.Length > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, marker, type.Name));
                    break;
                }

            foreach (ReadProblem problem in declaration.Problems)
            {
                DiagnosticDescriptor descriptor = problem.Kind switch
                {
                    ReadProblemKind.MissingUnit => DiagnosticDescriptors.MissingUnit,
                    ReadProblemKind.BothUnits => DiagnosticDescriptors.BothUnits,
                    ReadProblemKind.SplitAcrossParts => DiagnosticDescriptors.SplitAcrossParts,
                    _ => DiagnosticDescriptors.UnreadableArgument,
                };
                diagnostics.Add(DiagnosticInfo.Create(descriptor, problem.Location == Location.None ? marker : problem.Location, problem.Message));
            }

            ScheduleDefinition? definition = declaration.Definition;
            if (definition is null || diagnostics.Count > 0) return null;

            // A broken rule is reported once, by the analyzers, on its argument; nothing is generated.
            if (definition.Validate().Any(v => v.Severity == RuleSeverity.Error)) return null;

            Placement placement = IsPlainClass(type) ? Placement.OwnType : Placement.NestedType;
            CheckCustomFactors(declaration, definition, diagnostics, cancellationToken);
            CheckCollisions(type, placement, definition, marker, diagnostics);
            if (diagnostics.Count > 0) return null;

            var containing = new List<TypeDeclaration>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                containing.Insert(0, Declaration(outer));
            return new ScheduleModel(Identifiers.HintName(type), Identifiers.Namespace(type), new EquatableArray<TypeDeclaration>(containing), Declaration(type), placement,
                definition, generatorVersion);
        }

        // The class is the schedule when nothing of the user's would clash with a schedule's state:
        // a plain class deriving from object, with static members only (e.g. its [CustomFactor] methods).
        private static bool IsPlainClass(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsStatic || type.IsAbstract) return false;
            if (type.BaseType is { SpecialType: not SpecialType.System_Object }) return false;
            if (type.Interfaces.Length > 0) return false;
            foreach (ISymbol member in type.GetMembers())
                if (!member.IsImplicitlyDeclared && !member.IsStatic && member is not INamedTypeSymbol) return false;
            return true;
        }

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax syntax && !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                    return false;
            return type.DeclaringSyntaxReferences.Length > 0;
        }

        private static void CheckCustomFactors(ScheduleDeclaration declaration, ScheduleDefinition definition, List<DiagnosticInfo> diagnostics,
            CancellationToken cancellationToken)
        {
            for (int i = 0; i < definition.Components.Count; i++)
            {
                // Not `is not CustomShape custom`: Stryker's rewrite of that pattern breaks definite assignment and drops the method's mutants.
                var custom = definition.Components[i] as CustomShape;
                if (custom is null) continue;
                string? problem = CustomFactorProblem(declaration.Type, definition.Kind, custom.MethodName);
                if (problem is null) continue;
                Location location = ArgumentLocator.Locate(declaration.Components[i], nameof(CustomShape.MethodName), -1, cancellationToken);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CustomFactorMethod, location, custom.MethodName, problem));
            }
        }

        private static string? CustomFactorProblem(INamedTypeSymbol type, HyperparameterKind kind, string name)
        {
            if (!SyntaxFacts.IsValidIdentifier(name)) return $"'{name}' is not a method name; name a static method of {type.Name}, e.g. nameof(MyFactor)";
            if (GeneratedMemberNames(kind).Contains(name)) return $"'{name}' is also the name of a generated member; rename the method";
            IMethodSymbol[] methods = type.GetMembers(name).OfType<IMethodSymbol>().ToArray();
            if (methods.Length == 0) return $"{type.Name} declares no method '{name}'; add 'private static double {name}(double t)'";
            foreach (IMethodSymbol m in methods)
                if (m.IsStatic && !m.IsGenericMethod && m.ReturnType.SpecialType == SpecialType.System_Double && m.Parameters.Length == 1
                    && m.Parameters[0].Type.SpecialType == SpecialType.System_Double && m.Parameters[0].RefKind == RefKind.None
                    && m.MethodKind == MethodKind.Ordinary)
                    return null;
            return $"'{name}' must be declared 'static double {name}(double t)' (the time since warmup/hold ended, in the schedule's unit)";
        }

        private static string MarkerName(HyperparameterKind kind) => DslName.Of(HyperparameterKinds.MarkerOf(kind));

        private static void CheckCollisions(INamedTypeSymbol type, Placement placement, ScheduleDefinition definition, Location marker, List<DiagnosticInfo> diagnostics)
        {
            IEnumerable<string> names = placement == Placement.NestedType
                ? new[] { NestedClassName(definition), FactoryName(definition) }
                : GeneratedMemberNames(definition.Kind);
            // A type named like a generated member: C# forbids a member named like its enclosing type (CS0542).
            if (names.Contains(type.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, type.Locations.FirstOrDefault() ?? marker, type.Name, type.Name));
            foreach (string name in names)
            {
                ISymbol? member = type.GetMembers(name).FirstOrDefault(m => !m.IsImplicitlyDeclared);
                if (member is not null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, member.Locations.FirstOrDefault() ?? marker, type.Name, name));
            }
        }

        private static TypeDeclaration Declaration(INamedTypeSymbol type)
        {
            string keyword = type switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            return new TypeDeclaration(keyword, Identifiers.Escape(type.Name));
        }
    }
}
