using Microsoft.CodeAnalysis;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Analyzers.Usage
{
    /// <summary>The types the training-loop rules look for, resolved once per compilation.</summary>
    internal sealed class TrainingLoopSymbols
    {
        private TrainingLoopSymbols(Compilation compilation, INamedTypeSymbol schedule)
        {
            Schedule = schedule;
            Plateau = compilation.GetTypeByMetadataName("ScheduleDsl.Composition.IPlateauSchedule");
            RuntimeSchedule = compilation.GetTypeByMetadataName("ScheduleDsl.Composition.Schedule");
            Definition = compilation.GetTypeByMetadataName("ScheduleDsl.Definition.ScheduleDefinition");
            PlateauReduction = compilation.GetTypeByMetadataName("ScheduleDsl.Definition.PlateauReduction");
            Optimizer = compilation.GetTypeByMetadataName("TorchSharp.torch+optim+Optimizer");
            LRScheduler = compilation.GetTypeByMetadataName("TorchSharp.torch+optim+lr_scheduler+LRScheduler");
            Driver = compilation.GetTypeByMetadataName("ScheduleDsl.TorchSharp.ScheduleDriver`1");
            DriverFactory = compilation.GetTypeByMetadataName("ScheduleDsl.TorchSharp.ScheduleDriver");
            ScheduleScheduler = compilation.GetTypeByMetadataName("ScheduleDsl.TorchSharp.ScheduleLRScheduler`1");
            Epochs = compilation.GetTypeByMetadataName("ScheduleDsl.EpochsAttribute");
            Steps = compilation.GetTypeByMetadataName("ScheduleDsl.StepsAttribute");
        }

        /// <summary><c>ScheduleDsl.Composition.ILearningRateSchedule</c>.</summary>
        public INamedTypeSymbol Schedule { get; }

        /// <summary><c>ScheduleDsl.Composition.IPlateauSchedule</c>.</summary>
        public INamedTypeSymbol? Plateau { get; }

        /// <summary>The runtime <c>ScheduleDsl.Composition.Schedule</c>: a plateau schedule by type whatever its definition.</summary>
        public INamedTypeSymbol? RuntimeSchedule { get; }

        /// <summary><c>ScheduleDsl.Definition.ScheduleDefinition</c>.</summary>
        public INamedTypeSymbol? Definition { get; }

        /// <summary><c>ScheduleDsl.Definition.PlateauReduction</c>, the component that needs metrics.</summary>
        public INamedTypeSymbol? PlateauReduction { get; }

        /// <summary>TorchSharp's <c>torch.optim.Optimizer</c>, when TorchSharp is referenced.</summary>
        public INamedTypeSymbol? Optimizer { get; }

        /// <summary>TorchSharp's <c>LRScheduler</c> base class.</summary>
        public INamedTypeSymbol? LRScheduler { get; }

        /// <summary><c>ScheduleDsl.TorchSharp.ScheduleDriver&lt;T&gt;</c>.</summary>
        public INamedTypeSymbol? Driver { get; }

        /// <summary>The static <c>ScheduleDsl.TorchSharp.ScheduleDriver</c> (its <c>Attach</c> factories).</summary>
        public INamedTypeSymbol? DriverFactory { get; }

        /// <summary><c>ScheduleDsl.TorchSharp.ScheduleLRScheduler&lt;T&gt;</c>.</summary>
        public INamedTypeSymbol? ScheduleScheduler { get; }

        /// <summary><c>ScheduleDsl.EpochsAttribute</c>.</summary>
        public INamedTypeSymbol? Epochs { get; }

        /// <summary><c>ScheduleDsl.StepsAttribute</c>.</summary>
        public INamedTypeSymbol? Steps { get; }

        /// <summary>Null when the compilation does not reference ScheduleDsl (nothing to check).</summary>
        public static TrainingLoopSymbols? Create(Compilation compilation)
        {
            INamedTypeSymbol? schedule = compilation.GetTypeByMetadataName("ScheduleDsl.Composition.ILearningRateSchedule");
            return schedule is null ? null : new TrainingLoopSymbols(compilation, schedule);
        }

        public bool IsSchedule(ITypeSymbol? type) => Implements(type, Schedule);

        public bool IsPlateauSchedule(ITypeSymbol? type) => Plateau is not null && Implements(type, Plateau);

        public bool IsRuntimeSchedule(ITypeSymbol? type) => Same(type, RuntimeSchedule);

        /// <summary>A driver, a <c>ScheduleLRScheduler</c>, or anything else that takes an optimizer and a schedule.</summary>
        public bool IsDriver(ITypeSymbol? type) => Same(type?.OriginalDefinition, Driver);

        public bool IsScheduleScheduler(ITypeSymbol? type) => Same(type?.OriginalDefinition, ScheduleScheduler);

        public bool IsLRScheduler(ITypeSymbol? type) => DerivesFrom(type, LRScheduler);

        /// <summary>TorchSharp's <c>Optimizer.step</c> or an override of it.</summary>
        public bool IsOptimizerStep(IMethodSymbol method) =>
            method.Name == "step" && DerivesFrom(method.ContainingType, Optimizer);

        /// <summary>The unit declared by [Epochs]/[Steps] on the schedule type or a type containing it (a schedule
        /// generated as a nested type of the training class); null when not declared.</summary>
        public TimeUnit? DeclaredUnit(ITypeSymbol? type)
        {
            for (ITypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                foreach (AttributeData attribute in t.GetAttributes())
                {
                    if (Same(attribute.AttributeClass, Epochs)) return TimeUnit.Epochs;
                    if (Same(attribute.AttributeClass, Steps)) return TimeUnit.Steps;
                }
            }
            return null;
        }

        public static bool Same(ITypeSymbol? a, ITypeSymbol? b) => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a, b);

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null) return false;
            for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
                if (Same(t, baseType)) return true;
            return false;
        }

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol @interface)
        {
            if (type is null) return false;
            if (Same(type, @interface)) return true;
            foreach (INamedTypeSymbol i in type.AllInterfaces)
                if (Same(i, @interface)) return true;
            return false;
        }
    }
}
