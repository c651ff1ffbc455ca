using System;
using System.Collections.Generic;
using System.Linq;

namespace ScheduleDsl.Tests.PyTorch.Reference
{
    /// <summary><c>torch.optim.lr_scheduler.LRScheduler</c>: construction performs the initial step, <c>step()</c>
    /// applies the chainable <c>get_lr</c>, <c>step(epoch)</c> the closed form where the class has one.</summary>
    internal abstract class LrScheduler
    {
        protected LrScheduler(TorchOptimizer optimizer) => Optimizer = optimizer;

        public TorchOptimizer Optimizer { get; }
        public long LastEpoch { get; set; }
        public int StepCount { get; protected set; }
        public bool IsInitial { get; private set; }
        public double[] BaseLrs { get; protected set; } = Array.Empty<double>();
        public double[] LastLr { get; protected set; } = Array.Empty<double>();

        /// <summary>The wrapped schedulers of SequentialLR / ChainedScheduler (PyTorch's <c>_schedulers</c>), else null.</summary>
        public virtual IReadOnlyList<LrScheduler>? Children => null;

        protected List<ParamGroup> Groups => Optimizer.Groups;

        /// <summary>The tail of <c>LRScheduler.__init__</c>; derived constructors call it last, as PyTorch calls super().__init__.</summary>
        protected void Attach(long lastEpoch)
        {
            if (lastEpoch == -1)
            {
                foreach (ParamGroup g in Groups) g.InitialLr ??= g.Lr;
            }
            else
            {
                for (int i = 0; i < Groups.Count; i++)
                    if (Groups[i].InitialLr is null)
                        throw new KeyNotFoundException($"param 'initial_lr' is not specified in param_groups[{i}] when resuming an optimizer");
            }
            BaseLrs = Groups.Select(g => g.InitialLr!.Value).ToArray();
            LastEpoch = lastEpoch;
            InitialStep();
        }

        /// <summary><c>_initial_step</c>: resets the step count and steps once in "initial mode".</summary>
        public void InitialStep()
        {
            StepCount = 0;
            IsInitial = true;
            try { Step(); }
            finally { IsInitial = false; }
        }

        /// <summary><c>step()</c>.</summary>
        public virtual void Step()
        {
            StepCount++;
            UpdateLr(null);
        }

        /// <summary><c>step(epoch)</c> (deprecated in PyTorch, still supported).</summary>
        public virtual void Step(double epoch)
        {
            StepCount++;
            UpdateLr(epoch);
        }

        /// <summary><c>_update_lr</c>; SequentialLR calls it with epoch 0 at a milestone.</summary>
        public void UpdateLr(double? epoch)
        {
            double[] values;
            if (epoch is null)
            {
                LastEpoch++;
                values = GetLr();
            }
            else
            {
                LastEpoch = (long)epoch.Value;
                values = ClosedFormLr() ?? GetLr();
            }
            for (int i = 0; i < Math.Min(values.Length, Groups.Count); i++) Groups[i].Lr = values[i];
            LastLr = Optimizer.Lrs;
        }

        /// <summary>The chainable form.</summary>
        protected abstract double[] GetLr();

        /// <summary>The closed form, or null when the class has none.</summary>
        protected virtual double[]? ClosedFormLr() => null;

        protected double[] Each(Func<ParamGroup, double> f) => Groups.Select(f).ToArray();

        protected double[] EachBase(Func<double, double> f) => BaseLrs.Select(f).ToArray();
    }

    internal sealed class LambdaLR : LrScheduler
    {
        private readonly Func<long, double>[] _lambdas;

        public LambdaLR(TorchOptimizer optimizer, Func<long, double>[] lambdas, long lastEpoch = -1) : base(optimizer)
        {
            _lambdas = lambdas.Length == 1 ? Enumerable.Repeat(lambdas[0], optimizer.Groups.Count).ToArray() : lambdas;
            if (_lambdas.Length != optimizer.Groups.Count)
                throw new ArgumentException($"Expected {optimizer.Groups.Count} lr_lambdas, but got {lambdas.Length}");
            Attach(lastEpoch);
        }

        protected override double[] GetLr() => BaseLrs.Select((b, i) => b * _lambdas[i](LastEpoch)).ToArray();
    }

    internal sealed class MultiplicativeLR : LrScheduler
    {
        private readonly Func<long, double>[] _lambdas;

