using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Analyzers.Usage
{
    /// <summary>A call that moves a schedule one tick on: <c>Advance()</c> on a schedule, <c>Step()</c> on a
    /// <c>ScheduleDriver</c>, <c>step()</c> on a <c>ScheduleLRScheduler</c>; and what data flow tells about the
    /// schedule behind it. Null facts are unknown, and rules stay silent on unknowns.</summary>
    internal sealed class ScheduleTick
    {
        private ScheduleTick(IInvocationOperation call) => Call = call;

        public IInvocationOperation Call { get; }

        /// <summary>Origin (see <see cref="TypeFlow.Origin"/>) of the optimizer the schedule drives, when known.</summary>
        public object? Optimizer { get; private set; }

        public TimeUnit? Unit { get; private set; }

        /// <summary>Whether the schedule was created knowing the batches per epoch.</summary>
        public bool? StepsPerEpoch { get; private set; }

        /// <summary>Whether the schedule has plateau reduction (so needs metrics).</summary>
        public bool? Plateau { get; private set; }

        /// <summary>Whether this call also reports a metric (<c>scheduler.step(validationLoss)</c>).</summary>
        public bool ReportsMetric { get; private set; }

        /// <summary>The tick <paramref name="call"/> makes, or null when it advances no schedule.</summary>
        public static ScheduleTick? From(IInvocationOperation call, TypeFlow flow, TrainingLoopSymbols symbols)
        {
            IMethodSymbol method = call.TargetMethod;
            if (method.Name == "Advance" && method.Parameters.IsEmpty && method.ReturnsVoid
                && symbols.IsSchedule(call.Instance?.Type ?? method.ContainingType))
            {
                var tick = new ScheduleTick(call);
                tick.FromScheduleValue(call.Instance, flow, symbols);
                return tick;
            }
            if (method.Name == "Step" && method.Parameters.IsEmpty && symbols.IsDriver(method.ContainingType))
                return Attached(call, flow, symbols, ((INamedTypeSymbol)method.ContainingType).TypeArguments.FirstOrDefault());
            if (method.Name == "step" && symbols.IsLRScheduler(method.ContainingType))
            {
                object? origin = flow.Origin(call.Instance);
                ITypeSymbol? type = origin is IObjectCreationOperation creation ? creation.Type : call.Instance?.Type;
                if (!symbols.IsScheduleScheduler(type)) return null;
                ScheduleTick tick = Attached(call, flow, symbols, ((INamedTypeSymbol)type!).TypeArguments.FirstOrDefault());
                tick.ReportsMetric = method.Parameters.FirstOrDefault()?.Type.SpecialType == SpecialType.System_Double;
                return tick;
            }
            return null;
        }

        /// <summary>A driver or scheduler: the optimizer and schedule it was created with, found by data flow.</summary>
        private static ScheduleTick Attached(IInvocationOperation call, TypeFlow flow, TrainingLoopSymbols symbols, ITypeSymbol? scheduleType)
        {
            var tick = new ScheduleTick(call);
            object? origin = flow.Origin(call.Instance);
            IMethodSymbol? creator = origin switch
            {
                IObjectCreationOperation o when symbols.IsDriver(o.Type) || symbols.IsScheduleScheduler(o.Type) => o.Constructor,
                IInvocationOperation i when TrainingLoopSymbols.Same(i.TargetMethod.ContainingType, symbols.DriverFactory) => i.TargetMethod,
                _ => null,
            };
            if (creator is null)
            {
                tick.FromType(scheduleType, symbols);
                return tick;
            }
            var arguments = origin is IObjectCreationOperation created ? created.Arguments : ((IInvocationOperation)origin!).Arguments;
            tick.Optimizer = flow.Origin(Argument(arguments, "optimizer"));
            if (Argument(arguments, "definition") is { } definition)
            {
                tick.FromDefinition(definition, flow, symbols);
                tick.StepsPerEpoch = Given(arguments, "stepsPerEpoch");
            }
            else
            {
                tick.FromScheduleValue(Argument(arguments, "schedule"), flow, symbols);
            }
            return tick;
        }

        private void FromScheduleValue(IOperation? value, TypeFlow flow, TrainingLoopSymbols symbols)
        {
            switch (flow.Origin(value))
            {
                case IObjectCreationOperation o when symbols.IsRuntimeSchedule(o.Type):
                    FromDefinition(Argument(o.Arguments, "definition"), flow, symbols);
                    StepsPerEpoch = Given(o.Arguments, "stepsPerEpoch");
                    break;
                case IObjectCreationOperation o when symbols.IsSchedule(o.Type):
                    FromType(o.Type, symbols);
                    StepsPerEpoch = o.Constructor?.Parameters.Any(p => p.Name == "stepsPerEpoch") == true
                        ? Given(o.Arguments, "stepsPerEpoch")
                        : false;
                    break;
                case IInvocationOperation i when symbols.IsSchedule(i.TargetMethod.ReturnType):
                    FromType(i.TargetMethod.ReturnType, symbols);
                    if (i.TargetMethod.Parameters.Any(p => p.Name == "stepsPerEpoch")) StepsPerEpoch = Given(i.Arguments, "stepsPerEpoch");
                    // The generated factory: CreateLearningRateSchedule() without its stepsPerEpoch overload.
                    else if (i.TargetMethod.Name == "Create" + i.TargetMethod.ReturnType.Name) StepsPerEpoch = false;
                    break;
                default:
                    FromType(value?.Type, symbols);
                    break;
            }
        }

        /// <summary>Unit and plateau as far as the type tells: a generated schedule implements
        /// <c>IPlateauSchedule</c> only when it declares plateau reduction; the runtime <c>Schedule</c> and the
        /// interfaces always may, so they say nothing.</summary>
        private void FromType(ITypeSymbol? type, TrainingLoopSymbols symbols)
        {
            if (type is null || type.TypeKind == TypeKind.TypeParameter) return;
            Unit = symbols.DeclaredUnit(type);
            bool mayHavePlateau = symbols.IsRuntimeSchedule(type) || (type.TypeKind == TypeKind.Interface && symbols.IsPlateauSchedule(type));
            Plateau = mayHavePlateau ? null : symbols.IsPlateauSchedule(type);
        }

        /// <summary>A definition built in code (<c>ScheduleDefinition.Create(rate, unit, horizon, components...)</c>):
        /// its unit, and whether one of its components is plateau reduction.</summary>
        private void FromDefinition(IOperation? definition, TypeFlow flow, TrainingLoopSymbols symbols)
        {
            object? origin = flow.Origin(definition);
            // A generated schedule's static Definition: the declaring class tells unit and plateau.
            if (origin is IPropertySymbol { IsStatic: true, Name: "Definition" } generated && symbols.IsSchedule(generated.ContainingType))
            {
                FromType(generated.ContainingType, symbols);
                return;
            }
            if (origin is not IInvocationOperation create
                || create.TargetMethod.Name != "Create" || !TrainingLoopSymbols.Same(create.TargetMethod.ContainingType, symbols.Definition))
                return;
            if (Argument(create.Arguments, "unit")?.ConstantValue is { HasValue: true, Value: int unit }) Unit = (TimeUnit)unit;
            if (Argument(create.Arguments, "components") is not IArrayCreationOperation { Initializer: { } components }) return;
            bool allKnown = true;
            foreach (IOperation component in components.ElementValues)
            {
                if (flow.Origin(component) is IObjectCreationOperation created)
                {
                    if (TrainingLoopSymbols.Same(created.Type, symbols.PlateauReduction))
                    {
                        Plateau = true;
                        return;
                    }
                }
                else
                {
                    allKnown = false;
                }
            }
            Plateau = allKnown ? false : null;
        }

        private static IOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string name) =>
            arguments.FirstOrDefault(a => a.Parameter?.Name == name)?.Value is { } value ? TypeFlow.Unwrap(value) : null;

        /// <summary>Whether an optional argument was really passed (not defaulted, not a literal null).</summary>
        private static bool Given(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string name)
        {
            IArgumentOperation? argument = arguments.FirstOrDefault(a => a.Parameter?.Name == name);
            return argument is not null && argument.ArgumentKind != ArgumentKind.DefaultValue
                && !(TypeFlow.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: null });
        }
    }
}
