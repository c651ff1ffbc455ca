using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Tests.Text
{
    /// <summary>Every family, with its defaults and with every optional argument set to a value other than its default
    /// (and, for the families that have them, each spelling of the end value, MaxLr, a scale mode...), so a record's
    /// text that drops or swaps an argument shows. Arguments are distinct numbers wherever a swap could hide.</summary>
    internal static class Catalogue
    {
        /// <summary>The peak the terms resolve their absolute rates against.</summary>
        public const double Peak = 0.1;

        /// <summary>The horizon left to the shapes (defaults for lengths and periods).</summary>
        public const double Remaining = 100.0;

        /// <summary>The declared warmup's length (the inverse square root's default timescale).</summary>
        public const double WarmupLength = 5.0;

        /// <summary>The name of the custom factor's method, a keyword (written <c>@double</c>).</summary>
        public const string CustomMethod = "double";

        /// <summary>The custom factor's formula, in C# for the compiled class and as a delegate for the core.</summary>
        public const string CustomFormula = "1.0 / (1.0 + 0.25 * t)";

        public static double Custom(double t) => 1.0 / (1.0 + 0.25 * t);

        private static EquatableArray<double> A(params double[] values) => new(values);

        /// <summary>A record, its description (in epochs) and its canonical text, both written by hand from the family's
        /// documented wording.</summary>
        public sealed record Entry(ScheduleComponent Component, string Description, string Canonical);

        private static Entry W(ScheduleComponent component, string description, string canonical) => new(component, description, canonical);

        /// <summary>Every entry (plateau reduction included: it has no term, but is described and rebuilt).</summary>
        public static IReadOnlyList<Entry> Entries { get; } = new[]
        {
            W(new WarmupPhase(3), "linear warmup from 0 x peak over 3 epochs", "warmup(3,Linear,0)"),
            W(new WarmupPhase(4, WarmupKind.Linear, 0.2), "linear warmup from 0.2 x peak over 4 epochs", "warmup(4,Linear,0.2)"),
            W(new WarmupPhase(4.5, WarmupKind.Cosine, 0.25), "cosine warmup from 0.25 x peak over 4.5 epochs", "warmup(4.5,Cosine,0.25)"),
            W(new WarmupPhase(6, WarmupKind.Exponential, 0.01), "exponential warmup from 0.01 x peak over 6 epochs", "warmup(6,Exponential,0.01)"),
            W(new WarmupPhase(7, WarmupKind.Constant, 0.3), "constant warmup from 0.3 x peak over 7 epochs", "warmup(7,Constant,0.3)"),
            W(new HoldPhase(7), "hold at the peak for 7 epochs", "hold(7)"),
            W(new StepDecayShape(25), "step decay by 0.1 every 25 epochs", "step(25,0.1)"),
            W(new StepDecayShape(30, 0.5), "step decay by 0.5 every 30 epochs", "step(30,0.5)"),
            W(new MultiStepShape(A(10, 20, 20, 50)), "decay by 0.1 at 10, 20, 20, 50 epochs", "multistep(10;20;20;50;0.1)"),
            W(new MultiStepShape(A(15, 45), 0.3), "decay by 0.3 at 15, 45 epochs", "multistep(15;45;0.3)"),
            W(new ExponentialShape(0.95), "exponential decay by 0.95 per 1 epochs", "exp(0.95,1,False)"),
            W(new ExponentialShape(0.9, 7, true), "exponential decay by 0.9 per 7 epochs (staircase)", "exp(0.9,7,True)"),
            W(new PolynomialShape(), "polynomial decay (power 1) to 0", "poly(1,0,auto)"),
            W(new PolynomialShape(2, 0.001, 80), "polynomial decay (power 2) to 0.001 over 80 epochs", "poly(2,0.001,80)"),
            W(new PolynomialShape(1.5, 0, 60, 0.002), "polynomial decay (power 1.5) to 0.002 over 60 epochs", "poly(1.5,0.002,60)"),
            W(new InverseTimeShape(0.5), "inverse-time decay (rate 0.5 per 1 epochs)", "invtime(0.5,1,False)"),
            W(new InverseTimeShape(0.3, 4, true), "inverse-time decay (rate 0.3 per 4 epochs, staircase)", "invtime(0.3,4,True)"),
            W(new InverseSqrtShape(), "inverse square root decay", "invsqrt(auto)"),
            W(new InverseSqrtShape(12), "inverse square root decay (timescale 12)", "invsqrt(12)"),
            W(new LinearDecayShape(), "linear decay from 1 to 0 x peak", "linear(1,0,auto)"),
            W(new LinearDecayShape(0.9, 0.1, 70), "linear decay from 0.9 to 0.1 x peak over 70 epochs", "linear(0.9,0.1,70)"),
            W(new LinearDecayShape(0.8, 0, 50, 0.003), "linear decay from 0.8 x base to 0.003 over 50 epochs", "linear(0.8,end=0.003,50)"),
            W(new CosineShape(), "cosine annealing to 0", "cos(0,auto)"),
            W(new CosineShape(0.001, 40), "cosine annealing to 0.001 over 40 epochs", "cos(0.001,40)"),
            W(new CosineShape(0, 30, 0.002), "cosine annealing to 0.002 over 30 epochs", "cos(0.002,30)"),
            W(new CosineRestartsShape(10), "cosine annealing to 0 with warm restarts every 10 epochs", "restarts(10,1,0)"),
            W(new CosineRestartsShape(10, 2, 0.001), "cosine annealing to 0.001 with warm restarts every 10 epochs (period x2 each time)", "restarts(10,2,0.001)"),
            W(new CosineRestartsShape(7, 1, 0.001, 0.5, RestartDecayMode.Amplitude, 3),
                    "cosine annealing to 0.001 with warm restarts every 7 epochs, cycle amplitude x0.5 per restart, held at the minimum after 3 cycles",
                    "restarts(7,1,0.001,0.5,Amplitude,3)"),
            W(new CosineRestartsShape(5, 2, 0.0005, 0.7, RestartDecayMode.Peak, 2),
                    "cosine annealing to 0.0005 with warm restarts every 5 epochs (period x2 each time), cycle peak x0.7 per restart, held at the minimum after 2 cycles",
                    "restarts(5,2,0.0005,0.7,Peak,2)"),
            W(new CosineRestartsShape(6, 3, 0, 0.8, RestartDecayMode.Peak, 0, 0.002),
                    "cosine annealing to 0.002 with warm restarts every 6 epochs (period x3 each time), cycle peak x0.8 per restart", "restarts(6,3,0.002,0.8,Peak,0)"),
            W(new CosineRestartsShape(8, 1, 0, 1.0, RestartDecayMode.Peak, 1),
                    "cosine annealing to 0 with warm restarts every 8 epochs, held at the minimum after 1 cycle", "restarts(8,1,0,1,Peak,1)"),
            W(new CosineRestartsShape(9, 1, 0, 1.0, RestartDecayMode.Amplitude),
                    "cosine annealing to 0 with warm restarts every 9 epochs", "restarts(9,1,0,1,Amplitude,0)"),
            W(new CyclicShape(0.01, 10), "triangular cycles between 0.01 and the peak (10 epochs up, 10 down)", "cyclic(0.01,10,auto,Triangular,1)"),
            W(new CyclicShape(0.01, 6, 9, CyclicMode.Triangular2), "triangular2 cycles between 0.01 and the peak (6 epochs up, 9 down)", "cyclic(0.01,6,9,Triangular2,1)"),
            W(new CyclicShape(0.02, 5, null, CyclicMode.ExpRange, 0.99), "exprange cycles between 0.02 and the peak (5 epochs up, 5 down)", "cyclic(0.02,5,auto,ExpRange,0.99)"),
            W(new CyclicShape(0.02, 4, 6, CyclicMode.ExpRange, 0.98, CyclicScaleMode.Cycle),
                    "exprange cycles between 0.02 and the peak (4 epochs up, 6 down), scaled per cycle", "cyclic(0.02,4,6,ExpRange,0.98,Cycle)"),
            W(new CyclicShape(0.01, 3, 5, CyclicMode.Triangular2, 1.0, CyclicScaleMode.Iterations),
                    "triangular2 cycles between 0.01 and the peak (3 epochs up, 5 down), scaled per iteration", "cyclic(0.01,3,5,Triangular2,1,Iterations)"),
            W(new CyclicShape(0.03, 5, 7, CyclicMode.Triangular).WithMaxLr(0.2), "triangular cycles between 0.03 and 0.2 (5 epochs up, 7 down)", "cyclic(0.03,5,7,Triangular,1,max=0.2)"),
            W(new CyclicShape(0.03, 4, 8, CyclicMode.ExpRange, 0.97, CyclicScaleMode.Cycle).WithMaxLr(0.06),
                    "exprange cycles between 0.03 and 0.06 (4 epochs up, 8 down), scaled per cycle", "cyclic(0.03,4,8,ExpRange,0.97,Cycle,max=0.06)"),
            W(new OneCycleShape(), "one cycle (30% rising from peak/25, cos annealing to peak/250000)", "onecycle(0.3,Cos,25,10000,False)"),
            W(new OneCycleShape(0.25, AnnealStrategy.Linear, 10, 100, true),
                    "one cycle (three-phase, 25% rising from peak/10, linear annealing to peak/1000)", "onecycle(0.25,Linear,10,100,True)"),
            W(new OneCycleShape(0.4, AnnealStrategy.Cos, 20, 50, false), "one cycle (40% rising from peak/20, cos annealing to peak/1000)", "onecycle(0.4,Cos,20,50,False)"),
            W(new WsdShape(10, 20), "warmup-stable-decay (10 epochs linear warmup, 20 stable, cosine decay to 0 x peak)", "wsd(10,20,auto,Linear,Cosine,0,0.5)"),
            W(new WsdShape(5, 10, 40, WsdCurve.Cosine, WsdCurve.OneMinusSqrt, 0.1, 1.5),
                    "warmup-stable-decay (5 epochs cosine warmup, 10 stable, oneminussqrt decay over 40 epochs to 0.1 x peak)", "wsd(5,10,40,Cosine,OneMinusSqrt,0.1,1.5)"),
            W(new WsdShape(6, 12, 30, WsdCurve.OneMinusSqrt, WsdCurve.Linear, 0.05, 0.75),
                    "warmup-stable-decay (6 epochs oneminussqrt warmup, 12 stable, linear decay over 30 epochs to 0.05 x peak)", "wsd(6,12,30,OneMinusSqrt,Linear,0.05,0.75)"),
            W(new CustomShape(CustomMethod), "double(t)", "custom(double)"),
            W(new PiecewiseConstantShape(A(10, 30), A(0.1, 0.05, 0.01)), "piecewise constant 0.1, 0.05, 0.01 with boundaries at 10, 30 epochs", "piecewise(10;30;|0.1;0.05;0.01;)"),
            W(new PiecewiseConstantShape(A(20), A(0.08, 0.02)), "piecewise constant 0.08, 0.02 with boundaries at 20 epochs", "piecewise(20;|0.08;0.02;)"),
            W(new PiecewiseInterpolateShape(A(0, 10, 50), A(1, 0.5, 0.1)), "linear interpolation through x1 at 0, x0.5 at 10, x0.1 at 50 epochs", "interpolate(0;10;50;|1;0.5;0.1;Linear)"),
            W(new PiecewiseInterpolateShape(A(5, 40), A(0.9, 0.2), Interpolation.Cosine), "cosine interpolation through x0.9 at 5, x0.2 at 40 epochs", "interpolate(5;40;|0.9;0.2;Cosine)"),
            W(new RateNoiseShape(), "normal rate noise below 0.67 (seed 42) from 0 epochs", "noise(0.67,Normal,42,0,auto)"),
            W(new RateNoiseShape(0.3, NoiseDistribution.Uniform, 7, 5, 60), "uniform rate noise below 0.3 (seed 7) from 5 to 60 epochs", "noise(0.3,Uniform,7,5,60)"),
            W(new ConstantFactorShape(0.5), "constant factor 0.5 for 5 epochs", "constf(0.5,5)"),
            W(new ConstantFactorShape(0.25, 8), "constant factor 0.25 for 8 epochs", "constf(0.25,8)"),
            W(new LinearFactorShape(0.5), "linear factor from 0.5 to 1 over 5 epochs", "linf(0.5,1,5)"),
            W(new LinearFactorShape(0.2, 0.8, 12), "linear factor from 0.2 to 0.8 over 12 epochs", "linf(0.2,0.8,12)"),
            W(new PlateauReduction(), "reduced by 0.1 after 10 reports without decrease (reduce-on-plateau)", "plateau(Min,0.1,10,0.0001,Rel,0,0,1E-08)"),
            W(new PlateauReduction(PlateauMode.Max, 0.5, 3, 0.01, ThresholdMode.Abs, 2, 0.001, 1e-6),
                    "reduced by 0.5 after 3 reports without increase (reduce-on-plateau)", "plateau(Max,0.5,3,0.01,Abs,2,0.001,1E-06)"),
        };

        /// <summary>The records of <see cref="Entries"/>.</summary>
        public static IReadOnlyList<ScheduleComponent> Components { get; } = Entries.Select(e => e.Component).ToArray();

        /// <summary>What the terms resolve their defaults against (custom factors bound to <see cref="Custom"/>).</summary>
        public static TermContext Context(double peak = Peak) => new(peak, Remaining, WarmupLength)
        {
            CustomFactors = new Dictionary<string, RuntimeFactor> { [CustomMethod] = RuntimeFactor.OfTime(Custom) },
        };
    }
}
