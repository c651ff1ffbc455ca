using System;
using TorchSharp.Modules;
using IBetas = TorchSharp.torch.optim.IBetas;
using ILearningRateController = TorchSharp.torch.optim.ILearningRateController;
using IMomentum = TorchSharp.torch.optim.IMomentum;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>A parameter group's weight decay and momentum, the options the driver writes besides the rate.
    /// TorchSharp has no interface for <c>weight_decay</c> (each optimizer's <c>Options</c> declares its own field), so the
    /// field is found once per group, by the options' type; reading and writing it afterwards allocates nothing.
    /// Momentum is SGD's and RMSProp's <c>momentum</c> (<see cref="IMomentum"/>) or the Adam family's beta1 (<see cref="IBetas"/>).</summary>
    internal sealed class GroupOptions
    {
        private readonly ParamGroup? _group;
        private readonly Func<OptimizerOptions, double?>? _getWeightDecay;
        private readonly Action<OptimizerOptions, double>? _setWeightDecay;
        private readonly IMomentum? _momentum;
        private readonly IBetas? _betas;

        public GroupOptions(ILearningRateController group)
        {
            _group = group as ParamGroup;
            _momentum = group as IMomentum;
            _betas = _momentum is null ? group as IBetas : null;
            (_getWeightDecay, _setWeightDecay) = WeightDecayField(_group?.Options);
        }

        // Every TorchSharp optimizer with a weight_decay option (Rprop and LBFGS have none).
        private static (Func<OptimizerOptions, double?>?, Action<OptimizerOptions, double>?) WeightDecayField(OptimizerOptions? options) => options switch
        {
            SGD.Options => Field((SGD.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            Adam.Options => Field((Adam.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            AdamW.Options => Field((AdamW.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            RMSProp.Options => Field((RMSProp.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            Adagrad.Options => Field((Adagrad.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            Adadelta.Options => Field((Adadelta.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            Adamax.Options => Field((Adamax.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            NAdam.Options => Field((NAdam.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            RAdam.Options => Field((RAdam.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            ASGD.Options => Field((ASGD.Options o) => o.weight_decay, (o, v) => o.weight_decay = v),
            _ => (null, null),
        };

        private static (Func<OptimizerOptions, double?>, Action<OptimizerOptions, double>) Field<TOptions>(
            Func<TOptions, double?> get, Action<TOptions, double> set) where TOptions : OptimizerOptions =>
            (o => get((TOptions)o), (o, v) => set((TOptions)o, v));

        /// <summary>Whether the group's optimizer has a <c>weight_decay</c> option.</summary>
        public bool HasWeightDecay => _setWeightDecay is not null;

        /// <summary>The group's weight decay (0 when unset); only when <see cref="HasWeightDecay"/>.</summary>
        public double WeightDecay
        {
            get => _getWeightDecay!(_group!.Options) ?? 0.0;
            set => _setWeightDecay!(_group!.Options, value);
        }

        /// <summary>Whether the group has momentum (SGD, RMSProp) or betas (Adam family).</summary>
        public bool HasMomentum => _momentum is not null || _betas is not null;

        /// <summary>Momentum or beta1 (beta2 is kept); only when <see cref="HasMomentum"/>.</summary>
        public double Momentum
        {
            get => _momentum is not null ? _momentum.Momentum : _betas!.Betas.Item1;
            set
            {
                if (_momentum is not null) _momentum.Momentum = value;
                else _betas!.Betas = (value, _betas.Betas.Item2);
            }
        }

        /// <summary>The options of every group of <paramref name="groups"/>.</summary>
        public static GroupOptions[] Of(ILearningRateController[] groups) => Array.ConvertAll(groups, g => new GroupOptions(g));
    }
}
