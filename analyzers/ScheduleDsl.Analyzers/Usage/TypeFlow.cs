using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ScheduleDsl.Analyzers.Usage
{
    /// <summary>Where values come from inside one type: every assignment to a local, field or property, every
    /// call between the type's own methods (and local functions). Collected from the operations of all the
    /// type's members (<see cref="Add"/>, thread-safe), then queried once the type is complete.
    /// <para><see cref="Origin"/> follows an expression back through locals, fields, properties and the
    /// arguments of the type's own call sites to the value it was created from: two expressions with the same
    /// origin hold the same object (the optimizer a driver was attached to and the one stepped, say).</para></summary>
    internal sealed class TypeFlow
    {
        private readonly object _gate = new();
        private readonly Dictionary<ISymbol, List<IOperation>> _values = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, List<IInvocationOperation>> _callSites = new(SymbolEqualityComparer.Default);
        private readonly List<IInvocationOperation> _invocations = new();
        private readonly Dictionary<IOperation, ISymbol> _owners = new();
        private readonly Dictionary<ISymbol, object> _resolved = new(SymbolEqualityComparer.Default);

        /// <summary>Every invocation in the type, in no particular order.</summary>
        public IReadOnlyList<IInvocationOperation> Invocations => _invocations;

        public void Add(IOperation operation, ISymbol owner)
        {
            lock (_gate)
            {
                IOperation root = operation;
                while (root.Parent is { } parent) root = parent;
                _owners[root] = owner;
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } init } declarator:
                        AddValue(declarator.Symbol, init.Value);
                        break;
                    case ISimpleAssignmentOperation assignment when Referenced(assignment.Target) is { } target:
                        AddValue(target, assignment.Value);
                        break;
                    case IFieldInitializerOperation field:
                        foreach (IFieldSymbol f in field.InitializedFields) AddValue(f, field.Value);
                        break;
                    case IPropertyInitializerOperation property:
                        foreach (IPropertySymbol p in property.InitializedProperties) AddValue(p, property.Value);
                        break;
                    case IInvocationOperation invocation:
                        _invocations.Add(invocation);
                        IMethodSymbol callee = invocation.TargetMethod.OriginalDefinition;
                        if (!_callSites.TryGetValue(callee, out List<IInvocationOperation>? calls))
                            _callSites[callee] = calls = new List<IInvocationOperation>();
                        calls.Add(invocation);
                        break;
                }
            }
        }

        private void AddValue(ISymbol symbol, IOperation value)
        {
            if (!_values.TryGetValue(symbol, out List<IOperation>? values)) _values[symbol] = values = new List<IOperation>();
            values.Add(value);
        }

        /// <summary>The member whose body (or initializer) has <paramref name="root"/> as its root operation.</summary>
        public ISymbol? Owner(IOperation root)
        {
            lock (_gate) return _owners.TryGetValue(root, out ISymbol? owner) ? owner : null;
        }

        /// <summary>The calls to <paramref name="method"/> made inside the type.</summary>
        public IReadOnlyList<IInvocationOperation> CallSites(IMethodSymbol method) =>
            _callSites.TryGetValue(method.OriginalDefinition, out List<IInvocationOperation>? calls) ? calls : System.Array.Empty<IInvocationOperation>();

        /// <summary>The local, parameter, field or (auto-)property an expression reads, if it reads one.</summary>
        public static ISymbol? Referenced(IOperation operation) => Unwrap(operation) switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            IFieldReferenceOperation f when IsOwnInstance(f.Instance) => f.Field,
            IPropertyReferenceOperation p when p.Arguments.IsEmpty && IsOwnInstance(p.Instance) => p.Property,
            _ => null,
        };

        private static bool IsOwnInstance(IOperation? instance) => instance is null or IInstanceReferenceOperation;

        public static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation c: operation = c.Operand; break;
                    case IParenthesizedOperation p: operation = p.Operand; break;
                    case IAwaitOperation a: operation = a.Operation; break;
                    default: return operation;
                }
            }
        }

        /// <summary>The value <paramref name="expression"/> was created from (an object creation, a factory call)
        /// when every path agrees on one, else the last symbol reached (a parameter nobody in the type passes, a
        /// field assigned twice), which still identifies the object. Null for an expression that is neither.
        /// Asked once the type is complete; each symbol is resolved once (a cycle resolves to the symbol itself).</summary>
        public object? Origin(IOperation? expression)
        {
            if (expression is null) return null;
            IOperation value = Unwrap(expression);
            ISymbol? symbol = Referenced(value);
            return symbol is null ? value : OriginOf(symbol);
        }

        private object OriginOf(ISymbol symbol)
        {
            lock (_gate)
            {
                if (_resolved.TryGetValue(symbol, out object? known)) return known;
                _resolved[symbol] = symbol; // while resolving: a cycle ends here
            }
            object origin = Resolve(symbol);
            lock (_gate) _resolved[symbol] = origin;
            return origin;
        }

        private object Resolve(ISymbol symbol)
        {
            List<IOperation> sources;
            lock (_gate)
                sources = _values.TryGetValue(symbol, out List<IOperation>? v) ? v.ToList() : new List<IOperation>();
            if (symbol is IParameterSymbol parameter && parameter.ContainingSymbol is IMethodSymbol method)
            {
                foreach (IInvocationOperation call in CallSites(method))
                {
                    IArgumentOperation? argument = call.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, parameter.OriginalDefinition));
                    if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue) return symbol;
                    sources.Add(argument.Value);
                }
            }
            if (sources.Count == 0) return symbol;

            object? first = null;
            foreach (IOperation source in sources)
            {
                object? origin = Origin(source);
                if (origin is null || (first is not null && !SameOrigin(first, origin))) return symbol;
                first ??= origin;
            }
            return first!;
        }

        public static bool SameOrigin(object? a, object? b) => (a, b) switch
        {
            (null, _) or (_, null) => false,
            (ISymbol x, ISymbol y) => SymbolEqualityComparer.Default.Equals(x, y),
            _ => ReferenceEquals(a, b),
        };
    }
}
