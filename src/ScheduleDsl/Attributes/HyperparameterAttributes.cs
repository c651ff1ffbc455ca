using System;

// The markers of schedules of other hyperparameters than the learning rate. Each replaces [LearningRate] on a
// schedule class and takes the same time attributes and components; its value is the base the factors scale.
// A class carries one marker: several schedules of one training class are nested partial classes, one per
// hyperparameter (docs/hyperparameters.md).
namespace ScheduleDsl
{
    /// <summary>Schedule of the weight decay (<c>weight_decay</c>): the declared value is the base the components scale,
    /// e.g. <c>[WeightDecay(0.04), Epochs(100)] [Cosine(EndValue = 0.4)]</c> (DINO). Marks the class for generation, as
    /// <see cref="LearningRateAttribute"/> does; the value stays at 0 or more along the whole curve.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class WeightDecayAttribute : Attribute
    {
        /// <param name="value">Base weight decay, finite and greater than 0.</param>
        public WeightDecayAttribute(double value) => Value = value;

        /// <summary>Base weight decay.</summary>
        public double Value { get; }
    }

    /// <summary>Schedule of the optimizer's momentum (SGD/RMSProp <c>momentum</c>, Adam's beta1): the value stays within
    /// [0, 1] along the whole curve.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class MomentumAttribute : Attribute
    {
        /// <param name="value">Base momentum, greater than 0 and at most 1.</param>
        public MomentumAttribute(double value) => Value = value;

        /// <summary>Base momentum.</summary>
        public double Value { get; }
    }

    /// <summary>Schedule of the decay of an exponential moving average (a teacher's EMA momentum, BYOL's target decay),
    /// e.g. <c>[EmaDecay(0.996), Epochs(100)] [Cosine(EndValue = 1.0)]</c> (DINO): the value stays within [0, 1].</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class EmaDecayAttribute : Attribute
    {
        /// <param name="value">Base decay, greater than 0 and at most 1.</param>
        public EmaDecayAttribute(double value) => Value = value;

        /// <summary>Base decay.</summary>
        public double Value { get; }
    }

    /// <summary>Schedule of a softmax or distillation temperature: the value stays above 0 along the whole curve (a cosine
    /// to 0 needs an <c>EndValue</c> above 0 or a <see cref="FloorAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class TemperatureAttribute : Attribute
    {
        /// <param name="value">Base temperature, finite and greater than 0.</param>
        public TemperatureAttribute(double value) => Value = value;

        /// <summary>Base temperature.</summary>
        public double Value { get; }
    }

    /// <summary>Schedule of any other scalar (a loss weight, a dropout or teacher-forcing ratio), named for logs and
    /// checkpoints: <c>[Hyperparameter("loss_weight", 1.0)]</c>.</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class HyperparameterAttribute : Attribute
    {
        /// <param name="name">Name: letters, digits, <c>_</c>, <c>.</c>, <c>-</c> or <c>/</c> (e.g. <c>loss_weight</c>), not one
        /// of the names of the other markers (<c>lr</c>, <c>weight_decay</c>, <c>momentum</c>, <c>ema_decay</c>, <c>temperature</c>).</param>
        /// <param name="value">Base value, finite and greater than 0.</param>
        public HyperparameterAttribute(string name, double value)
        {
            Name = name;
            Value = value;
        }

        /// <summary>The name.</summary>
        public string Name { get; }

        /// <summary>Base value.</summary>
        public double Value { get; }
    }
}
