using System;
using System.Linq;

namespace ScheduleDsl.Tests.PyTorch.Reference
{
    /// <summary><c>ReduceLROnPlateau</c>: no initial step; <c>step(metric)</c> multiplies each group's current rate by
    /// <c>factor</c>, floored at that group's absolute <c>min_lr</c>, skipped when it would move by eps or less.</summary>
    internal sealed class ReduceLROnPlateau
    {
        private readonly TorchOptimizer _optimizer;
        private readonly bool _max, _rel;
        private readonly double _factor, _threshold, _eps;
        private readonly int _patience, _cooldown;
        private readonly double? _defaultMinLr;

        public ReduceLROnPlateau(TorchOptimizer optimizer, bool max = false, double factor = 0.1, int patience = 10,
            double threshold = 1e-4, bool rel = true, int cooldown = 0, double minLr = 0.0, double[]? minLrs = null, double eps = 1e-8)
        {
            if (factor >= 1.0) throw new ArgumentOutOfRangeException(nameof(factor), "Factor should be < 1.0.");
            _optimizer = optimizer;
            (_max, _factor, _patience, _threshold, _rel, _cooldown, _eps) = (max, factor, patience, threshold, rel, cooldown, eps);
            // A scalar min_lr is remembered (and re-applied to added groups); a list is per group and fixed.
            _defaultMinLr = minLrs is null ? minLr : null;
            MinLrs = minLrs is null ? Enumerable.Repeat(minLr, optimizer.Groups.Count).ToList() : CyclicLR.PerGroup(minLrs, optimizer).ToList();
            Best = max ? double.NegativeInfinity : double.PositiveInfinity;
            LastLr = optimizer.Lrs;
        }

        /// <summary><c>min_lrs</c>; public as in PyTorch (a test appends to it after adding a param group).</summary>
        public System.Collections.Generic.List<double> MinLrs { get; private set; }

        public double Best { get; private set; }
        public int NumBadEpochs { get; private set; }
        public int CooldownCounter { get; private set; }
        public long LastEpoch { get; private set; }
        public double[] LastLr { get; private set; }

        public void Step(double metric)
        {
            LastEpoch++;
            if (IsBetter(metric))
            {
                Best = metric;
                NumBadEpochs = 0;
            }
            else
            {
                NumBadEpochs++;
            }
            if (CooldownCounter > 0)
            {
                CooldownCounter--;
                NumBadEpochs = 0;
            }
            if (NumBadEpochs > _patience)
            {
                if (_optimizer.Groups.Count != MinLrs.Count)
                {
                    if (_defaultMinLr is not double d)
                        throw new InvalidOperationException($"RuntimeError: The number of param groups in the `optimizer` ({_optimizer.Groups.Count}) differs from when `ReduceLROnPlateau` was initialized ({MinLrs.Count})");
                    MinLrs = Enumerable.Repeat(d, _optimizer.Groups.Count).ToList();
                }
                for (int i = 0; i < _optimizer.Groups.Count; i++)
                {
                    double old = _optimizer.Groups[i].Lr;
                    double reduced = Math.Max(old * _factor, MinLrs[i]);
                    if (old - reduced > _eps) _optimizer.Groups[i].Lr = reduced;
                }
                CooldownCounter = _cooldown;
                NumBadEpochs = 0;
            }
            LastLr = _optimizer.Lrs.ToArray();
        }

        private bool IsBetter(double a) => (_max, _rel) switch
        {
            (false, true) => a < Best * (1.0 - _threshold),
            (false, false) => a < Best - _threshold,
            (true, true) => a > Best * (_threshold + 1.0),
            _ => a > Best + _threshold,
        };
    }
}