        public MultiplicativeLR(TorchOptimizer optimizer, Func<long, double>[] lambdas, long lastEpoch = -1) : base(optimizer)
        {
            _lambdas = lambdas.Length == 1 ? Enumerable.Repeat(lambdas[0], optimizer.Groups.Count).ToArray() : lambdas;
            Attach(lastEpoch);
        }

        protected override double[] GetLr() => IsInitial
            ? Each(g => g.Lr)
            : Groups.Select((g, i) => g.Lr * _lambdas[i](LastEpoch)).ToArray();
    }

    internal sealed class StepLR : LrScheduler
    {
        private readonly long _stepSize;
        private readonly double _gamma;

        public StepLR(TorchOptimizer optimizer, long stepSize, double gamma = 0.1, long lastEpoch = -1) : base(optimizer)
        {
            (_stepSize, _gamma) = (stepSize, gamma);
            Attach(lastEpoch);
        }

        protected override double[] GetLr() => LastEpoch == 0 || Py.Mod(LastEpoch, _stepSize) != 0
            ? Each(g => g.Lr)
            : Each(g => g.Lr * _gamma);

        protected override double[] ClosedFormLr() => EachBase(b => b * Math.Pow(_gamma, Py.FloorDiv(LastEpoch, _stepSize)));
    }

    internal sealed class MultiStepLR : LrScheduler
    {
        private readonly long[] _milestones; // sorted elements of the Counter
        private readonly double _gamma;

        public MultiStepLR(TorchOptimizer optimizer, long[] milestones, double gamma = 0.1, long lastEpoch = -1) : base(optimizer)
        {
            _milestones = milestones.OrderBy(m => m).ToArray();
            _gamma = gamma;
            Attach(lastEpoch);
        }

        protected override double[] GetLr()
        {
            int count = _milestones.Count(m => m == LastEpoch); // Counter[last_epoch]
            return count == 0 ? Each(g => g.Lr) : Each(g => g.Lr * Math.Pow(_gamma, count));
        }

        protected override double[] ClosedFormLr() =>
            EachBase(b => b * Math.Pow(_gamma, _milestones.Count(m => m <= LastEpoch))); // bisect_right
    }

    internal sealed class ConstantLR : LrScheduler
    {
        private readonly double _factor;
        private readonly long _totalIters;

        public ConstantLR(TorchOptimizer optimizer, double factor = 1.0 / 3, long totalIters = 5, long lastEpoch = -1) : base(optimizer)
        {
            if (factor > 1.0 || factor < 0) throw new ArgumentOutOfRangeException(nameof(factor), "Constant multiplicative factor expected to be between 0 and 1.");
            (_factor, _totalIters) = (factor, totalIters);
            Attach(lastEpoch);
        }

        protected override double[] GetLr()
        {
            if (LastEpoch == 0) return Each(g => g.Lr * _factor);
            if (LastEpoch != _totalIters) return Each(g => g.Lr);
            return Each(g => g.Lr * (1.0 / _factor));
        }

        protected override double[] ClosedFormLr() =>
            EachBase(b => b * (_factor + (LastEpoch >= _totalIters ? 1 : 0) * (1 - _factor)));
    }

    internal sealed class LinearLR : LrScheduler
    {
        private readonly double _start, _end;
        private readonly long _totalIters;

        public LinearLR(TorchOptimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, long totalIters = 5, long lastEpoch = -1)
            : base(optimizer)
        {
            if (startFactor > 1.0 || startFactor <= 0) throw new ArgumentOutOfRangeException(nameof(startFactor), "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
            if (endFactor > 1.0 || endFactor < 0) throw new ArgumentOutOfRangeException(nameof(endFactor), "Ending multiplicative factor expected to be between 0 and 1.");
            (_start, _end, _totalIters) = (startFactor, endFactor, totalIters);
            Attach(lastEpoch);
        }

        protected override double[] GetLr()
        {
            if (LastEpoch == 0) return Each(g => g.Lr * _start);
            if (IsInitial || LastEpoch > _totalIters) return Each(g => g.Lr);
            return Each(g => g.Lr * (1.0 + (_end - _start) / (_totalIters * _start + (LastEpoch - 1) * (_end - _start))));
        }

        protected override double[] ClosedFormLr() =>
            EachBase(b => b * (_start + (_end - _start) * Math.Min(_totalIters, LastEpoch) / _totalIters));
    }

    internal sealed class ExponentialLR : LrScheduler
    {
        private readonly double _gamma;

