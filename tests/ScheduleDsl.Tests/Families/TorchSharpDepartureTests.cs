using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Cyc = TorchSharp.torch.optim.lr_scheduler.impl.CyclicLR;
using Sched = TorchSharp.torch.optim.lr_scheduler;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>Where TorchSharp 0.107.0 departs from PyTorch. Each test pins what TorchSharp does (so
    /// docs/schedule-semantics.md stays true) and checks that the core follows PyTorch instead.</summary>
    public class TorchSharpDepartureTests
    {
        /// <summary>PyTorch's exp_range scales the amplitude by gamma^iteration; TorchSharp's default uses gamma^cycle.</summary>
        [Fact]
        public void CyclicLR_exp_range_scales_per_cycle_in_TorchSharp_per_iteration_in_PyTorch()
        {
            const double baseLr = 0.01, maxLr = 0.1, gamma = 0.99;
            double[] torch = TorchDriver.Rates(new[] { maxLr }, o => Sched.CyclicLR(o, baseLr, maxLr, 10, 10, Cyc.Mode.ExpRange, gamma, cycle_momentum: false), 100)[0];
            var d = ScheduleDefinition.Create(maxLr, TimeUnit.Steps, null, new CyclicShape(baseLr, 10, null, CyclicMode.ExpRange, gamma));
            double[] core = Run.Rates(d, 100);
            for (int k = 0; k <= 100; k++)
            {
                double cycle = Math.Floor(1 + k / 20.0);
                double x = Math.Abs(k / 10.0 - 2 * cycle + 1);
                Assert.Equal(baseLr + (maxLr - baseLr) * Math.Max(0, 1 - x) * Math.Pow(gamma, cycle), torch[k], 12);
                Assert.Equal(References.CyclicLR(baseLr, maxLr, 10, 10, "exp_range", gamma, k), core[k], 13);
            }
            Assert.NotEqual(torch[5], core[5], 6);
        }

        /// <summary>PyTorch cycles momentum as max - (max - base) * height; TorchSharp adds the height, so its
        /// momentum rises above max_momentum.</summary>
        [Fact]
        public void CyclicLR_momentum_moves_the_wrong_way_in_TorchSharp()
        {
            const double baseM = 0.8, maxM = 0.9;
            var (_, momenta) = TorchDriver.Record(new[] { 0.1 }, 0.9, o => Sched.CyclicLR(o, 0.01, 0.1, 10, 30, Cyc.Mode.Triangular,
                base_momentum: baseM, max_momentum: maxM), 120, s => s.step());
            var schedule = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, new CyclicShape(0.01, 10, 30)));
            for (int k = 0; k <= 120; k++)
            {
                double pytorch = References.CyclicMomentum(baseM, maxM, 10, 30, "triangular", 1.0, k);
                Assert.Equal(pytorch, schedule.CurrentMomentum(baseM, maxM), 14);
                Assert.Equal(2 * maxM - pytorch, momenta[0][k], 12); // max + height instead of max - height
                schedule.Advance();
            }
        }

        /// <summary>TorchSharp's OneCycleLR tests the param-group index where PyTorch tests the phase index, so with
        /// two groups the second stays on the first phase's curve; the core gives each group base x factor.</summary>
        [Fact]
        public void OneCycleLR_with_two_groups_misplaces_the_second_group_in_TorchSharp()
        {
            const int total = 200;
            double[] maxLrs = { 0.1, 0.3 };
            double[][] torch = TorchDriver.Rates(maxLrs, o => Sched.OneCycleLR(o, maxLrs, total, cycle_momentum: false), total - 1);
            var schedule = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, total, new OneCycleShape()));
            double end1 = 0.3 * total - 1;
            for (int k = 0; k < total; k++)
            {
                for (int g = 0; g < 2; g++)
                {
                    double pytorch = References.OneCycleLR(maxLrs[g], total, 0.3, "cos", 25, 1e4, false, 0.85, 0.95, k).Lr;
                    Assert.Equal(pytorch, schedule.GroupRate(maxLrs[g]), 13);
                }
                Assert.Equal(References.OneCycleLR(maxLrs[0], total, 0.3, "cos", 25, 1e4, false, 0.85, 0.95, k).Lr, torch[0][k], 12);
                double firstPhaseCurve = maxLrs[1] + (maxLrs[1] / 25 - maxLrs[1]) / 2 * (Math.Cos(Math.PI * k / end1) + 1);
                Assert.Equal(firstPhaseCurve, torch[1][k], 12);
                schedule.Advance();
            }
        }

        /// <summary>At step T (the last step PyTorch allows) PyTorch extrapolates the last phase; TorchSharp finds no
        /// phase for group 0 and sets the rate to 0.</summary>
        [Fact]
        public void OneCycleLR_sets_rate_zero_at_total_steps_in_TorchSharp()
        {
            const int total = 100;
            double[] torch = TorchDriver.Rates(new[] { 0.1 }, o => Sched.OneCycleLR(o, 0.1, total, cycle_momentum: false), total)[0];
            Assert.Equal(0.0, torch[total]);
            double pytorch = References.OneCycleLR(0.1, total, 0.3, "cos", 25, 1e4, false, 0.85, 0.95, total).Lr;
            Assert.Equal(pytorch, Run.Rates(ScheduleDefinition.Create(0.1, TimeUnit.Steps, total, new OneCycleShape()), total)[total], 15);
        }

        /// <summary>PyTorch keeps milestones in a Counter (a repeated milestone applies gamma twice); TorchSharp applies it once.</summary>
        [Fact]
        public void MultiStepLR_applies_a_repeated_milestone_once_in_TorchSharp()
        {
            int[] milestones = { 10, 10, 20 };
            double[] torch = TorchDriver.Rates(new[] { 1.0 }, o => Sched.MultiStepLR(o, milestones, 0.5), 30)[0];
            double[] core = Run.Rates(ScheduleDefinition.Create(1.0, TimeUnit.Steps, null,
                new MultiStepShape(new EquatableArray<double>(new[] { 10.0, 10.0, 20.0 }), 0.5)), 30);
            Assert.Equal(0.5, torch[10]);
            Assert.Equal(0.25, torch[20]);
            Assert.Equal(0.25, core[10]);
            Assert.Equal(0.125, core[20]);
        }

        /// <summary>TorchSharp has no CosineAnnealingWarmRestarts; the core is compared to PyTorch's formula instead.</summary>
        [Fact]
        public void TorchSharp_has_no_CosineAnnealingWarmRestarts()
        {
            Assert.DoesNotContain(typeof(Sched).Assembly.GetTypes(), t => t.Name.Contains("WarmRestarts", StringComparison.Ordinal));
            Assert.Null(typeof(Sched.LRScheduler).GetMethod("state_dict"));
        }
    }
}
