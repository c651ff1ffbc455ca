using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ScheduleDsl.Analyzers.Diagnostics;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Analyzers.Usage
{
    /// <summary>The training-loop mistakes PyTorch users report most, found on each call that advances a
    /// schedule (<c>Advance()</c>, a <c>ScheduleDriver</c>'s <c>Step()</c>, a <c>ScheduleLRScheduler</c>'s
    /// <c>step()</c>). One type at a time: the operations of all its members are collected, then each tick is
    /// paired by data flow (<see cref="TypeFlow"/>) with the optimizer its schedule drives, and judged against
    /// the <c>optimizer.step()</c> calls around it: in the same loop, in loops nested in it, and in the type's
    /// own methods and local functions it calls. Unknowns keep the rules silent (see docs/diagnostics).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TrainingLoopAnalyzer : DiagnosticAnalyzer
    {
        // How far calls are followed (helper calling helper...), and how far loops are counted up through call sites.
        private const int MaxCallDepth = 3;

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
                start.RegisterSymbolStartAction(typeStart =>
                {
                    var type = (INamedTypeSymbol)typeStart.Symbol;
                    var flow = new TypeFlow();
                    typeStart.RegisterOperationAction(c =>
                        {
                            if (SymbolEqualityComparer.Default.Equals(c.ContainingSymbol.ContainingType, type)) flow.Add(c.Operation, c.ContainingSymbol);
                        },
                        OperationKind.Invocation, OperationKind.VariableDeclarator, OperationKind.SimpleAssignment,
                        OperationKind.FieldInitializer, OperationKind.PropertyInitializer);
                    typeStart.RegisterSymbolEndAction(end => new TypeCheck(end, type, flow, symbols).Run());
                }, SymbolKind.NamedType);
            });
        }

        /// <summary>The rules over one type, once all its operations are known.</summary>
        private sealed class TypeCheck
        {
            private readonly SymbolAnalysisContext _context;
            private readonly INamedTypeSymbol _type;
            private readonly TypeFlow _flow;
            private readonly TrainingLoopSymbols _symbols;

            public TypeCheck(SymbolAnalysisContext context, INamedTypeSymbol type, TypeFlow flow, TrainingLoopSymbols symbols)
            {
                _context = context;
                _type = type;
                _flow = flow;
                _symbols = symbols;
            }

            public void Run()
            {
                var ticks = _flow.Invocations.Select(i => ScheduleTick.From(i, _flow, _symbols)).OfType<ScheduleTick>()
                    .OrderBy(t => t.Call.Syntax.SpanStart).ToList();
                if (ticks.Count == 0) return;
                bool metricReported = ticks.Any(t => t.ReportsMetric) || _flow.Invocations.Any(i => i.TargetMethod.Name == "ReportMetric");
                foreach (ScheduleTick tick in ticks) Check(tick, metricReported);
            }

            private void Check(ScheduleTick tick, bool metricReported)
            {
                if (tick.Call.Syntax is not InvocationExpressionSyntax call) return;
                string shown = call.Expression.ToString();
                Location location = call.GetLocation();

                IOperation scope = Scope(tick.Call);
                int position = Position(tick.Call, scope);
                List<StepCall> steps = StepsIn(scope, tick.Optimizer, 0).ToList();
                bool stepAfter = steps.Any(s => s.Position > position);
                bool stepBefore = steps.Any(s => s.Position < position);
                bool direct = steps.Any(s => s.Direct);

                if (stepAfter && !stepBefore)
                    Report(DiagnosticDescriptors.AdvancedBeforeOptimizerStep, location, shown);
                if (tick.Unit == TimeUnit.Steps && !direct && steps.Count > 0)
                    Report(DiagnosticDescriptors.StepScheduleAdvancedPerEpoch, location, shown);
                if (tick.Unit == TimeUnit.Epochs && tick.StepsPerEpoch == false && direct && LoopDepth(tick.Call, 0) >= 2)
                    Report(DiagnosticDescriptors.EpochScheduleAdvancedPerBatch, location, shown);
                if (tick.Plateau == true && !metricReported && !Escapes(tick))
                {
                    string where = _type.IsImplicitlyDeclared || _type.Name == "Program" && _type.DeclaringSyntaxReferences.Any(IsTopLevel)
                        ? "this file" : _type.Name;
                    Report(DiagnosticDescriptors.PlateauWithoutMetric, location, shown, where);
                }
            }

            /// <summary>Whether the schedule (or its driver) is handed to code outside this type, which may report
            /// the metric where this type cannot see it.</summary>
            private bool Escapes(ScheduleTick tick)
            {
                object? origin = _flow.Origin(tick.Call.Instance);
                if (origin is null) return false;
                foreach (IInvocationOperation invocation in _flow.Invocations)
                {
                    INamedTypeSymbol callee = invocation.TargetMethod.ContainingType;
                    if (SymbolEqualityComparer.Default.Equals(callee, _type) || IsScheduleDsl(callee.ContainingNamespace)) continue;
                    if (invocation.Arguments.Any(a => TypeFlow.SameOrigin(_flow.Origin(a.Value), origin))) return true;
                }
                return false;
            }

            private static bool IsScheduleDsl(INamespaceSymbol? ns)
            {
                for (; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
                    if (ns.Name == "ScheduleDsl" && ns.ContainingNamespace.IsGlobalNamespace) return true;
                return false;
            }

            private static bool IsTopLevel(SyntaxReference reference) => reference.GetSyntax() is CompilationUnitSyntax;

            private void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
                _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, arguments));

            /// <summary>An optimizer step seen from a scope: where it happens (the call itself or the call to the
            /// helper that makes it) and whether it runs once per iteration of the scope (not in a nested loop).</summary>
            private readonly struct StepCall
            {
                public StepCall(int position, bool direct)
                {
                    Position = position;
                    Direct = direct;
                }

                public int Position { get; }
                public bool Direct { get; }
            }

            /// <summary>The steps of the optimizer <paramref name="optimizer"/> (any optimizer when unknown) made in
            /// <paramref name="scope"/>: directly, in nested loops, or by the type's own methods called there.</summary>
            private IEnumerable<StepCall> StepsIn(IOperation scope, object? optimizer, int depth)
            {
                foreach (IInvocationOperation invocation in _flow.Invocations)
                {
                    int loops = LoopsBetween(invocation, scope);
                    if (loops < 0) continue;
                    int position = Position(invocation, scope);
                    if (_symbols.IsOptimizerStep(invocation.TargetMethod))
                    {
                        if (optimizer is null || TypeFlow.SameOrigin(_flow.Origin(invocation.Instance), optimizer))
                            yield return new StepCall(position, loops == 0);
                        continue;
                    }
                    if (depth >= MaxCallDepth || Body(invocation.TargetMethod) is not IOperation body) continue;
                    // In the callee, the optimizer may be a parameter: follow it through this call's argument.
                    foreach (StepCall inner in StepsIn(body, optimizer is null ? null : new CalleeOptimizer(optimizer), depth + 1, new CallChain(invocation, null)))
                        yield return new StepCall(position, loops == 0 && inner.Direct);
                }
            }

            private IEnumerable<StepCall> StepsIn(IOperation body, CalleeOptimizer? optimizer, int depth, CallChain calls)
            {
                foreach (IInvocationOperation invocation in _flow.Invocations)
                {
                    int loops = LoopsBetween(invocation, body);
                    if (loops < 0) continue;
                    if (_symbols.IsOptimizerStep(invocation.TargetMethod))
                    {
                        if (optimizer is null || optimizer.Matches(_flow, invocation.Instance, calls))
                            yield return new StepCall(0, loops == 0);
                        continue;
                    }
                    if (depth >= MaxCallDepth) continue;
                    // A plain null test, not `is not IOperation inner`: Stryker's rewrite of that pattern breaks definite assignment.
                    IOperation? inner = Body(invocation.TargetMethod);
                    if (inner is null) continue;
                    foreach (StepCall step in StepsIn(inner, optimizer, depth + 1, new CallChain(invocation, calls)))
                        yield return new StepCall(0, loops == 0 && step.Direct);
                }
            }

            /// <summary>The calls that led from the scope into a callee, innermost first.</summary>
            private sealed class CallChain
            {
                public CallChain(IInvocationOperation call, CallChain? outer)
                {
                    Call = call;
                    Outer = outer;
                }

                public IInvocationOperation Call { get; }
                public CallChain? Outer { get; }
            }

            /// <summary>The optimizer of the caller, looked for in a callee.</summary>
            private sealed class CalleeOptimizer
            {
                private readonly object _origin;

                public CalleeOptimizer(object origin) => _origin = origin;

                /// <summary>Whether <paramref name="instance"/> is the caller's optimizer. A parameter of a helper called from
                /// several places has no single origin: it stands for the argument of the call into that helper on the way
                /// down, followed back call by call (an Update helper called by an Epoch helper called once per network).</summary>
                public bool Matches(TypeFlow flow, IOperation? instance, CallChain calls)
                {
                    object? origin = flow.Origin(instance);
                    for (CallChain? link = calls; !TypeFlow.SameOrigin(origin, _origin); link = link.Outer)
                    {
                        IParameterSymbol? parameter = origin as IParameterSymbol;
                        while (link is not null && !Calls(link.Call, parameter)) link = link.Outer;
                        if (link is null) return false;
                        IArgumentOperation? argument = link.Call.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, parameter!.OriginalDefinition));
                        if (argument is null) return false;
                        origin = flow.Origin(argument.Value);
                    }
                    return true;
                }

                // Whether `call` calls the method `parameter` belongs to.
                private static bool Calls(IInvocationOperation call, IParameterSymbol? parameter) =>
                    parameter is not null && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, call.TargetMethod.OriginalDefinition);
            }

            /// <summary>The body of a method or local function of this type (the root of its operations), or null.</summary>
            private IOperation? Body(IMethodSymbol method)
            {
                if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, _type)) return null;
                if (_bodies is null)
                {
                    // Bodies without any invocation step nothing, so the invocations find every body that matters.
                    _bodies = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
                    foreach (IInvocationOperation invocation in _flow.Invocations)
                    {
                        (IOperation boundary, ISymbol? function) = Function(invocation);
                        if (function is not null && !_bodies.ContainsKey(function.OriginalDefinition)) _bodies[function.OriginalDefinition] = boundary;
                    }
                }
                return _bodies.TryGetValue(method.OriginalDefinition, out IOperation? body) ? body : null;
            }

            private Dictionary<ISymbol, IOperation>? _bodies;

            /// <summary>The function an operation runs in: the local function or lambda around it (its operation), or
            /// the member body (its root operation); the symbol is null for a lambda, which is called by no name.</summary>
            private (IOperation Boundary, ISymbol? Function) Function(IOperation operation)
            {
                IOperation current = operation;
                while (current.Parent is { } parent)
                {
                    if (parent is ILocalFunctionOperation local) return (local, local.Symbol);
                    if (parent is IAnonymousFunctionOperation lambda) return (lambda, null);
                    current = parent;
                }
                return (current, _flow.Owner(current));
            }

            /// <summary>The innermost loop around the operation in its function, or the function itself.</summary>
            private static IOperation Scope(IOperation operation)
            {
                IOperation current = operation;
                while (current.Parent is { } parent)
                {
                    if (parent is ILoopOperation or ILocalFunctionOperation or IAnonymousFunctionOperation) return parent;
                    current = parent;
                }
                return current;
            }

            /// <summary>How many loops lie between <paramref name="operation"/> and <paramref name="scope"/> (0: it runs
            /// once per pass of the scope), or -1 when it is not inside the scope's function code.</summary>
            private static int LoopsBetween(IOperation operation, IOperation scope)
            {
                int loops = 0;
                for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (current == scope) return loops;
                    if (current is ILocalFunctionOperation or IAnonymousFunctionOperation) return -1;
                    if (current is ILoopOperation) loops++;
                }
                return scope.Parent is null && RootOf(operation) == scope ? loops : -1;
            }

            private static IOperation RootOf(IOperation operation)
            {
                while (operation.Parent is { } parent) operation = parent;
                return operation;
            }

            /// <summary>Source position, except that a for loop's incrementors run after its body.</summary>
            private static int Position(IOperation operation, IOperation scope)
            {
                if (scope is IForLoopOperation loop && loop.AtLoopBottom.Any(b => b.Syntax.Span.Contains(operation.Syntax.Span)))
                    return int.MaxValue;
                return operation.Syntax.SpanStart;
            }

            /// <summary>Loops around the operation, counting through the type's call sites of its function
            /// (a TrainOneEpoch helper called in the epoch loop runs its batch loop at depth 2).</summary>
            private int LoopDepth(IOperation operation, int depth)
            {
                int loops = 0;
                IOperation current = operation;
                while (current.Parent is { } parent)
                {
                    if (parent is ILoopOperation) loops++;
                    if (parent is ILocalFunctionOperation or IAnonymousFunctionOperation) break;
                    current = parent;
                }
                if (depth >= MaxCallDepth || Function(operation).Function is not IMethodSymbol function) return loops;
                int outer = 0;
                foreach (IInvocationOperation call in _flow.CallSites(function))
                    outer = System.Math.Max(outer, LoopDepth(call, depth + 1));
                return loops + outer;
            }
        }
    }
}