        public ExponentialLR(TorchOptimizer optimizer, double gamma, long lastEpoch = -1) : base(optimizer)
        {
            _gamma = gamma;
            Attach(lastEpoch);
        }

        protected override double[] GetLr() => IsInitial ? Each(g => g.Lr) : Each(g => g.Lr * _gamma);

        protected override double[] ClosedFormLr() => EachBase(b => b * Math.Pow(_gamma, LastEpoch));
    }

    internal sealed class PolynomialLR : LrScheduler
    {
        private readonly long _totalIters;
        private readonly double _power;

        public PolynomialLR(TorchOptimizer optimizer, long totalIters = 5, double power = 1.0, long lastEpoch = -1) : base(optimizer)
        {
            (_totalIters, _power) = (totalIters, power);
            Attach(lastEpoch);
        }

        protected override double[] GetLr()
        {
            if (IsInitial || LastEpoch > _totalIters) return Each(g => g.Lr);
            double decay = Math.Pow((1.0 - (double)LastEpoch / _totalIters) / (1.0 - (double)(LastEpoch - 1) / _totalIters), _power);
            return Each(g => g.Lr * decay);
        }

        protected override double[] ClosedFormLr() =>
            EachBase(b => b * Math.Pow(1.0 - (double)Math.Min(_totalIters, LastEpoch) / _totalIters, _power));
    }

    /// <summary>The recursive form of <c>get_lr</c>, with its two special branches (first step after a resume,
    /// and the step after each minimum where the ratio would divide by zero).</summary>
    internal sealed class CosineAnnealingLR : LrScheduler
    {
        private readonly double _tMax, _etaMin;

        public CosineAnnealingLR(TorchOptimizer optimizer, double tMax, double etaMin = 0.0, long lastEpoch = -1) : base(optimizer)
        {
            (_tMax, _etaMin) = (tMax, etaMin);
            Attach(lastEpoch);
        }

        protected override double[] GetLr()
        {
            if (IsInitial) return Each(g => g.Lr);
            if (StepCount == 1 && LastEpoch > 0)
                return EachBase(b => _etaMin + (b - _etaMin) * (1 + Math.Cos(LastEpoch * Math.PI / _tMax)) / 2);
            if (Py.Mod(LastEpoch - 1 - _tMax, 2 * _tMax) == 0)
                return Groups.Select((g, i) => g.Lr + (BaseLrs[i] - _etaMin) * (1 - Math.Cos(Math.PI / _tMax)) / 2).ToArray();
            return Each(g => (1 + Math.Cos(Math.PI * LastEpoch / _tMax)) / (1 + Math.Cos(Math.PI * (LastEpoch - 1) / _tMax)) * (g.Lr - _etaMin) + _etaMin);
        }

        protected override double[] ClosedFormLr() =>
            EachBase(b => _etaMin + (b - _etaMin) * (1 + Math.Cos(Math.PI * LastEpoch / _tMax)) / 2);
    }

    /// <summary><c>CosineAnnealingWarmRestarts</c>: its own <c>step(epoch)</c> (fractional epochs, interleaving),
    /// the period found with <c>int(math.log(...))</c> as PyTorch does.</summary>
    internal sealed class CosineAnnealingWarmRestarts : LrScheduler
    {
        public CosineAnnealingWarmRestarts(TorchOptimizer optimizer, long t0, long tMult = 1, double etaMin = 0.0, long lastEpoch = -1)
            : base(optimizer)
        {
            if (t0 <= 0) throw new ArgumentOutOfRangeException(nameof(t0), $"Expected positive integer T_0, but got {t0}");
            if (tMult < 1) throw new ArgumentOutOfRangeException(nameof(tMult), $"Expected integer T_mult >= 1, but got {tMult}");
            (T0, Ti, TMult, EtaMin, TCur) = (t0, t0, tMult, etaMin, lastEpoch);
            Attach(lastEpoch);
        }

        public long T0 { get; }
        public long Ti { get; private set; }
        public long TMult { get; }
        public double EtaMin { get; }
        /// <summary>Public as in PyTorch (a test sets it directly).</summary>
        public double TCur { get; set; }

        protected override double[] GetLr() => EachBase(b => EtaMin + (b - EtaMin) * (1 + Math.Cos(Math.PI * TCur / Ti)) / 2);

        public override void Step()
        {
            if (LastEpoch < 0)
            {
                StepTo(0);
                return;
            }
            TCur += 1;
            if (TCur >= Ti)
            {
                TCur = Py.Mod(TCur, Ti);
                Ti *= TMult;
            }
            Apply(LastEpoch + 1);
        }

