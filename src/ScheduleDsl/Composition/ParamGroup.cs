using System.Collections.Generic;

namespace ScheduleDsl.Composition
{
    /// <summary>One parameter group's own values, where PyTorch takes a list with one entry per group
    /// (<c>CyclicLR(base_lr=[...], max_lr=[...])</c>, <c>OneCycleLR(max_lr=[...])</c>, <c>ReduceLROnPlateau(min_lr=[...])</c>,
    /// <c>LambdaLR(lr_lambda=[...])</c>). Given to <see cref="Schedule"/> (and the TorchSharp driver) at construction,
    /// one per group, and checked there at once.</summary>
    /// <param name="BaseRate">The group's base rate (its rate at factor 1): PyTorch's <c>initial_lr</c>, or the group's
    /// <c>max_lr</c> for cyclic and one-cycle schedules. Finite, >= 0 (> 0 under absolute minimums).</param>
    public sealed record ParamGroup(double BaseRate)
    {
        /// <summary>This group's <c>Cyclic.BaseLr</c> (PyTorch <c>CyclicLR</c> <c>base_lr[g]</c>), an absolute rate; null: the definition's.
        /// Needs <see cref="MinimumScaling.Absolute"/>.</summary>
        public double? CyclicBaseLr { get; init; }

        /// <summary>This group's <c>ReduceOnPlateau.MinLr</c> (PyTorch <c>ReduceLROnPlateau</c> <c>min_lr[g]</c>), an absolute rate;
        /// null: the definition's. Needs <see cref="MinimumScaling.Absolute"/>.</summary>
        public double? PlateauMinLr { get; init; }

        /// <summary>This group's delegates for the definition's custom factors, by method name (PyTorch's per-group
        /// <c>lr_lambda</c> list); null: the schedule's.</summary>
        public IReadOnlyDictionary<string, RuntimeFactor>? CustomFactors { get; init; }
    }
}
