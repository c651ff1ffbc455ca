using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ScheduleDsl.TorchSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.Benchmarks.PerStep
{
    /// <summary>One invocation = <see cref="Steps"/> training steps (one "epoch"), so the figures are per step.
    /// Every contender writes the rate into a real TorchSharp SGD's parameter group (one group over a
    /// one-element parameter; no forward or backward pass): the generated schedule through
    /// <see cref="ScheduleDriver{TSchedule}"/>, TorchSharp's scheduler through its own <c>step()</c>, the
    /// hand-written loop through the group it looked up once.</summary>
    public abstract class PerStepBenchmark
    {
        /// <summary>Steps per invocation.</summary>
        protected const int Steps = Shape.BatchesPerEpoch;

        private SGD? _handWrittenOptimizer, _generatedOptimizer, _torchOptimizer;

        /// <summary>The hand-written loop's group, looked up once (as the driver does).</summary>
        protected ILearningRateController Group { get; private set; } = null!;

        /// <summary>The same group's momentum.</summary>
        protected IMomentum Momentum { get; private set; } = null!;

        /// <summary>Optimizer for the generated schedule's driver.</summary>
        protected SGD GeneratedOptimizer => _generatedOptimizer!;

        /// <summary>Optimizer for TorchSharp's scheduler.</summary>
        protected SGD TorchOptimizer => _torchOptimizer!;

        /// <summary>Hand-written loop position.</summary>
        protected long Step { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _handWrittenOptimizer = NewOptimizer();
            _generatedOptimizer = NewOptimizer();
            _torchOptimizer = NewOptimizer();
            Group = _handWrittenOptimizer.ParamGroups.First();
            Momentum = (IMomentum)Group;
            Step = 0;
            Attach();
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _handWrittenOptimizer?.Dispose();
            _generatedOptimizer?.Dispose();
            _torchOptimizer?.Dispose();
        }

        /// <summary>Creates the driver and TorchSharp's scheduler and checks the generated schedule against the hand-written one.</summary>
        protected abstract void Attach();

        /// <summary>SGD with momentum 0.9 over one tiny parameter: a single parameter group at the peak rate.</summary>
        private static SGD NewOptimizer() =>
            torch.optim.SGD(new[] { new Parameter(torch.zeros(1)) }, Shape.Peak, momentum: 0.9);

        /// <summary>Fails the run when the generated schedule and the hand-written closed form disagree.</summary>
        protected static void CheckSameRates(Func<long, double> generated, Func<long, double> handWritten)
        {
            foreach (long step in new[] { 0L, 1, Shape.WarmupLength / 2, Shape.WarmupLength + 7, Shape.StepSize + 3, Shape.Horizon / 2, 2 * Shape.StepSize + 11, Shape.Horizon - 2, Shape.Horizon })
            {
                double a = generated(step), b = handWritten(step);
                if (Math.Abs(a - b) > 1e-12 * Math.Max(1.0, Math.Abs(b)))
                    throw new InvalidOperationException($"step {step}: generated rate {a:R} but hand-written {b:R}; the contenders are not configured alike.");
            }
        }
    }

    [BenchmarkCategory("1 step decay")]
    public class StepDecayPerStep : PerStepBenchmark
    {
        private ScheduleDriver<StepDecaySchedule> _driver = null!;
        private StepDecaySchedule _schedule = null!;
        private lr_scheduler.LRScheduler _torch = null!;

        protected override void Attach()
        {
            CheckSameRates(s => new StepDecaySchedule().FactorAtStep(s) * Shape.Peak, HandWritten.StepDecay);
            _driver = new ScheduleDriver<StepDecaySchedule>(GeneratedOptimizer, new StepDecaySchedule());
            _schedule = new StepDecaySchedule();
            _torch = lr_scheduler.StepLR(TorchOptimizer, (int)Shape.StepSize, Shape.Gamma);
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
        public void HandWrittenLoop()
        {
            for (int i = 0; i < Steps; i++) Group.LearningRate = HandWritten.StepDecay(++Step);
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void Generated()
        {
            for (int i = 0; i < Steps; i++) _driver.Step();
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void GeneratedNoDriver()
        {
            for (int i = 0; i < Steps; i++)
            {
                _schedule.Advance();
                Group.LearningRate = Shape.Peak * _schedule.CurrentFactor;
            }
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void TorchSharpStepLR()
        {
            for (int i = 0; i < Steps; i++) _torch.step();
        }
    }

    [BenchmarkCategory("2 cosine")]
    public class CosinePerStep : PerStepBenchmark
    {
        private ScheduleDriver<CosineSchedule> _driver = null!;
        private CosineSchedule _schedule = null!;
        private lr_scheduler.LRScheduler _torch = null!;

        protected override void Attach()
        {
            CheckSameRates(s => new CosineSchedule().FactorAtStep(s) * Shape.Peak, HandWritten.Cosine);
            _driver = new ScheduleDriver<CosineSchedule>(GeneratedOptimizer, new CosineSchedule());
            _schedule = new CosineSchedule();
            _torch = lr_scheduler.CosineAnnealingLR(TorchOptimizer, (int)Shape.Horizon, Shape.MinLr);
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
        public void HandWrittenLoop()
        {
            for (int i = 0; i < Steps; i++) Group.LearningRate = HandWritten.Cosine(++Step);
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void Generated()
        {
            for (int i = 0; i < Steps; i++) _driver.Step();
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void GeneratedNoDriver()
        {
            for (int i = 0; i < Steps; i++)
            {
                _schedule.Advance();
                Group.LearningRate = Shape.Peak * _schedule.CurrentFactor;
            }
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void TorchSharpCosineAnnealingLR()
        {
            for (int i = 0; i < Steps; i++) _torch.step();
        }
    }

    /// <summary>TorchSharp has no product of shapes in a sequence: SequentialLR(LinearLR, CosineAnnealingLR) is
    /// the closest configuration and does less (no step decay on top of the cosine).</summary>
    [BenchmarkCategory("3 warmup + cosine + step decay")]
    public class WarmupCosineStepPerStep : PerStepBenchmark
    {
        private ScheduleDriver<WarmupCosineStepSchedule> _driver = null!;
        private WarmupCosineStepSchedule _schedule = null!;
        private lr_scheduler.LRScheduler _torch = null!;

        protected override void Attach()
        {
            CheckSameRates(s => new WarmupCosineStepSchedule().FactorAtStep(s) * Shape.Peak, HandWritten.WarmupCosineStep);
            _driver = new ScheduleDriver<WarmupCosineStepSchedule>(GeneratedOptimizer, new WarmupCosineStepSchedule());
            _schedule = new WarmupCosineStepSchedule();
            var warmup = lr_scheduler.LinearLR(TorchOptimizer, Shape.WarmupStart, 1.0, (int)Shape.WarmupLength);
            var cosine = lr_scheduler.CosineAnnealingLR(TorchOptimizer, (int)(Shape.Horizon - Shape.WarmupLength), Shape.MinLr);
            _torch = lr_scheduler.SequentialLR(TorchOptimizer, new[] { warmup, cosine }, new[] { (int)Shape.WarmupLength });
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
        public void HandWrittenLoop()
        {
            for (int i = 0; i < Steps; i++) Group.LearningRate = HandWritten.WarmupCosineStep(++Step);
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void Generated()
        {
            for (int i = 0; i < Steps; i++) _driver.Step();
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void GeneratedNoDriver()
        {
            for (int i = 0; i < Steps; i++)
            {
                _schedule.Advance();
                Group.LearningRate = Shape.Peak * _schedule.CurrentFactor;
            }
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void TorchSharpSequentialLR()
        {
            for (int i = 0; i < Steps; i++) _torch.step();
        }
    }

    /// <summary>Momentum is cycled by all three (PyTorch's default cycle_momentum=True, 0.85-0.95).</summary>
    [BenchmarkCategory("4 one-cycle")]
    public class OneCyclePerStep : PerStepBenchmark
    {
        private ScheduleDriver<OneCycleSchedule> _driver = null!;
        private OneCycleSchedule _schedule = null!;
        private lr_scheduler.LRScheduler _torch = null!;

        protected override void Attach()
        {
            CheckSameRates(s => new OneCycleSchedule().FactorAtStep(s) * Shape.Peak, s => HandWritten.OneCycle(s, out _));
            _driver = new ScheduleDriver<OneCycleSchedule>(GeneratedOptimizer, new OneCycleSchedule(), MomentumRange.OneCycle);
            _schedule = new OneCycleSchedule();
            _torch = lr_scheduler.OneCycleLR(TorchOptimizer, Shape.Peak, total_steps: (int)Shape.Horizon);
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
        public void HandWrittenLoop()
        {
            for (int i = 0; i < Steps; i++)
            {
                Group.LearningRate = HandWritten.OneCycle(++Step, out double momentum);
                Momentum.Momentum = momentum;
            }
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void Generated()
        {
            for (int i = 0; i < Steps; i++) _driver.Step();
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void GeneratedNoDriver()
        {
            for (int i = 0; i < Steps; i++)
            {
                _schedule.Advance();
                Group.LearningRate = Shape.Peak * _schedule.CurrentFactorAndMomentum(0.85, 0.95, out double momentum);
                Momentum.Momentum = momentum;
            }
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void TorchSharpOneCycleLR()
        {
            for (int i = 0; i < Steps; i++) _torch.step();
        }
    }

    /// <summary>Three SequentialLR phases (issue 11): generated windows against TorchSharp's
    /// SequentialLR(ConstantLR, ExponentialLR, StepLR), configured alike. The schedule is short (see
    /// <see cref="Shape.SequentialHorizon"/>) and every contender goes back to step 0 at its end (between invocations,
    /// 1 in 90), so each measures the same mix of the three phases.</summary>
    [BenchmarkCategory("6 sequential (three phases)")]
    public class SequentialPerStep : PerStepBenchmark
    {
        private ScheduleDriver<SequentialSchedule> _driver = null!;
        private SequentialSchedule _schedule = null!;
        private lr_scheduler.LRScheduler _torch = null!;
        private long _torchStep;

        protected override void Attach()
        {
            var check = new SequentialSchedule();
            for (long s = 0; s <= Shape.SequentialHorizon; s++)
                if (Math.Abs(check.FactorAtStep(s) * Shape.Peak - HandWritten.Sequential(s)) > 1e-15)
                    throw new InvalidOperationException($"step {s}: generated rate {check.FactorAtStep(s) * Shape.Peak:R} but hand-written {HandWritten.Sequential(s):R}.");
            _driver = new ScheduleDriver<SequentialSchedule>(GeneratedOptimizer, new SequentialSchedule());
            _schedule = new SequentialSchedule();
            _torch = NewTorchSequence();
        }

        private lr_scheduler.LRScheduler NewTorchSequence()
        {
            TorchOptimizer.ParamGroups.First().LearningRate = Shape.Peak;
            var constant = lr_scheduler.ConstantLR(TorchOptimizer, Shape.PhaseFactor, (int)Shape.FirstMilestone);
            var exponential = lr_scheduler.ExponentialLR(TorchOptimizer, Shape.PhaseGamma);
            var step = lr_scheduler.StepLR(TorchOptimizer, (int)Shape.SequentialStepSize, Shape.Gamma);
            return lr_scheduler.SequentialLR(TorchOptimizer, new[] { constant, exponential, step },
                new[] { (int)Shape.FirstMilestone, (int)Shape.SecondMilestone });
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
        public void HandWrittenLoop()
        {
            if (Step >= Shape.SequentialHorizon) Step = 0;
            for (int i = 0; i < Steps; i++) Group.LearningRate = HandWritten.Sequential(++Step);
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void Generated()
        {
            if (_driver.Schedule.CurrentStep >= Shape.SequentialHorizon) _driver.Schedule.Seek(0);
            for (int i = 0; i < Steps; i++) _driver.Step();
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void GeneratedNoDriver()
        {
            if (_schedule.CurrentStep >= Shape.SequentialHorizon) _schedule.Seek(0);
            for (int i = 0; i < Steps; i++)
            {
                _schedule.Advance();
                Group.LearningRate = Shape.Peak * _schedule.CurrentFactor;
            }
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void TorchSharpSequentialLR()
        {
            // TorchSharp's schedulers cannot be rewound: a new sequence every 9000 steps (its allocation spread over them).
            if (_torchStep >= Shape.SequentialHorizon) { _torch = NewTorchSequence(); _torchStep = 0; }
            for (int i = 0; i < Steps; i++) _torch.step();
            _torchStep += Steps;
        }
    }

    /// <summary>One invocation = one epoch: <see cref="PerStepBenchmark.Steps"/> batches, then the validation
    /// loss reported once. The driver and the hand-written loop write the rate every batch; TorchSharp's
    /// ReduceLROnPlateau has no per-batch step and is only called with the metric, once per epoch.</summary>
    [BenchmarkCategory("5 plateau")]
    public class PlateauPerStep : PerStepBenchmark
    {
        private ScheduleDriver<PlateauSchedule> _driver = null!;
        private PlateauSchedule _schedule = null!;
        private lr_scheduler.LRScheduler _torch = null!;
        private HandWrittenPlateau _plateau;
        private int _epoch;

        protected override void Attach()
        {
            _driver = new ScheduleDriver<PlateauSchedule>(GeneratedOptimizer, new PlateauSchedule());
            _schedule = new PlateauSchedule();
            _torch = lr_scheduler.ReduceLROnPlateau(TorchOptimizer, factor: Shape.PlateauFactor, patience: Shape.PlateauPatience);
            _plateau = new HandWrittenPlateau(Shape.Peak);
            _epoch = 0;
            CheckPlateau();
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
        public void HandWrittenLoop()
        {
            for (int i = 0; i < Steps; i++) Group.LearningRate = _plateau.Rate;
            _plateau.Report(NextLoss());
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void Generated()
        {
            for (int i = 0; i < Steps; i++) _driver.Step();
            _driver.ReportMetric(NextLoss());
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void GeneratedNoDriver()
        {
            for (int i = 0; i < Steps; i++)
            {
                _schedule.Advance();
                Group.LearningRate = Shape.Peak * _schedule.CurrentFactor;
            }
            _schedule.ReportMetric(NextLoss());
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void TorchSharpReduceLROnPlateau()
        {
            _torch.step(NextLoss());
        }

        private double NextLoss() => Metrics.Losses[_epoch++ & (Metrics.Losses.Length - 1)];

        /// <summary>200 epochs of the same losses: the generated schedule and the hand-written rule reduce alike.</summary>
        private static void CheckPlateau()
        {
            var schedule = new PlateauSchedule();
            var plateau = new HandWrittenPlateau(Shape.Peak);
            for (int e = 0; e < 200; e++)
            {
                double loss = Metrics.Losses[e & (Metrics.Losses.Length - 1)];
                schedule.ReportMetric(loss);
                plateau.Report(loss);
                if (Math.Abs(schedule.CurrentRate - plateau.Rate) > 1e-15)
                    throw new InvalidOperationException($"epoch {e}: generated plateau rate {schedule.CurrentRate:R} but hand-written {plateau.Rate:R}.");
            }
        }
    }

    /// <summary>DINO's three schedules on one optimizer (issue 15): the driver writes the rate and the weight decay and advances
    /// the teacher's EMA momentum (tracked), against a hand-written loop writing the same closed forms. TorchSharp has no
    /// scheduler for weight decay or an EMA momentum, so there is no third contender.</summary>
    [BenchmarkCategory("7 DINO: rate + weight decay + EMA momentum")]
    public class DinoPerStep : PerStepBenchmark
    {
        private ScheduleDriver<DinoRateSchedule> _driver = null!;
        private DinoTeacherMomentumSchedule _momentum = null!;
        private SGD.Options _options = null!;
        private double _teacherMomentum;

        protected override void Attach()
        {
            CheckSameRates(s => new DinoRateSchedule().FactorAtStep(s) * Shape.Peak, HandWritten.DinoRate);
            CheckSameRates(s => new DinoWeightDecaySchedule().FactorAtStep(s) * Shape.WeightDecay, s => HandWritten.DinoCosine(s, Shape.WeightDecay, Shape.WeightDecayEnd));
            CheckSameRates(s => new DinoTeacherMomentumSchedule().FactorAtStep(s) * Shape.EmaDecay, s => HandWritten.DinoCosine(s, Shape.EmaDecay, 1.0));
            _momentum = new DinoTeacherMomentumSchedule();
            _driver = new ScheduleDriver<DinoRateSchedule>(GeneratedOptimizer, new DinoRateSchedule())
                .ScheduleWeightDecay(new DinoWeightDecaySchedule(), new[] { Shape.WeightDecay })
                .Track(_momentum);
            _options = (SGD.Options)((ParamGroup)Group).Options;
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
        public void HandWrittenLoop()
        {
            for (int i = 0; i < Steps; i++)
            {
                long step = ++Step;
                Group.LearningRate = HandWritten.DinoRate(step);
                _options.weight_decay = HandWritten.DinoCosine(step, Shape.WeightDecay, Shape.WeightDecayEnd);
                _teacherMomentum = HandWritten.DinoCosine(step, Shape.EmaDecay, 1.0);
            }
        }

        [Benchmark(OperationsPerInvoke = Steps)]
        public void Generated()
        {
            for (int i = 0; i < Steps; i++)
            {
                _driver.Step();
                _teacherMomentum = _momentum.CurrentValue;
            }
        }
    }
}
