using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;
using Xunit.Sdk;

namespace ScheduleDsl.Tests.Validation
{
    /// <summary>The bounds validation reasons with (a product of the shapes' largest factors must stay finite, a momentum at
    /// most 1, a temperature above 0): each family's largest and smallest factor up to a time, written by hand from its
    /// formula, and checked to hold the factor the schedule really computes at every quarter up to that time (and to be
    /// reached where the bound is the factor's own extreme).</summary>
    public class FactorBoundTests
    {
        // A peak of 0.5: a rate over it is twice the rate, exactly.
        private const double Peak = 0.5, MaxTime = 100;

        private static EquatableArray<double> A(params double[] values) => new(values);

        // Component, largest, smallest (null: unknown), and whether the schedule reaches both bounds by MaxTime.
        private static readonly (ScheduleComponent C, double Largest, double? Smallest, bool Reached)[] Cases =
        {
            (new WarmupPhase(5, WarmupKind.Linear, 0.2), 1, 0.2, true),
            (new HoldPhase(5), 1, 1, true),
            (new StepDecayShape(30, 0.5), 1, 0.125, true),
            (new StepDecayShape(30, 2), 8, 1, true),
            (new MultiStepShape(A(10, 20, 50), 0.5), 1, 0.125, true),
            (new MultiStepShape(A(10, 20, 50), 2), 8, 1, true),
            (new ExponentialShape(0.5, 10), 1, 1.0 / 1024, true),
            (new ExponentialShape(2, 20), 32, 1, true),
            (new PolynomialShape(1, 0.02), 1, 0.04, true),
            (new PolynomialShape(1, 0, null, 1.5), 3, 1, true), // an end above the base rises to it
            (new InverseTimeShape(0.5, 10), 1, 1.0 / 6, true),
            (new InverseSqrtShape(), 1, double.Epsilon, false), // above 0 at every finite time
            (new LinearDecayShape(0.9, 0.1, 50), 1, 0.1, false),
            (new LinearDecayShape(1.5, 0.5), 1.5, 0.5, true),
            (new LinearDecayShape(0.8, 0, 50, 1.5), 3, 0.8, true),
            (new CosineShape(0.02), 1, 0.04, true),
            (new CosineShape(1.5), 3, 1, true),
            (new CosineRestartsShape(10, 1, 0.01), 1, 0.02, false), // each cycle ends just before it reaches the minimum
            (new CosineRestartsShape(10, 1, 0.01, 0.5, RestartDecayMode.Peak, 3), 1, 0.02, true), // the third cycle's peak 0.25 stays above the minimum
            (new CosineRestartsShape(10, 1, 0.05, 0.25, RestartDecayMode.Peak, 3), 1, 0.0625, true), // ... the third cycle's peak 0.0625 falls below it
            (new CosineRestartsShape(10, 1, 0.01, 0.5, RestartDecayMode.Peak), 1, 0, false), // no limit: the peaks shrink towards 0
            (new CosineRestartsShape(10, 1, 0.01, 0.5, RestartDecayMode.Amplitude), 1, 0.02, false),
            (new CyclicShape(0.01, 10), 1, 0.02, true),
            (new CyclicShape(0.01, 10, null, CyclicMode.ExpRange, 1.01), Math.Pow(1.01, 100), 0.02, false),
            (new CyclicShape(0.01, 10, null, CyclicMode.Triangular, 1.01), 1, 0.02, true), // gamma unused
            (new CyclicShape(0.01, 10, null, CyclicMode.ExpRange, 0.99), 1, 0.02, false), // shrinking cycles
            (new CyclicShape(0.01, 10).WithMaxLr(1.0), 2, 0.02, true),
            (new CyclicShape(0.01, 10).WithMaxLr(0.05), 1, 0.02, false),
            (new CyclicShape(0.75, 10).WithMaxLr(1.0), 2, 1.5, true), // a cycle entirely above the peak
            (new OneCycleShape(), 1, 1.0 / 25 / 1e4, true),
            (new OneCycleShape(Anneal: AnnealStrategy.Linear), 1, 0, true), // extrapolated one step past its end, held at 0 by the floor
            (new OneCycleShape(DivFactor: 0.5), 2, 2.0 / 1e4, true),
            (new OneCycleShape(FinalDivFactor: 0.5), 1, 1.0 / 25, true), // ends at 2/25, above its start: the start is the lowest
            (new OneCycleShape(ThreePhase: true, FinalDivFactor: 0.5), 1, 1.0 / 25, true),
            (new WsdShape(10, 20), 1, 0, true),
            (new WsdShape(0, 20, null, MinLrRatio: 0.1), 1, 0.1, true),
            (new WsdShape(10, 20, null, MinLrRatio: 0.1), 1, 0.1, true), // the warmup starts at MinLrRatio, not 0
            (new PiecewiseConstantShape(A(10), A(1.0, 0.25)), 2, 0.5, true),
            (new PiecewiseConstantShape(A(10), A(0.4, 0.25)), 1, 0.5, false),
            (new PiecewiseInterpolateShape(A(0, 10), A(1.5, 0.4)), 1.5, 0.4, true),
            (new PiecewiseInterpolateShape(A(0, 10), A(0.5, 0.4)), 1, 0.4, false),
            (new RateNoiseShape(0.3, NoiseDistribution.Uniform), 1.3, 0.7, false),
            (new ConstantFactorShape(0.25), 1, 0.25, true),
            (new LinearFactorShape(0.5, 0.8), 1, 0.5, false),
        };

        [Fact]
        public void Each_familys_bounds_are_its_formulas_extremes_and_hold_what_it_computes()
        {
            foreach ((ScheduleComponent c, double largest, double? smallest, bool reached) in Cases)
            {
                Assert.Equal((largest, smallest), (c.LargestFactor(MaxTime, Peak), c.SmallestFactor(MaxTime, Peak)));
                CompiledSchedule compiled = ScheduleDefinition.Create(Peak, TimeUnit.Steps, MaxTime, c).CompileValidated();
                double[] factors = Enumerable.Range(0, (int)(MaxTime * 4) + 1).Select(k => compiled.FactorAt(k / 4.0)).ToArray();
                double min = factors.Min(), max = factors.Max();
                if (!(max <= largest * (1 + 1e-12) && min >= smallest * (1 - 1e-12)))
                    throw new XunitException($"{c}: computes factors in [{min:R}, {max:R}], outside its bounds [{smallest:R}, {largest:R}].");
                if (reached && !(Math.Abs(max - largest) <= 1e-12 * largest && Math.Abs(min - smallest!.Value) <= 1e-12))
                    throw new XunitException($"{c}: computes factors in [{min:R}, {max:R}], its bounds are [{smallest:R}, {largest:R}].");
            }
        }

        [Fact]
        public void Plateau_reduction_bounds_the_factor_by_its_minimum_and_a_custom_factor_is_unknown()
        {
            Assert.Equal(0.02, new PlateauReduction(MinLr: 0.01).SmallestFactor(MaxTime, Peak));
            Assert.Null(new CustomShape("F").SmallestFactor(MaxTime, Peak));
            Assert.Equal(1.0, new CustomShape("F").LargestFactor(MaxTime, Peak));
        }
    }
}
