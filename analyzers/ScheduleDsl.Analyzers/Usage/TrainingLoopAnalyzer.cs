using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ScheduleDsl.Analyzers.Diagnostics;

namespace ScheduleDsl.Analyzers.Usage
{
    /// <summary>The training-loop mistakes PyTorch users report most, found on each call that advances a
    /// schedule (<c>Advance()</c> on an <c>ILearningRateSchedule</c>, <c>Step()</c> on the TorchSharp
    /// adapter's <c>*ScheduleDriver</c>). Heuristics are purely local: the loops enclosing the call in the
    /// same method, and TorchSharp <c>optimizer.step()</c> calls written in those loops (see docs/diagnostics).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TrainingLoopAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.AdvancedBeforeOptimizerStep,
            DiagnosticDescriptors.StepScheduleAdvancedPerEpoch,
            DiagnosticDescriptors.EpochScheduleAdvancedPerBatch,
            DiagnosticDescriptors.PlateauWithoutMetric);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                TrainingLoopSymbols? symbols = TrainingLoopSymbols.Create(start.Compilation);
                if (symbols is null) return;
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, TrainingLoopSymbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!IsAdvance(invocation, symbols, out ITypeSymbol? scheduleType)) return;
            if (invocation.Syntax is not InvocationExpressionSyntax call) return;

            string shown = call.Expression.ToString();
            Location location = call.GetLocation();
            SemanticModel? model = invocation.SemanticModel;

            StatementSyntax? loop = EnclosingLoop(call);
            if (loop is not null && model is not null)
            {
                var direct = new List<InvocationExpressionSyntax>();
                var nested = new List<InvocationExpressionSyntax>();
                CollectOptimizerSteps(loop, model, symbols, direct, nested, context.CancellationToken);

                int position = IsInForIncrementor(call, loop) ? int.MaxValue : call.SpanStart;
                if (direct.Any(step => step.SpanStart > position))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AdvancedBeforeOptimizerStep, location, shown));
                }

                TimeUnit? unit = symbols.DeclaredUnit(scheduleType);
                if (unit == TimeUnit.Steps && direct.Count == 0 && nested.Count > 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StepScheduleAdvancedPerEpoch, location, shown));
                }
                if (unit == TimeUnit.Epochs && direct.Count > 0 && EnclosingLoop(loop) is not null
                    && invocation.TargetMethod.Name == "Advance"
                    && CreatedWithoutStepsPerEpoch(invocation.Instance, model, context.CancellationToken))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EpochScheduleAdvancedPerBatch, location, shown));
                }
            }

            if (symbols.IsPlateauSchedule(scheduleType))
            {
                INamedTypeSymbol? owner = context.ContainingSymbol.ContainingType;
                if (!MentionsReportMetric(owner, call, context.CancellationToken))
                {
                    string where = owner is null || owner.IsImplicitlyDeclared ? "this file" : owner.Name;
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PlateauWithoutMetric, location, shown, where));
                }
            }
        }

        /// <summary>Whether the call advances a schedule; <paramref name="scheduleType"/> is the schedule's type
        /// when known (a driver's schedule is known only through a type argument).</summary>
        private static bool IsAdvance(IInvocationOperation invocation, TrainingLoopSymbols symbols, out ITypeSymbol? scheduleType)
        {
            IMethodSymbol method = invocation.TargetMethod;
            scheduleType = null;
            if (method.Name == "Advance" && method.Parameters.IsEmpty && method.ReturnsVoid)
            {
                ITypeSymbol? receiver = invocation.Instance?.Type ?? method.ContainingType;
                if (!symbols.IsSchedule(receiver)) return false;
                scheduleType = receiver;
                return true;
            }
            if (method.Name == "Step" && method.ContainingType is { } driver && driver.Name.EndsWith("ScheduleDriver", System.StringComparison.Ordinal)
                && driver.ContainingNamespace?.ToDisplayString() == "ScheduleDsl.TorchSharp")
            {
                scheduleType = driver.TypeArguments.FirstOrDefault(symbols.IsSchedule);
                return true;
            }
            return false;
        }

        /// <summary>The innermost loop around <paramref name="node"/> in the same method body (lambdas and local
        /// functions are boundaries: their code does not run where it is written).</summary>
        private static StatementSyntax? EnclosingLoop(SyntaxNode node)
        {
            for (SyntaxNode? n = node.Parent; n is not null; n = n.Parent)
            {
                switch (n)
                {
                    case ForStatementSyntax:
                    case CommonForEachStatementSyntax:
                    case WhileStatementSyntax:
                    case DoStatementSyntax:
                        return (StatementSyntax)n;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case MemberDeclarationSyntax:
                        return null;
                }
            }
            return null;
        }

        private static bool IsInForIncrementor(SyntaxNode node, StatementSyntax loop) =>
            loop is ForStatementSyntax f && f.Incrementors.Any(i => i.Span.Contains(node.Span));

        /// <summary>TorchSharp optimizer.step() calls in <paramref name="loop"/>: in its own body (<paramref name="direct"/>)
        /// or inside loops nested in it (<paramref name="nested"/>).</summary>
        private static void CollectOptimizerSteps(StatementSyntax loop, SemanticModel model, TrainingLoopSymbols symbols,
            List<InvocationExpressionSyntax> direct, List<InvocationExpressionSyntax> nested, System.Threading.CancellationToken cancellationToken)
        {
            if (symbols.Optimizer is null) return;
            foreach (InvocationExpressionSyntax candidate in loop.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (!IsNamed(candidate.Expression, "step")) continue;
                if (model.GetSymbolInfo(candidate, cancellationToken).Symbol is not IMethodSymbol method || !symbols.IsOptimizerStep(method)) continue;
                StatementSyntax? owner = EnclosingLoop(candidate);
                if (owner == loop) direct.Add(candidate);
                else if (owner is not null && loop.Span.Contains(owner.Span)) nested.Add(candidate);
            }
        }

        private static bool IsNamed(ExpressionSyntax expression, string name) => expression switch
        {
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText == name,
            MemberBindingExpressionSyntax b => b.Name.Identifier.ValueText == name,
            SimpleNameSyntax s => s.Identifier.ValueText == name,
            _ => false,
        };

        /// <summary>Whether the schedule was created without steps-per-epoch. Only a creation found in the same
        /// method (the local's initializer or an assignment) or the field's initializer counts: when the creation
        /// is elsewhere nothing is known and nothing is reported.</summary>
        private static bool CreatedWithoutStepsPerEpoch(IOperation? receiver, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            ISymbol? target = receiver switch
            {
                ILocalReferenceOperation l => l.Local,
                IFieldReferenceOperation f => f.Field,
                _ => null,
            };
            if (target is null) return false;

            var creations = new List<IOperation>();
            foreach (SyntaxReference reference in target.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
                    && value.SyntaxTree == model.SyntaxTree
                    && model.GetOperation(value, cancellationToken) is { } initializer)
                    creations.Add(initializer);
            }
            SyntaxNode? body = receiver!.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (body is not null)
            {
                foreach (AssignmentExpressionSyntax assignment in body.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation a
                        && ReferencedSymbol(a.Target) is { } assigned && SymbolEqualityComparer.Default.Equals(assigned, target))
                        creations.Add(a.Value);
                }
            }
            if (creations.Count == 0) return false;
            return creations.All(c => !PassesStepsPerEpoch(c));
        }

        private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation l => l.Local,
            IFieldReferenceOperation f => f.Field,
            _ => null,
        };

        private static bool PassesStepsPerEpoch(IOperation creation)
        {
            while (creation is IConversionOperation conversion) creation = conversion.Operand;
            ImmutableArray<IArgumentOperation> arguments;
            switch (creation)
            {
                case IObjectCreationOperation o:
                    arguments = o.Arguments;
                    if (o.Initializer is { } init && init.Initializers.OfType<ISimpleAssignmentOperation>()
                            .Any(a => a.Target is IPropertyReferenceOperation p && p.Property.Name == "StepsPerEpoch"))
                        return true;
                    break;
                case IInvocationOperation i:
                    arguments = i.Arguments;
                    break;
                default:
                    return true; // unknown origin (a call result we cannot see into): assume it is right
            }
            return arguments.Any(a => a.Parameter?.Name == "stepsPerEpoch" && a.ArgumentKind != ArgumentKind.DefaultValue
                                      && !(a.Value.ConstantValue is { HasValue: true, Value: null }));
        }

        /// <summary>Whether <c>ReportMetric</c> is called anywhere in the type that advances the schedule (all its
        /// partial declarations), or in the file for top-level statements. Syntactic on purpose: a metric reported
        /// from another method of the training class is fine.</summary>
        private static bool MentionsReportMetric(INamedTypeSymbol? owner, SyntaxNode call, System.Threading.CancellationToken cancellationToken)
        {
            IEnumerable<SyntaxNode> scopes = owner is null || owner.DeclaringSyntaxReferences.IsEmpty || owner.IsImplicitlyDeclared
                ? new[] { call.SyntaxTree.GetRoot(cancellationToken) }
                : owner.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken));
            foreach (SyntaxNode scope in scopes)
                foreach (InvocationExpressionSyntax invocation in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
                    if (IsNamed(invocation.Expression, "ReportMetric")) return true;
            return false;
        }
    }
}