        public override void Step(double epoch) => StepTo(epoch);

        private void StepTo(double epoch)
        {
            if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"Expected non-negative epoch, but got {epoch}");
            if (epoch >= T0)
            {
                if (TMult == 1)
                {
                    TCur = Py.Mod(epoch, T0);
                }
                else
                {
                    long n = (long)Py.Log(epoch / T0 * (TMult - 1) + 1, TMult);
                    TCur = epoch - T0 * (Math.Pow(TMult, n) - 1) / (TMult - 1);
                    Ti = T0 * (long)Math.Pow(TMult, n);
                }
            }
            else
            {
                Ti = T0;
                TCur = epoch;
            }
            Apply(epoch);
        }

        private void Apply(double epoch)
        {
            LastEpoch = (long)Math.Floor(epoch);
            double[] values = GetLr();
            for (int i = 0; i < values.Length; i++) Groups[i].Lr = values[i];
            LastLr = Optimizer.Lrs;
        }
    }

    internal enum CyclicMode { Triangular, Triangular2, ExpRange }

    /// <summary><c>CyclicLR</c> with per-group lists, a custom <c>scale_fn</c>/<c>scale_mode</c>, and momentum
    /// (or Adam's beta1) cycled as a side effect of <c>get_lr</c>.</summary>
    internal sealed class CyclicLR : LrScheduler
    {
        private readonly double[] _maxLrs, _baseMomentums = Array.Empty<double>(), _maxMomentums = Array.Empty<double>();
        private readonly double _totalSize, _stepRatio;
        private readonly Func<double, double> _scaleFn;
        private readonly bool _scaleByCycle, _cycleMomentum, _useBeta1;

        public CyclicLR(TorchOptimizer optimizer, double[] baseLr, double[] maxLr, double stepSizeUp = 2000, double? stepSizeDown = null,
            CyclicMode mode = CyclicMode.Triangular, double gamma = 1.0, Func<double, double>? scaleFn = null, bool scaleModeCycle = true,
            bool cycleMomentum = true, double[]? baseMomentum = null, double[]? maxMomentum = null, long lastEpoch = -1) : base(optimizer)
        {
            double[] baseLrs = PerGroup(baseLr, optimizer);
            if (lastEpoch == -1)
                for (int i = 0; i < baseLrs.Length; i++) optimizer.Groups[i].Lr = baseLrs[i];
            _maxLrs = PerGroup(maxLr, optimizer);
            double down = stepSizeDown ?? stepSizeUp;
            _totalSize = stepSizeUp + down;
            _stepRatio = stepSizeUp / _totalSize;
            if (scaleFn is not null)
            {
                (_scaleFn, _scaleByCycle) = (scaleFn, scaleModeCycle);
            }
            else
            {
                (_scaleFn, _scaleByCycle) = mode switch
                {
                    CyclicMode.Triangular => ((Func<double, double>)(_ => 1.0), true),
                    CyclicMode.Triangular2 => (x => 1 / Math.Pow(2.0, x - 1), true),
                    _ => (x => Math.Pow(gamma, x), false),
                };
            }
            _cycleMomentum = cycleMomentum;
            if (cycleMomentum)
            {
                bool hasMomentum = optimizer.Groups.All(g => g.Momentum is not null);
                if (!hasMomentum && !optimizer.UsesBetas)
                    throw new ArgumentException("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
                _useBeta1 = optimizer.UsesBetas;
                _baseMomentums = PerGroup(baseMomentum ?? new[] { 0.8 }, optimizer);
                _maxMomentums = PerGroup(maxMomentum ?? new[] { 0.9 }, optimizer);
                if (lastEpoch == -1)
                {
                    for (int i = 0; i < optimizer.Groups.Count; i++)
                    {
                        ParamGroup g = optimizer.Groups[i];
                        if (_useBeta1) g.Beta1 = _maxMomentums[i];
                        else g.Momentum = _maxMomentums[i];
                        g.MaxMomentum = _maxMomentums[i];
                        g.BaseMomentum = _baseMomentums[i];
                    }
                }
            }
            Attach(lastEpoch);
            BaseLrs = baseLrs;
        }

        protected override double[] GetLr()
        {
            double cycle = Math.Floor(1 + LastEpoch / _totalSize);
            double x = 1.0 + LastEpoch / _totalSize - cycle;
            double scaleFactor = x <= _stepRatio ? x / _stepRatio : (x - 1) / (_stepRatio - 1);
            double scale = _scaleFn(_scaleByCycle ? cycle : LastEpoch);
            double[] lrs = BaseLrs.Select((b, i) => b + (_maxLrs[i] - b) * scaleFactor * scale).ToArray();
            if (_cycleMomentum)
            {
                for (int i = 0; i < Groups.Count; i++)
                {
                    double momentum = _maxMomentums[i] - (_maxMomentums[i] - _baseMomentums[i]) * scaleFactor * scale;
                    if (_useBeta1) Groups[i].Beta1 = momentum;
                    else Groups[i].Momentum = momentum;
                }
            }
            return lrs;
        }

        internal static double[] PerGroup(double[] values, TorchOptimizer optimizer)
        {
            if (values.Length == 1) return Enumerable.Repeat(values[0], optimizer.Groups.Count).ToArray();
            if (values.Length != optimizer.Groups.Count)
                throw new ArgumentException($"must have the same length as optimizer.param_groups: {values.Length} values, {optimizer.Groups.Count} groups.");
            return (double[])values.Clone();
        }
    }

