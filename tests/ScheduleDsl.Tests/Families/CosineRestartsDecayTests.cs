using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Validation;
using Xunit;
using L = ScheduleDsl.Tests.Infrastructure.LibraryReferences;
using R = ScheduleDsl.Tests.Infrastructure.References;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>[CosineRestarts] with a restart decay and a cycle limit, against timm's CosineLRScheduler
    /// (cycle_decay, cycle_limit) and Keras' CosineDecayRestarts (m_mul, t_mul, alpha).</summary>
    public class CosineRestartsDecayTests
    {
        [Theory]
        [InlineData(10, 1, 0.1, 1e-4, 0.5, 0, 60)]
        [InlineData(10, 2, 0.1, 1e-3, 0.7, 0, 160)]
        [InlineData(10, 1, 0.1, 1e-3, 1.0, 1, 40)]   // timm's default cycle_limit = 1: one cycle, then the minimum
        [InlineData(8, 2, 0.05, 0.0, 0.8, 3, 80)]    // limit after three growing cycles (8 + 16 + 32)
        [InlineData(5, 1, 0.01, 0.004, 0.3, 0, 30)]  // decayed top below the minimum: timm's formula rises within the cycle
        [InlineData(7, 3, 1.0, 0.0, 0.0, 0, 40)]     // decay 0: first cycle only, then zero
        public void Peak_decay_and_cycle_limit_are_timm_CosineLRScheduler(double t0, int tMult, double peak, double minLr, double decay, int limit, int steps)
        {
            var d = ScheduleDefinition.Create(peak, TimeUnit.Steps, null,
                new CosineRestartsShape(t0, tMult, minLr, decay, RestartDecayMode.Peak, limit));
            double[] expected = Run.Sequence(steps + 1, k => L.TimmCosine(peak, t0, tMult, minLr, decay, limit == 0 ? int.MaxValue : limit, k));
            Run.AssertClose(expected, Run.Rates(d, steps), Run.ReferenceTolerance(peak), d.Canonical);
        }

        [Theory]
        [InlineData(10, 2, 0.5, 0.0, 0.1, 150)]     // Keras' defaults t_mul = 2, with m_mul
        [InlineData(10, 1, 0.8, 0.05, 0.1, 60)]     // alpha: the minimum is alpha * initial rate, not decayed
        [InlineData(4, 3, 0.9, 0.2, 2.0, 60)]
        public void Amplitude_decay_is_Keras_CosineDecayRestarts(double first, int tMul, double mMul, double alpha, double peak, int steps)
        {
            var d = ScheduleDefinition.Create(peak, TimeUnit.Steps, null,
                new CosineRestartsShape(first, tMul, alpha * peak, mMul, RestartDecayMode.Amplitude));
            double[] expected = Run.Sequence(steps + 1, k => L.KerasCosineDecayRestarts(peak, first, tMul, mMul, alpha, k));
            Run.AssertClose(expected, Run.Rates(d, steps), Run.ReferenceTolerance(peak), d.Canonical);
        }

        [Fact]
        public void The_two_modes_differ_only_through_the_minimum()
        {
            // At the start of the second cycle (decay 0.5, minimum 0.2 of the peak): timm's top is 0.5,
            // Keras' is 0.2 + 0.5 * (1 - 0.2) = 0.6.
            CompiledSchedule Make(RestartDecayMode mode) => ScheduleDefinition.Create(1.0, TimeUnit.Steps, null,
                new CosineRestartsShape(10, 1, 0.2, 0.5, mode)).Compile();
            Assert.Equal(0.5, Make(RestartDecayMode.Peak).RateAt(10), 15);
            Assert.Equal(0.6, Make(RestartDecayMode.Amplitude).RateAt(10), 15);
            Assert.Equal(0.2 + 0.25 * 0.8 * (1 + System.Math.Cos(System.Math.PI * 0.3)) / 2, Make(RestartDecayMode.Amplitude).RateAt(23), 15);
        }

        [Fact]
        public void Without_decay_or_limit_the_values_canonical_text_and_call_are_PyTorchs()
        {
            var plain = new CosineRestartsShape(10, 2, 1e-3);
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 70, plain);
            double[] expected = Run.Sequence(71, k => R.CosineAnnealingWarmRestarts(0.1, 10, 2, 1e-3, k));
            Run.AssertClose(expected, Run.Rates(d, 70), Run.ReferenceTolerance(0.1), d.Canonical);
            Assert.Equal("restarts(10,2,0.001)", Canonical(plain));
            Assert.Equal("CosineRestarts.Factor(t, 10.0, 2.0, 0.01)", d.Compile().Shapes.Single().ToString());

            var decayed = plain with { Decay = 0.5, CycleLimit = 3 };
            Assert.Equal("restarts(10,2,0.001,0.5,Peak,3)", Canonical(decayed));
            Assert.Equal("CosineRestarts.Factor(t, 10.0, 2.0, 0.01, 0.5, RestartDecayMode.Peak, 3.0)",
                ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 70, decayed).Compile().Shapes.Single().ToString());
        }

        private static string Canonical(ScheduleComponent c)
        {
            var text = new System.Text.StringBuilder();
            c.WriteCanonical(text);
            return text.ToString();
        }

        [Fact]
        public void The_cycle_limit_is_a_key_time_and_in_the_description()
        {
            var shape = new CosineRestartsShape(10, 2, 0, 0.5, CycleLimit: 2);
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 100, new WarmupPhase(5), shape);
            Assert.Equal("cosine annealing to 0 with warm restarts every 10 epochs (period x2 each time), cycle peak x0.5 per restart, held at the minimum after 2 cycles",
                shape.Describe("epochs"));
            Assert.Equal((5 + 30.0, "cycle limit"), Assert.Single(shape.KeyTimes(5, 100)));
            Assert.Equal(0.0, d.Compile().RateAt(5 + 30));  // 10 + 20 after warmup: the limit
            Assert.True(d.Compile().RateAt(5 + 29.5) > 0);
        }

        [Theory]
        [InlineData(1.5, 0, "Decay", "CosineRestarts.Decay = 1.5: must lie between 0 and 1.")]
        [InlineData(double.NaN, 0, "Decay", "CosineRestarts.Decay = NaN: must lie between 0 and 1.")]
        [InlineData(0.5, -1, "CycleLimit", "CosineRestarts.CycleLimit = -1: must be an integer >= 0 (0: no limit).")]
        public void Broken_arguments_are_refused_on_the_argument(double decay, int limit, string parameter, string message)
        {
            var d = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, new CosineRestartsShape(10, 1, 0, decay, CycleLimit: limit));
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.InvalidArgument, "CosineRestarts", parameter, message), (v.Kind, v.Component, v.Parameter, v.Message));
            var e = Assert.Throws<ScheduleValidationException>(() => new Schedule(d));
            Assert.Equal("CosineRestarts." + parameter, e.ParamName);
        }
    }
}
