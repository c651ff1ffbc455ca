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
        private readonly double[] _minLrs;

        public ReduceLROnPlateau(TorchOptimizer optimizer, bool max = false, double factor = 0.1, int patience = 10,
            double threshold = 1e-4, bool rel = true, int cooldown = 0, double[]? minLr = null, double eps = 1e-8)
        {
            if (factor >= 1.0) throw new ArgumentOutOfRangeException(nameof(factor), "Factor should be < 1.0.");
            _optimizer = optimizer;
            (_max, _factor, _patience, _threshold, _rel, _cooldown, _eps) = (max, factor, patience, threshold, rel, cooldown, eps);
            _minLrs = CyclicLR.PerGroup(minLr ?? new[] { 0.0 }, optimizer);
            Best = max ? double.NegativeInfinity : double.PositiveInfinity;
            LastLr = optimizer.Lrs;
        }

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
                for (int i = 0; i < _optimizer.Groups.Count; i++)
                {
                    double old = _optimizer.Groups[i].Lr;
                    double reduced = Math.Max(old * _factor, _minLrs[i]);
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