    /// <summary><c>OneCycleLR</c>: the phase walk over group keys (initial_lr, max_lr, min_lr, momenta).</summary>
    internal sealed class OneCycleLR : LrScheduler
    {
        private readonly long _totalSteps;
        private readonly bool _cos, _cycleMomentum, _useBeta1;
        private readonly (double End, Func<ParamGroup, double> StartLr, Func<ParamGroup, double> EndLr,
            Func<ParamGroup, double> StartMomentum, Func<ParamGroup, double> EndMomentum)[] _phases;

        public OneCycleLR(TorchOptimizer optimizer, double[] maxLr, long totalSteps, double pctStart = 0.3, bool cosAnneal = true,
            bool cycleMomentum = true, double[]? baseMomentum = null, double[]? maxMomentum = null, double divFactor = 25.0,
            double finalDivFactor = 1e4, bool threePhase = false, long lastEpoch = -1) : base(optimizer)
        {
            if (totalSteps <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps));
            _totalSteps = totalSteps;
            Func<ParamGroup, double> initial = g => g.InitialLr!.Value, max = g => g.MaxLr, min = g => g.MinLr;
            Func<ParamGroup, double> maxM = g => g.MaxMomentum, baseM = g => g.BaseMomentum;
            _phases = threePhase
                ? new[]
                {
                    (pctStart * totalSteps - 1, initial, max, maxM, baseM),
                    (2 * pctStart * totalSteps - 2, max, initial, baseM, maxM),
                    ((double)totalSteps - 1, initial, min, maxM, maxM),
                }
                : new[]
                {
                    (pctStart * totalSteps - 1, initial, max, maxM, baseM),
                    ((double)totalSteps - 1, max, min, baseM, maxM),
                };
            if (pctStart < 0 || pctStart > 1) throw new ArgumentOutOfRangeException(nameof(pctStart));
            _cos = cosAnneal;
            double[] maxLrs = CyclicLR.PerGroup(maxLr, optimizer);
            if (lastEpoch == -1)
            {
                for (int i = 0; i < optimizer.Groups.Count; i++)
                {
                    ParamGroup g = optimizer.Groups[i];
                    g.InitialLr = maxLrs[i] / divFactor;
                    g.MaxLr = maxLrs[i];
                    g.MinLr = g.InitialLr.Value / finalDivFactor;
                }
            }
            _cycleMomentum = cycleMomentum;
            if (cycleMomentum)
            {
                _useBeta1 = optimizer.UsesBetas;
                double[] maxMs = CyclicLR.PerGroup(maxMomentum ?? new[] { 0.95 }, optimizer);
                double[] baseMs = CyclicLR.PerGroup(baseMomentum ?? new[] { 0.85 }, optimizer);
                if (lastEpoch == -1)
                {
                    for (int i = 0; i < optimizer.Groups.Count; i++)
                    {
                        ParamGroup g = optimizer.Groups[i];
                        if (_useBeta1) g.Beta1 = maxMs[i];
                        else g.Momentum = maxMs[i];
                        g.MaxMomentum = maxMs[i];
                        g.BaseMomentum = baseMs[i];
                    }
                }
            }
            Attach(lastEpoch);
        }

