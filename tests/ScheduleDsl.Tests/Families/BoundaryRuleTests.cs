using System;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using Xunit;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>PyTorch's boundary rules, value by value at the boundary itself.</summary>
    public class BoundaryRuleTests
    {
        private static CompiledSchedule Compile(double? horizon, params ScheduleComponent[] components) =>
            ScheduleDefinition.Create(1.0, TimeUnit.Steps, horizon, components).Compile();

        [Fact]
        public void LinearLR_reaches_its_end_factor_at_total_iters_and_stays()
        {
            var c = Compile(null, new LinearDecayShape(1.0, 0.25, 8));
            Assert.Equal(1.0 + (0.25 - 1.0) * 7 / 8, c.FactorAt(7), 15);
            Assert.Equal(0.25, c.FactorAt(8));
            Assert.Equal(0.25, c.FactorAt(500));
            var warmup = Compile(null, new WarmupPhase(8, WarmupKind.Linear, 0.2));
            Assert.Equal(0.2 + 0.8 * 7 / 8, warmup.FactorAt(7), 15);
            Assert.Equal(1.0, warmup.FactorAt(8));
        }

        [Fact]
        public void ConstantLR_keeps_its_factor_until_total_iters_then_the_base()
        {
            var c = Compile(null, new WarmupPhase(5, WarmupKind.Constant, 1.0 / 3));
            Assert.Equal(1.0 / 3, c.FactorAt(0));
            Assert.Equal(1.0 / 3, c.FactorAt(4));
            Assert.Equal(1.0, c.FactorAt(5));
        }

        [Fact]
        public void MultiStepLR_applies_gamma_once_per_listed_milestone()
        {
            var c = Compile(null, new MultiStepShape(new EquatableArray<double>(new[] { 10.0, 10.0, 20.0 }), 0.5));
            Assert.Equal(1.0, c.FactorAt(9));
            Assert.Equal(0.25, c.FactorAt(10));
            Assert.Equal(0.25, c.FactorAt(19));
            Assert.Equal(0.125, c.FactorAt(20));
        }

        [Fact]
        public void StepLR_decays_exactly_at_multiples_of_step_size()
        {
            var c = Compile(null, new StepDecayShape(30, 0.1));
            Assert.Equal(1.0, c.FactorAt(29));
            Assert.Equal(0.1, c.FactorAt(30));
            Assert.Equal(Math.Pow(0.1, 2), c.FactorAt(60));
        }

        [Fact]
        public void CyclicLR_cycle_arithmetic_with_unequal_halves()
        {
            // base 0.2, up 15, down 35: cycle 50; peak at 15, base at 0, 50, 100.
            var tri = Compile(null, new CyclicShape(0.2, 15, 35));
            Assert.Equal(0.2, tri.FactorAt(0), 15);
            Assert.Equal(1.0, tri.FactorAt(15), 15);
            Assert.Equal(0.2 + 0.8 * (1 - 10.0 / 35), tri.FactorAt(25), 15);
            Assert.Equal(0.2, tri.FactorAt(50), 15);
            Assert.Equal(1.0, tri.FactorAt(65), 15);

            var tri2 = Compile(null, new CyclicShape(0.2, 15, 35, CyclicMode.Triangular2));
            Assert.Equal(1.0, tri2.FactorAt(15), 15);
            Assert.Equal(0.2 + 0.8 * 0.5, tri2.FactorAt(65), 15);
            Assert.Equal(0.2 + 0.8 * 0.25, tri2.FactorAt(115), 15);

            var exp = Compile(null, new CyclicShape(0.2, 15, 35, CyclicMode.ExpRange, 0.99));
            Assert.Equal(0.2 + 0.8 * Math.Pow(0.99, 15), exp.FactorAt(15), 15);
            Assert.Equal(0.2 + 0.8 * Math.Pow(0.99, 65), exp.FactorAt(65), 15);
        }

        [Theory]
        [InlineData(AnnealStrategy.Cos)]
        [InlineData(AnnealStrategy.Linear)]
        public void OneCycleLR_phases_end_at_pct_start_T_minus_1_and_T_minus_1(AnnealStrategy anneal)
        {
            var two = Compile(400, new OneCycleShape(0.3, anneal, 25, 1e4));
            Assert.Equal(1.0 / 25, two.FactorAt(0), 15);
            Assert.Equal(1.0, two.FactorAt(0.3 * 400 - 1), 15);
            Assert.True(two.FactorAt(118) < 1.0 && two.FactorAt(120) < 1.0);
            Assert.Equal(1.0 / 25 / 1e4, two.FactorAt(399), 15);

            var three = Compile(400, new OneCycleShape(0.3, anneal, 25, 1e4, ThreePhase: true));
            Assert.Equal(1.0, three.FactorAt(119), 15);
            Assert.Equal(1.0 / 25, three.FactorAt(2 * 0.3 * 400 - 2), 15);
            Assert.Equal(1.0 / 25 / 1e4, three.FactorAt(399), 15);
        }

        [Fact]
        public void Wsd_phases_switch_at_warmup_and_warmup_plus_stable()
        {
            var c = Compile(100, new WsdShape(10, 40, null, WsdCurve.Linear, WsdCurve.Linear, 0.1));
            Assert.Equal(0.1, c.FactorAt(0), 15);
            Assert.Equal(0.1 + 0.9 * 0.9, c.FactorAt(9), 15);
            Assert.Equal(1.0, c.FactorAt(10));
            Assert.Equal(1.0, c.FactorAt(49));
            Assert.Equal(1.0, c.FactorAt(50));
            Assert.Equal(0.1 + 0.9 * (1 - 1.0 / 50), c.FactorAt(51), 15);
            Assert.Equal(0.1, c.FactorAt(100));
        }
    }

    /// <summary>ReduceLROnPlateau's rules, report by report.</summary>
    public class PlateauRuleTests
    {
        private static Schedule Plateau(PlateauReduction p, double peak = 1.0) =>
            new(ScheduleDefinition.Create(peak, TimeUnit.Epochs, null, p));

        [Fact]
        public void Reduces_at_the_first_bad_report_beyond_patience()
        {
            var s = Plateau(new PlateauReduction(Factor: 0.5, Patience: 3));
            Assert.False(s.ReportMetric(1.0));
            for (int i = 0; i < 3; i++) Assert.False(s.ReportMetric(1.0));
            Assert.Equal(1.0, s.CurrentFactor);
            Assert.True(s.ReportMetric(1.0));
            Assert.Equal(0.5, s.CurrentFactor);
        }

        [Fact]
        public void Cooldown_ignores_reports_after_a_reduction()
        {
            var s = Plateau(new PlateauReduction(Factor: 0.5, Patience: 0, Cooldown: 2));
            s.ReportMetric(1.0);
            Assert.True(s.ReportMetric(2.0)); // 1 bad > patience 0
            Assert.False(s.ReportMetric(2.0)); // cooldown 2 -> 1
            Assert.False(s.ReportMetric(2.0)); // cooldown 1 -> 0
            Assert.True(s.ReportMetric(2.0));
            Assert.Equal(0.25, s.CurrentFactor);
        }

        [Fact]
        public void Min_lr_bounds_the_reductions()
        {
            var s = Plateau(new PlateauReduction(Factor: 0.1, Patience: 0, MinLr: 0.002), peak: 0.1);
            s.ReportMetric(1.0);
            Assert.True(s.ReportMetric(1.0));
            Assert.Equal(0.01, s.CurrentRate, 15);
            Assert.True(s.ReportMetric(1.0));
            Assert.Equal(0.002, s.CurrentRate, 15);
            Assert.False(s.ReportMetric(1.0));
            Assert.Equal(0.002, s.CurrentRate, 15);
        }

        [Fact]
        public void Eps_skips_reductions_smaller_than_it()
        {
            var s = Plateau(new PlateauReduction(Factor: 0.5, Patience: 0, Eps: 0.3));
            s.ReportMetric(1.0);
            Assert.True(s.ReportMetric(1.0)); // 1 -> 0.5 moves by 0.5 > eps
            Assert.False(s.ReportMetric(1.0)); // 0.5 -> 0.25 moves by 0.25 <= eps: skipped
            Assert.Equal(0.5, s.CurrentFactor);
        }

        [Fact]
        public void Threshold_modes_decide_what_counts_as_better()
        {
            // rel, min: better means below best * (1 - 0.1).
            var rel = Plateau(new PlateauReduction(Factor: 0.5, Patience: 0, Threshold: 0.1));
            rel.ReportMetric(1.0);
            Assert.True(rel.ReportMetric(0.95)); // not 10% better
            var relOk = Plateau(new PlateauReduction(Factor: 0.5, Patience: 0, Threshold: 0.1));
            relOk.ReportMetric(1.0);
            Assert.False(relOk.ReportMetric(0.89));

            // abs, max: better means above best + 0.1.
            var abs = Plateau(new PlateauReduction(PlateauMode.Max, 0.5, 0, 0.1, ThresholdMode.Abs));
            abs.ReportMetric(0.5);
            Assert.True(abs.ReportMetric(0.6)); // exactly +0.1 is not better
            var absOk = Plateau(new PlateauReduction(PlateauMode.Max, 0.5, 0, 0.1, ThresholdMode.Abs));
            absOk.ReportMetric(0.5);
            Assert.False(absOk.ReportMetric(0.61));
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void A_non_finite_metric_is_refused(double metric)
        {
            var s = Plateau(new PlateauReduction());
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => s.ReportMetric(metric));
            Assert.Equal("metric", e.ParamName);
            Assert.StartsWith("metric must be a finite number; a NaN or infinite loss usually means training diverged.", e.Message);
        }

        [Fact]
        public void ReportMetric_without_plateau_reduction_is_refused()
        {
            var s = new Schedule(ScheduleDefinition.Create(1.0, TimeUnit.Epochs, null, new StepDecayShape(3)));
            var e = Assert.Throws<InvalidOperationException>(() => s.ReportMetric(1.0));
            Assert.Equal("ReportMetric needs [ReduceOnPlateau] in the schedule definition.", e.Message);
        }
    }
}
