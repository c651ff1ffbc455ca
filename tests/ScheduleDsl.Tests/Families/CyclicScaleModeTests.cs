using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Tests.PyTorch;
using ScheduleDsl.Tests.PyTorch.Reference;
using Xunit;
using CyclicMode = ScheduleDsl.CyclicMode;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>[Cyclic(ScaleMode = ...)] against the PyTorch reference model of CyclicLR given the mode's own scale
    /// function (PyTorch's _triangular_scale_fn, _triangular2_scale_fn, _exp_range_scale_fn) and scale_mode "cycle" or
    /// "iterations": lr = base + (max - base) * scale_factor * scale_fn(cycle or last_epoch).</summary>
    public class CyclicScaleModeTests
    {
        private static Func<double, double> PyTorchScaleFn(CyclicMode mode, double gamma) => mode switch
        {
            CyclicMode.Triangular => _ => 1.0,
            CyclicMode.Triangular2 => x => 1 / Math.Pow(2.0, x - 1),
            _ => x => Math.Pow(gamma, x),
        };

        [Theory]
        [InlineData(CyclicMode.ExpRange, CyclicScaleMode.Cycle, 0.8, 4, 4)]
        [InlineData(CyclicMode.ExpRange, CyclicScaleMode.Iterations, 0.95, 3, 5)]
        [InlineData(CyclicMode.ExpRange, CyclicScaleMode.Default, 0.95, 3, 5)]          // iterations
        [InlineData(CyclicMode.Triangular2, CyclicScaleMode.Iterations, 1.0, 2, 2)]
        [InlineData(CyclicMode.Triangular2, CyclicScaleMode.Cycle, 1.0, 2, 6)]
        [InlineData(CyclicMode.Triangular2, CyclicScaleMode.Default, 1.0, 2, 6)]        // cycle
        [InlineData(CyclicMode.Triangular, CyclicScaleMode.Iterations, 1.0, 4, 4)]       // scale 1 either way
        public void Scale_mode_is_PyTorchs_scale_fn_of_the_cycle_or_the_iteration(CyclicMode mode, CyclicScaleMode scaleMode, double gamma, double up, double down)
        {
            const double baseLr = 1, maxLr = 5;
            bool byCycle = scaleMode == CyclicScaleMode.Default ? mode != CyclicMode.ExpRange : scaleMode == CyclicScaleMode.Cycle;
            var o = TorchOptimizer.Sgd(maxLr);
            Observed expected = Protocols.Cycle(o, 40, new CyclicLR(o, new[] { baseLr }, new[] { maxLr }, up, down,
                scaleFn: PyTorchScaleFn(mode, gamma), scaleModeCycle: byCycle, baseMomentum: new[] { 0.8 }, maxMomentum: new[] { 0.9 }));

            var d = ScheduleDefinition.Create(maxLr, TimeUnit.Steps, null, new CyclicShape(baseLr, up, down, mode, gamma, scaleMode));
            var schedule = new Schedule(d);
            double[] rates = new double[40], momenta = new double[40];
            for (int k = 0; k < 40; k++)
            {
                rates[k] = schedule.CurrentRate;
                momenta[k] = schedule.CurrentMomentum(0.8, 0.9);
                schedule.Advance();
            }
            Run.AssertClose(expected.Lr[0], rates, 1e-12 * maxLr, d.Canonical);
            Run.AssertClose(expected.Momentum![0], momenta, 1e-12, d.Canonical + " momentum");
        }

        [Fact]
        public void Exp_range_per_cycle_holds_the_amplitude_within_a_cycle()
        {
            // gamma^cycle: the whole first cycle (t < 8) is scaled by 0.5, the second by 0.25; per iteration it would be 0.5^t.
            var d = ScheduleDefinition.Create(1.0, TimeUnit.Steps, null, new CyclicShape(0.0, 4, null, CyclicMode.ExpRange, 0.5, CyclicScaleMode.Cycle));
            CompiledSchedule c = d.Compile();
            Assert.Equal(0.5, c.RateAt(4), 15);
            Assert.Equal(0.25, c.RateAt(12), 15);
            Assert.Equal(0.5 * 0.5, c.RateAt(2), 15);
            var perIteration = ScheduleDefinition.Create(1.0, TimeUnit.Steps, null, new CyclicShape(0.0, 4, null, CyclicMode.ExpRange, 0.5)).Compile();
            Assert.Equal(Math.Pow(0.5, 4), perIteration.RateAt(4), 15);
        }

        [Fact]
        public void Left_at_default_the_canonical_text_and_call_are_unchanged()
        {
            var plain = ScheduleDefinition.Create(0.01, TimeUnit.Steps, null, new CyclicShape(1e-3, 2000, null, CyclicMode.Triangular2));
            Assert.Equal("cyclic(0.001,2000,auto,Triangular2,1)", plain.Components.Single() is var c ? Canonical(c) : "");
            Assert.Equal("Cyclic.Factor(t, 0.1, 2000.0, 2000.0, CyclicMode.Triangular2, 1.0)", plain.Compile().Shapes.Single().ToString());
            var perCycle = ScheduleDefinition.Create(0.01, TimeUnit.Steps, null, new CyclicShape(1e-3, 2000, null, CyclicMode.ExpRange, 0.99, CyclicScaleMode.Cycle));
            Assert.Equal("cyclic(0.001,2000,auto,ExpRange,0.99,Cycle)", Canonical(perCycle.Components.Single()));
            Assert.Equal("Cyclic.Factor(t, 0.1, 2000.0, 2000.0, CyclicMode.ExpRange, 0.99, CyclicScaleMode.Cycle)", perCycle.Compile().Shapes.Single().ToString());
            Assert.Equal("exprange cycles between 0.001 and the peak (2000 steps up, 2000 down), scaled per cycle", perCycle.Components.Single().Describe("steps"));
        }

        private static string Canonical(ScheduleComponent c)
        {
            var text = new System.Text.StringBuilder();
            c.WriteCanonical(text);
            return text.ToString();
        }
    }
}