        private double Anneal(double start, double end, double pct) =>
            _cos ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1) : (end - start) * pct + start;

        protected override double[] GetLr()
        {
            long stepNum = LastEpoch;
            if (stepNum > _totalSteps)
                throw new InvalidOperationException($"Tried to step {stepNum} times. The specified number of total steps is {_totalSteps}");
            var lrs = new double[Groups.Count];
            for (int gi = 0; gi < Groups.Count; gi++)
            {
                ParamGroup g = Groups[gi];
                double startStep = 0.0;
                for (int i = 0; i < _phases.Length; i++)
                {
                    var phase = _phases[i];
                    if (stepNum <= phase.End || i == _phases.Length - 1)
                    {
                        double pct = (stepNum - startStep) / (phase.End - startStep);
                        lrs[gi] = Anneal(phase.StartLr(g), phase.EndLr(g), pct);
                        if (_cycleMomentum)
                        {
                            double m = Anneal(phase.StartMomentum(g), phase.EndMomentum(g), pct);
                            if (_useBeta1) g.Beta1 = m;
                            else g.Momentum = m;
                        }
                        break;
                    }
                    startStep = phase.End;
                }
            }
            return lrs;
        }
    }

    /// <summary><c>SequentialLR</c>: resets the rates, undoes every wrapped scheduler's construction step, re-runs
    /// the first one's initial step, and at a milestone calls <c>_update_lr(0)</c> (the closed form at 0) on the next.</summary>
    internal sealed class SequentialLR : LrScheduler
    {
        private readonly LrScheduler[] _schedulers;
        private readonly long[] _milestones;

        public SequentialLR(TorchOptimizer optimizer, LrScheduler[] schedulers, long[] milestones, long lastEpoch = -1) : base(optimizer)
        {
            if (schedulers.Length < 1) throw new ArgumentException("SequentialLR expects at least one scheduler, but got no scheduler.");
            if (schedulers.Any(s => s.Optimizer != optimizer)) throw new ArgumentException("SequentialLR expects all schedulers to belong to the same optimizer");
            if (milestones.Length != schedulers.Length - 1)
                throw new ArgumentException("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points");
            (_schedulers, _milestones) = (schedulers, milestones);
            LastEpoch = lastEpoch + 1;
            foreach (ParamGroup g in Groups) g.Lr = g.InitialLr!.Value;
            RecursiveUndo(this);
            _schedulers[0].InitialStep();
            LastLr = _schedulers[0].LastLr;
        }

        public override IReadOnlyList<LrScheduler> Children => _schedulers;

        private static void RecursiveUndo(LrScheduler s)
        {
            if (s.Children is { } children)
                foreach (LrScheduler c in children) RecursiveUndo(c);
            else
                s.LastEpoch -= 1;
        }

        public override void Step()
        {
            LastEpoch++;
            int idx = _milestones.Count(m => m <= LastEpoch); // bisect_right
            LrScheduler scheduler = _schedulers[idx];
            if (idx > 0 && _milestones[idx - 1] == LastEpoch) scheduler.UpdateLr(0);
            else scheduler.Step();
            LastLr = scheduler.LastLr;
        }

        public override void Step(double epoch) => throw new NotSupportedException("SequentialLR.step() takes no epoch.");

        protected override double[] GetLr() => throw new NotSupportedException("NotImplementedError: SequentialLR has no get_lr.");
    }

    /// <summary><c>ChainedScheduler</c>: steps every wrapped scheduler in order, each on the rate the previous one left.</summary>
    internal sealed class ChainedScheduler : LrScheduler
    {
        private readonly LrScheduler[] _schedulers;

        public ChainedScheduler(params LrScheduler[] schedulers) : base(schedulers[0].Optimizer)
        {
            if (schedulers.Any(s => s.Optimizer != Optimizer)) throw new ArgumentException("ChainedScheduler expects all schedulers to belong to the same optimizer");
            _schedulers = schedulers;
            LastLr = _schedulers[^1].Optimizer.Lrs;
        }

        public override IReadOnlyList<LrScheduler> Children => _schedulers;

        public override void Step()
        {
            foreach (LrScheduler s in _schedulers) s.Step();
            LastLr = _schedulers[^1].Optimizer.Lrs;
        }

        public override void Step(double epoch) => throw new NotSupportedException("ChainedScheduler.step() takes no epoch.");

        protected override double[] GetLr() => throw new NotSupportedException("NotImplementedError: ChainedScheduler has no get_lr.");
    }
}
