using System;

namespace ScheduleDsl
{
    /// <summary>The optimizer families a schedule can declare it drives.</summary>
    public enum OptimizerKind
    {
        /// <summary>Stochastic gradient descent (PyTorch <c>SGD</c>), optionally with <see cref="OptimizerAttribute.Momentum"/>.</summary>
        Sgd,
        /// <summary>Adam (adaptive; usual rate 0.001; beta1 plays the role of momentum).</summary>
        Adam,
        /// <summary>AdamW, Adam with decoupled weight decay (adaptive; usual rate 0.001; beta1 plays the role of momentum).</summary>
        AdamW,
        /// <summary>RMSProp (adaptive; usual rate 0.01 in PyTorch, 0.001 in Keras), optionally with <see cref="OptimizerAttribute.Momentum"/>.</summary>
        RMSProp,
        /// <summary>Adagrad (adaptive; usual rate 0.01; has neither momentum nor beta1).</summary>
        Adagrad,
    }

    /// <summary>Declares the optimizer family the schedule drives, so the analyzers can check the rate
    /// against that family (adaptive optimizers want rates around 0.001, not SGD's 0.1) and the
    /// TorchSharp adapter can create a matching optimizer. Optional: without it nothing is assumed.</summary>
    /// <example><code>
    /// [LearningRate(0.1), Steps(10_000)]
    /// [OneCycle]
    /// [Optimizer(OptimizerKind.Sgd, Momentum = 0.9, CycleMomentum = true)]
    /// public partial class CifarSchedule { }
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class OptimizerAttribute : Attribute
    {
        /// <param name="kind">The optimizer family.</param>
        public OptimizerAttribute(OptimizerKind kind) => Kind = kind;

        /// <summary>The optimizer family.</summary>
        public OptimizerKind Kind { get; }

        /// <summary>Momentum of <see cref="OptimizerKind.Sgd"/> and <see cref="OptimizerKind.RMSProp"/>
        /// (PyTorch <c>momentum</c>, default 0: none). Ignored by the Adam family, whose beta1 plays that role.</summary>
        public double Momentum { get; set; }

        /// <summary>Cycle momentum (SGD/RMSProp momentum, Adam-family beta1) inversely to the rate with
        /// one-cycle and cyclic schedules, as PyTorch's <c>cycle_momentum</c>. Needs an optimizer that has
        /// momentum or beta1: not Adagrad, not SGD or RMSProp with <see cref="Momentum"/> 0.</summary>
        public bool CycleMomentum { get; set; }
    }
}
