using Microsoft.CodeAnalysis;

namespace ScheduleDsl.Analyzers.Usage
{
    /// <summary>The types the training-loop rules look for, resolved once per compilation.</summary>
    internal sealed class TrainingLoopSymbols
    {
        private TrainingLoopSymbols(INamedTypeSymbol schedule, INamedTypeSymbol? plateau, INamedTypeSymbol? optimizer,
            INamedTypeSymbol? epochs, INamedTypeSymbol? steps)
        {
            Schedule = schedule;
            Plateau = plateau;
            Optimizer = optimizer;
            Epochs = epochs;
            Steps = steps;
        }

        /// <summary><c>ScheduleDsl.Composition.ILearningRateSchedule</c>.</summary>
        public INamedTypeSymbol Schedule { get; }

        /// <summary><c>ScheduleDsl.Composition.IPlateauSchedule</c>.</summary>
        public INamedTypeSymbol? Plateau { get; }

        /// <summary>TorchSharp's <c>torch.optim.Optimizer</c>, when TorchSharp is referenced.</summary>
        public INamedTypeSymbol? Optimizer { get; }

        /// <summary><c>ScheduleDsl.EpochsAttribute</c>.</summary>
        public INamedTypeSymbol? Epochs { get; }

        /// <summary><c>ScheduleDsl.StepsAttribute</c>.</summary>
        public INamedTypeSymbol? Steps { get; }

        /// <summary>Null when the compilation does not reference ScheduleDsl (nothing to check).</summary>
        public static TrainingLoopSymbols? Create(Compilation compilation)
        {
            INamedTypeSymbol? schedule = compilation.GetTypeByMetadataName("ScheduleDsl.Composition.ILearningRateSchedule");
            if (schedule is null) return null;
            return new TrainingLoopSymbols(schedule,
                compilation.GetTypeByMetadataName("ScheduleDsl.Composition.IPlateauSchedule"),
                compilation.GetTypeByMetadataName("TorchSharp.torch+optim+Optimizer"),
                compilation.GetTypeByMetadataName("ScheduleDsl.EpochsAttribute"),
                compilation.GetTypeByMetadataName("ScheduleDsl.StepsAttribute"));
        }

        public bool IsSchedule(ITypeSymbol? type) => Implements(type, Schedule);

        public bool IsPlateauSchedule(ITypeSymbol? type) => Plateau is not null && Implements(type, Plateau);

        /// <summary>TorchSharp's <c>Optimizer.step</c> or an override of it.</summary>
        public bool IsOptimizerStep(IMethodSymbol method)
        {
            if (Optimizer is null || method.Name != "step") return false;
            for (INamedTypeSymbol? t = method.ContainingType; t is not null; t = t.BaseType)
                if (SymbolEqualityComparer.Default.Equals(t, Optimizer)) return true;
            return false;
        }

        /// <summary>The unit declared by [Epochs]/[Steps] on the schedule type or a type containing it (a schedule
        /// generated as a nested type of the training class); null when not declared.</summary>
        public TimeUnit? DeclaredUnit(ITypeSymbol? type)
        {
            for (ITypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                foreach (AttributeData attribute in t.GetAttributes())
                {
                    if (Epochs is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, Epochs)) return TimeUnit.Epochs;
                    if (Steps is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, Steps)) return TimeUnit.Steps;
                }
            }
            return null;
        }

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol @interface)
        {
            if (type is null) return false;
            if (SymbolEqualityComparer.Default.Equals(type, @interface)) return true;
            foreach (INamedTypeSymbol i in type.AllInterfaces)
                if (SymbolEqualityComparer.Default.Equals(i, @interface)) return true;
            return false;
        }
    }
}
