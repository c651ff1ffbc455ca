using System.Collections.Generic;
using System.Linq;

// An independent model of torch.optim.lr_scheduler (PyTorch main, read from torch/optim/lr_scheduler.py),
// written for tests only. Schedulers mutate the optimizer's param groups in place, as PyTorch's do, so that
// the chainable (recursive) forms, the construction-time initial steps and the ordering quirks of
// SequentialLR / ChainedScheduler reproduce exactly. Nothing here calls ScheduleDsl.
namespace ScheduleDsl.Tests.PyTorch.Reference
{
    /// <summary>One entry of <c>optimizer.param_groups</c>: the keys the schedulers read and write.</summary>
    internal sealed class ParamGroup
    {
        public ParamGroup(double lr) => Lr = lr;

        public double Lr { get; set; }
        /// <summary><c>group["initial_lr"]</c>; null while absent (set with setdefault by the first scheduler).</summary>
        public double? InitialLr { get; set; }
        /// <summary><c>group["momentum"]</c> (SGD); null when the optimizer has none.</summary>
        public double? Momentum { get; set; }
        /// <summary><c>group["betas"][0]</c> (Adam/AdamW); null when the optimizer has none.</summary>
        public double? Beta1 { get; set; }
        // Keys CyclicLR / OneCycleLR add to the group.
        public double MaxLr { get; set; }
        public double MinLr { get; set; }
        public double MaxMomentum { get; set; }
        public double BaseMomentum { get; set; }
    }

    /// <summary>What the schedulers see of an optimizer: its param groups and whether it has momentum or betas.</summary>
    internal sealed class TorchOptimizer
    {
        private TorchOptimizer(bool usesBetas, IEnumerable<ParamGroup> groups)
        {
            UsesBetas = usesBetas;
            Groups = groups.ToList();
        }

        public List<ParamGroup> Groups { get; }

        /// <summary>True for Adam-like optimizers (<c>"betas" in optimizer.defaults</c>).</summary>
        public bool UsesBetas { get; }

        /// <summary>SGD with one group per rate; <c>momentum</c> defaults to 0 as in SGD.</summary>
        public static TorchOptimizer Sgd(params double[] lrs) =>
            new(false, lrs.Select(lr => new ParamGroup(lr) { Momentum = 0.0 }));

        /// <summary>Adam / AdamW with one group per rate; betas default to (0.9, 0.999).</summary>
        public static TorchOptimizer Adam(params double[] lrs) =>
            new(true, lrs.Select(lr => new ParamGroup(lr) { Beta1 = 0.9 }));

        /// <summary>Rprop: neither momentum nor betas.</summary>
        public static TorchOptimizer Rprop(params double[] lrs) => new(false, lrs.Select(lr => new ParamGroup(lr)));

        public double[] Lrs => Groups.Select(g => g.Lr).ToArray();

        /// <summary><c>optimizer.add_param_group</c> (momentum/betas from the defaults).</summary>
        public void AddParamGroup(double lr) =>
            Groups.Add(new ParamGroup(lr) { Momentum = UsesBetas || Groups[0].Momentum is null ? null : 0.0, Beta1 = UsesBetas ? 0.9 : null });

        /// <summary>A deep copy (the state an <c>optimizer.load_state_dict</c> would restore).</summary>
        public TorchOptimizer Clone() => new(UsesBetas, Groups.Select(g => new ParamGroup(g.Lr)
        {
            InitialLr = g.InitialLr, Momentum = g.Momentum, Beta1 = g.Beta1, MaxLr = g.MaxLr, MinLr = g.MinLr,
            MaxMomentum = g.MaxMomentum, BaseMomentum = g.BaseMomentum,
        }));
    }

    /// <summary>Python's numeric operators where they differ from C#'s.</summary>
    internal static class Py
    {
        /// <summary>Python <c>a % b</c> (result has the sign of b).</summary>
        public static double Mod(double a, double b)
        {
            double r = a % b;
            return r != 0 && (r < 0) != (b < 0) ? r + b : r;
        }

        /// <summary>Python <c>a % b</c> on ints.</summary>
        public static long Mod(long a, long b)
        {
            long r = a % b;
            return r != 0 && (r < 0) != (b < 0) ? r + b : r;
        }

        /// <summary>Python <c>a // b</c> on ints.</summary>
        public static long FloorDiv(long a, long b) => (a - Mod(a, b)) / b;

        /// <summary>Python <c>math.log(x, base)</c>: <c>log(x) / log(base)</c>, so it rounds down at some exact powers.</summary>
        public static double Log(double x, double newBase) => System.Math.Log(x) / System.Math.Log(newBase);
    }
}
