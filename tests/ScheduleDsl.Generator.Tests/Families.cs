using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Definitions used across tests: one per family, and random valid compositions.</summary>
    internal static class Families
    {
        public static IReadOnlyList<(string Name, ScheduleDefinition Definition)> EveryFamily { get; } = new[]
        {
            ("Warmup", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 20, new WarmupPhase(4, WarmupKind.Exponential, 0.01))),
            ("Hold", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 20, new HoldPhase(3), new CosineShape())),
            ("StepDecay", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new StepDecayShape(30, 0.1))),
            ("MultiStep", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new MultiStepShape(new EquatableArray<double>(new[] { 30.0, 60, 80 }), 0.2))),
            ("Exponential", ScheduleDefinition.Create(0.01, TimeUnit.Steps, 1000, new ExponentialShape(0.96, 100, true))),
            ("Polynomial", ScheduleDefinition.Create(0.01, TimeUnit.Steps, 1000, new PolynomialShape(2.0, 1e-4))),
            ("InverseTime", ScheduleDefinition.Create(0.01, TimeUnit.Steps, null, new InverseTimeShape(0.5, 100))),
            ("InverseSqrt", ScheduleDefinition.Create(1e-3, TimeUnit.Steps, null, new WarmupPhase(400), new InverseSqrtShape())),
            ("LinearDecay", ScheduleDefinition.Create(0.05, TimeUnit.Epochs, 50, new LinearDecayShape(1.0, 0.1, 40))),
            ("Cosine", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 100, new CosineShape(1e-4)) with { PastHorizon = PastHorizonPolicy.Continue }),
            ("CosineRestarts", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 70, new CosineRestartsShape(10, 2, 1e-3))),
            ("CosineRestartsDecayed", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 70, new CosineRestartsShape(10, 2, 1e-3, 0.6, RestartDecayMode.Amplitude, 2))),
            ("Cyclic", ScheduleDefinition.Create(0.01, TimeUnit.Steps, 8000, new CyclicShape(1e-3, 2000, null, CyclicMode.Triangular2))),
            ("CyclicPerCycle", ScheduleDefinition.Create(0.01, TimeUnit.Steps, 8000, new CyclicShape(1e-3, 1500, 500, CyclicMode.ExpRange, 0.7, CyclicScaleMode.Cycle))),
            ("OneCycle", ScheduleDefinition.Create(0.01, TimeUnit.Steps, 1000, new OneCycleShape())),
            ("OneCycleThreePhase", ScheduleDefinition.Create(0.01, TimeUnit.Steps, 1000, new OneCycleShape(0.25, AnnealStrategy.Linear, ThreePhase: true))),
            ("Wsd", ScheduleDefinition.Create(3e-4, TimeUnit.Steps, 10000, new WsdShape(1000, 6000, MinLrRatio: 0.1))),
            ("Plateau", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 100, new CosineShape(), new PlateauReduction(Patience: 2, MinLr: 1e-3))),
            ("Floor", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 100, new WarmupPhase(5), new ExponentialShape(0.9)) with { Floor = 0.01 }),
            ("PiecewiseConstant", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 40, new WarmupPhase(2),
                new PiecewiseConstantShape(new EquatableArray<double>(new[] { 10.0, 25.0 }), new EquatableArray<double>(new[] { 0.1, 0.03, 0.004 })))),
            ("RateNoise", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 60, new WarmupPhase(3), new CosineShape(1e-3),
                new RateNoiseShape(0.3, NoiseDistribution.Normal, 42, 5, 40))),
            ("PiecewiseInterpolate", ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 40, new WarmupPhase(2),
                new PiecewiseInterpolateShape(new EquatableArray<double>(new[] { 0.0, 10.0, 25.0 }), new EquatableArray<double>(new[] { 1.0, 0.3, 0.01 }), Interpolation.Cosine))),
            ("ConstantFactor", ScheduleDefinition.Create(0.05, TimeUnit.Epochs, 30, new ConstantFactorShape(0.5, 4), new ExponentialShape(0.9))),
            ("LinearFactor", ScheduleDefinition.Create(0.05, TimeUnit.Epochs, 30, new LinearFactorShape(1.0, 0.25, 10))),
            // PyTorch SequentialLR(ConstantLR, ExponentialLR, StepLR) with milestones 2 and 10, and a rising cosine after.
            ("Sequential", ScheduleDefinition.Create(0.05, TimeUnit.Epochs, 30,
                new ConstantFactorShape(0.1, 5) { Until = 2 }, new ExponentialShape(0.9) { From = 2, Until = 10 }, new StepDecayShape(3, 0.5) { From = 10 })),
            ("RisingCosine", ScheduleDefinition.Create(0.01, TimeUnit.Epochs, 10, new CosineShape(0.05))),
            // PyTorch SequentialLR(CosineAnnealingLR(T_max=20, eta_min=0.1), CyclicLR(0.1, 0.3, 1, 3), milestones=[21]) on lr 0.5:
            // a cyclic phase between two absolute rates below the peak, cycling momentum inside its window only.
            ("CosineThenCyclic", ScheduleDefinition.Create(0.5, TimeUnit.Steps, 40,
                new CosineShape(0.1, 20) { Until = 21 }, new CyclicShape(0.1, 1, 3) { MaxLr = 0.3, From = 21 }) with { Minimums = MinimumScaling.Absolute }),
            // PyTorch's test_cosine_then_cyclic: both schedulers built up front and stepped by hand, so the CyclicLR (its
            // epoch 0 spent at construction) enters at its own step 1, one step after the cosine's 21st.
            ("CosineThenCyclicByHand", ScheduleDefinition.Create(0.5, TimeUnit.Steps, 40,
                new CosineShape(0.1, 20) { Until = 22 }, new CyclicShape(0.1, 1, 3) { MaxLr = 0.3, From = 22, StartAt = 1 })),
            // A one-cycle over the first 1000 of 1200 steps, then a constant low rate: momentum cycled in the window only.
            ("WindowedOneCycle", ScheduleDefinition.Create(0.01, TimeUnit.Steps, 1200,
                new OneCycleShape() { Until = 1000 }, new ConstantFactorShape(0.01, 200) { From = 1000 })),
        };

        private static readonly Func<Random, double, ScheduleComponent>[] Shapes =
        {
            (r, lr) => new StepDecayShape(Pick(r, 1, 40), Pick(r, 0.05, 0.95)),
            (r, lr) => new MultiStepShape(new EquatableArray<double>(Enumerable.Range(0, r.Next(1, 4)).Select(_ => Math.Round(Pick(r, 0, 60))).OrderBy(x => x)), Pick(r, 0.05, 0.9)),
            (r, lr) => new ExponentialShape(Pick(r, 0.8, 0.999), Pick(r, 0.5, 20), r.Next(2) == 0),
            (r, lr) => new PolynomialShape(Pick(r, 0.5, 3), lr * Pick(r, 0, 0.2), r.Next(2) == 0 ? null : Pick(r, 5, 80)),
            (r, lr) => new InverseTimeShape(Pick(r, 0, 2), Pick(r, 1, 20), r.Next(2) == 0),
            (r, lr) => new InverseSqrtShape(r.Next(2) == 0 ? null : Pick(r, 1, 50)),
            (r, lr) => new LinearDecayShape(Pick(r, 0.5, 1), Pick(r, 0, 0.5), r.Next(2) == 0 ? null : Pick(r, 5, 80)),
            (r, lr) => new CosineShape(lr * Pick(r, 0, 0.1), r.Next(2) == 0 ? null : Pick(r, 5, 80)),
            (r, lr) => new CosineRestartsShape(Pick(r, 2, 30), r.Next(1, 4), lr * Pick(r, 0, 0.1)),
            (r, lr) => new CosineRestartsShape(Pick(r, 2, 30), r.Next(1, 4), lr * Pick(r, 0, 0.1), Pick(r, 0, 1), (RestartDecayMode)r.Next(2), r.Next(0, 4)),
            (r, lr) => new CyclicShape(lr * Pick(r, 0.01, 0.5), Pick(r, 1, 20), r.Next(2) == 0 ? null : Pick(r, 1, 20), (CyclicMode)r.Next(3), Pick(r, 0.95, 1),
                (CyclicScaleMode)r.Next(3)),
            (r, lr) => new PiecewiseConstantShape(new EquatableArray<double>(new[] { Pick(r, 1, 20), Pick(r, 21, 60) }),
                new EquatableArray<double>(new[] { lr * Pick(r, 0.5, 1), lr * Pick(r, 0.1, 0.5), lr * Pick(r, 0, 0.1) })),
            (r, lr) => new PiecewiseInterpolateShape(new EquatableArray<double>(new[] { Pick(r, 0, 5), Pick(r, 6, 20), Pick(r, 21, 60) }),
                new EquatableArray<double>(new[] { Pick(r, 0, 1.5), Pick(r, 0, 1), Pick(r, 0, 0.2) }), (Interpolation)r.Next(2)),
            (r, lr) => new RateNoiseShape(Pick(r, 0.05, 1), (NoiseDistribution)r.Next(2), r.Next(int.MinValue, int.MaxValue), Pick(r, 0, 10),
                r.Next(2) == 0 ? null : Pick(r, 11, 80)),
        };

        private static readonly Func<Random, double, ScheduleComponent>[] Factors =
        {
            (r, lr) => new ConstantFactorShape(Pick(r, 0, 1), Pick(r, 1, 20)),
            (r, lr) => new LinearFactorShape(Pick(r, 0.01, 1), Pick(r, 0, 1), Pick(r, 1, 30)),
            (r, lr) => new CosineShape(lr * Pick(r, 0, 2), r.Next(2) == 0 ? null : Pick(r, 5, 80)), // rising when above 1 x lr
        };

        /// <summary>Random valid compositions with windows (sequential phases, repeats of a family, windowed warmups and
        /// whole-schedule shapes) mixed with unwindowed prefixes and chained factors.</summary>
        public static IEnumerable<ScheduleDefinition> RandomWindowedValid(int seed)
        {
            var r = new Random(seed);
            while (true)
            {
                ScheduleDefinition d = RandomWindowed(r);
                if (d.Validate().All(v => v.Severity != Validation.RuleSeverity.Error)) yield return d;
            }
        }

        private static ScheduleDefinition RandomWindowed(Random r)
        {
            double lr = Pick(r, 1e-4, 1);
            TimeUnit unit = r.Next(2) == 0 ? TimeUnit.Epochs : TimeUnit.Steps;
            double? horizon = r.Next(6) == 0 ? null : Math.Round(Pick(r, 20, 200));
            var all = Shapes.Concat(Factors).ToArray();
            var components = new List<ScheduleComponent>();
            if (r.Next(3) == 0) components.Add(new WarmupPhase(Pick(r, 0.5, 8), (WarmupKind)r.Next(4), Pick(r, 0.01, 0.5)));
            // Sequential phases at increasing milestones; the same family may come back.
            double from = r.Next(3) == 0 ? Math.Round(Pick(r, 0, 10)) : 0;
            int phases = r.Next(1, 5);
            for (int k = 0; k < phases; k++)
            {
                bool last = k == phases - 1;
                double until = from + Math.Round(Pick(r, 1, 30), r.Next(2));
                ScheduleComponent c = r.Next(8) == 0
                    ? new OneCycleShape(Pick(r, 0.1, 0.45), (AnnealStrategy)r.Next(2), Pick(r, 5, 50), Pick(r, 10, 1e4), r.Next(2) == 0)
                    : r.Next(8) == 0 ? new WarmupPhase(Pick(r, 0.5, 8), (WarmupKind)r.Next(4), Pick(r, 0.01, 0.5))
                    : all[r.Next(all.Length)](r, lr);
                c = last && r.Next(2) == 0 ? c with { From = from } : from == 0 && r.Next(2) == 0 ? c with { Until = until } : c with { From = from, Until = until };
                components.Add(c);
                from = until;
            }
            // Chained (unwindowed) factors multiplying the phases.
            foreach (int i in Enumerable.Range(0, all.Length).OrderBy(_ => r.Next()).Take(r.Next(0, 3)))
                components.Insert(r.Next(components.Count + 1), all[i](r, lr));
            if (r.Next(6) == 0) components.Add(new PlateauReduction((PlateauMode)r.Next(2), Pick(r, 0.1, 0.9), r.Next(0, 4),
                Pick(r, 0, 1e-2), (ThresholdMode)r.Next(2), r.Next(0, 3), lr * Pick(r, 0, 0.1), 1e-8));
            return new ScheduleDefinition(lr, unit, horizon, new EquatableArray<ScheduleComponent>(components))
            {
                Floor = r.Next(5) == 0 ? lr * Pick(r, 0, 0.2) : null,
                PastHorizon = r.Next(3) == 0 ? PastHorizonPolicy.Continue : PastHorizonPolicy.Hold,
            };
        }

        /// <summary>Random valid schedules of the other hyperparameters: the compositions of <see cref="RandomValid"/> under another
        /// marker, their ends often spelled <c>EndValue</c> (above the base value for some), kept when the kind's rules accept them.</summary>
        public static IEnumerable<ScheduleDefinition> RandomHyperparameters(int seed)
        {
            var r = new Random(seed);
            HyperparameterKind[] kinds = { HyperparameterKind.WeightDecay, HyperparameterKind.Momentum, HyperparameterKind.EmaDecay, HyperparameterKind.Temperature, HyperparameterKind.Other };
            while (true)
            {
                ScheduleDefinition d = Random(r);
                double b = d.LearningRate;
                HyperparameterKind kind = kinds[r.Next(kinds.Length)];
                var components = d.Components.Select(c => r.Next(2) == 0 ? c : c switch
                {
                    CosineShape cos => new CosineShape(0.0, cos.Period, b * Pick(r, 0.5, 2.0)), // rising for two in three
                    PolynomialShape p => new PolynomialShape(p.Power, 0.0, p.TotalIters, b * Pick(r, 0, 1.5)),
                    LinearDecayShape l => new LinearDecayShape(l.StartFactor, 0.0, l.TotalIters, b * Pick(r, 0, 1.5)),
                    CosineRestartsShape restarts => restarts with { MinLr = 0.0, EndValue = b * Pick(r, 0, 1) },
                    _ => c,
                }).ToArray();
                ScheduleDefinition h = (d with { Components = new EquatableArray<ScheduleComponent>(components) })
                    .WithKind(kind, kind == HyperparameterKind.Other ? "loss_weight" : null);
                if (h.Validate().All(v => v.Severity != Validation.RuleSeverity.Error)) yield return h;
            }
        }

        public static IEnumerable<ScheduleDefinition> RandomValid(int seed)
        {
            var r = new Random(seed);
            while (true)
            {
                ScheduleDefinition d = Random(r);
                if (d.Validate().All(v => v.Severity != Validation.RuleSeverity.Error)) yield return d;
            }
        }

        private static ScheduleDefinition Random(Random r)
        {
            double lr = Pick(r, 1e-4, 1);
            TimeUnit unit = r.Next(2) == 0 ? TimeUnit.Epochs : TimeUnit.Steps;
            double? horizon = r.Next(6) == 0 ? null : unit == TimeUnit.Epochs ? Math.Round(Pick(r, 10, 120), r.Next(2)) : Math.Round(Pick(r, 50, 300));
            var components = new List<ScheduleComponent>();
            if (r.Next(5) == 0)
            {
                components.Add(r.Next(2) == 0
                    ? new OneCycleShape(Pick(r, 0.1, 0.45), (AnnealStrategy)r.Next(2), Pick(r, 5, 50), Pick(r, 10, 1e4), r.Next(2) == 0)
                    : new WsdShape(Math.Round(Pick(r, 0, 10)), Math.Round(Pick(r, 0, 20)), r.Next(2) == 0 ? null : Pick(r, 5, 40),
                        (WsdCurve)r.Next(3), (WsdCurve)r.Next(3), Pick(r, 0, 0.5), Pick(r, 0.25, 2)));
            }
            else
            {
                if (r.Next(2) == 0) components.Add(new WarmupPhase(Pick(r, 0.5, 8), (WarmupKind)r.Next(4), Pick(r, 0.01, 0.5)));
                if (r.Next(4) == 0) components.Add(new HoldPhase(Pick(r, 0.5, 5)));
                foreach (int i in Enumerable.Range(0, Shapes.Length).OrderBy(_ => r.Next()).Take(r.Next(0, 4)))
                    components.Add(Shapes[i](r, lr));
            }
            if (r.Next(5) == 0) components.Insert(r.Next(components.Count + 1), new PlateauReduction((PlateauMode)r.Next(2), Pick(r, 0.1, 0.9), r.Next(0, 4),
                Pick(r, 0, 1e-2), (ThresholdMode)r.Next(2), r.Next(0, 3), lr * Pick(r, 0, 0.1), 1e-8));
            var d = new ScheduleDefinition(lr, unit, horizon, new EquatableArray<ScheduleComponent>(components))
            {
                Floor = r.Next(5) == 0 ? lr * Pick(r, 0, 0.2) : null,
                PastHorizon = r.Next(3) == 0 ? PastHorizonPolicy.Continue : PastHorizonPolicy.Hold,
            };
            return d;
        }

        private static double Pick(Random r, double min, double max) => min + (max - min) * r.NextDouble();
    }
}
