using System;
using System.Collections.Generic;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>What a compiled schedule tells generated code and drivers about itself: whether the core can evaluate it
    /// (a custom factor runs only with its delegate), which term cycles momentum, how its parts are laid out.</summary>
    public class CompiledScheduleTests
    {
        private static ScheduleDefinition S(params ScheduleComponent[] c) => ScheduleDefinition.Create(0.1, TimeUnit.Steps, 100, c);

        private static readonly IReadOnlyDictionary<string, RuntimeFactor> Bound = new Dictionary<string, RuntimeFactor> { ["F"] = RuntimeFactor.OfTime(t => 0.5) };

        [Fact]
        public void A_custom_factor_is_evaluable_only_with_its_delegate_wherever_it_sits()
        {
            Assert.True(S(new CosineShape()).CompileValidated().IsEvaluable);
            Assert.False(S(new CustomShape("F")).CompileValidated().IsEvaluable);
            Assert.True(new CompiledSchedule(S(new CustomShape("F")), customFactors: Bound).IsEvaluable);
            Assert.False(S(new WarmupPhase(5), new CustomShape("F") { From = 50 }).CompileValidated().IsEvaluable);
            Assert.True(new CompiledSchedule(S(new WarmupPhase(5), new CustomShape("F") { From = 50 }), customFactors: Bound).IsEvaluable);
            // A whole schedule stands alone: a windowed custom factor still counts.
            Assert.True(S(new OneCycleShape()).CompileValidated().IsEvaluable);
            Assert.False(S(new OneCycleShape(), new CustomShape("F") { From = 50 }).CompileValidated().IsEvaluable);
            Assert.Equal(0.5, new CompiledSchedule(S(new CustomShape("F")), customFactors: Bound).FactorAt(3));
            Assert.Throws<NotSupportedException>(() => S(new CustomShape("F")).CompileValidated().FactorAt(3));
        }

        [Fact]
        public void Momentum_is_cycled_by_the_unwindowed_cycling_term_or_inside_a_cycling_window()
        {
            CompiledSchedule plain = S(new CosineShape()).CompileValidated();
            Assert.Equal((false, false, (Term?)null), (plain.CyclesMomentum, plain.WindowsCycleMomentum, plain.MomentumTerm));
            Assert.Equal(0.95, plain.Momentum(10, 0.85, 0.95));

            CompiledSchedule cyclic = S(new CosineShape(), new CyclicShape(0.01, 10)).CompileValidated();
            Assert.Equal((true, false), (cyclic.CyclesMomentum, cyclic.WindowsCycleMomentum));
            Assert.Same(cyclic.Shapes[1], cyclic.MomentumTerm);
            Assert.Equal(0.85, cyclic.Momentum(10, 0.85, 0.95), 12); // the cycle's top: the lowest momentum

            CompiledSchedule oneCycle = S(new OneCycleShape()).CompileValidated();
            Assert.Same(oneCycle.Whole, oneCycle.MomentumTerm);

            CompiledSchedule windowed = S(new CosineShape() { Until = 50 }, new CyclicShape(0.01, 10) { From = 50 }).CompileValidated();
            Assert.Equal((true, true, (Term?)null), (windowed.CyclesMomentum, windowed.WindowsCycleMomentum, windowed.MomentumTerm));
            Assert.Equal(0.95, windowed.Momentum(10, 0.85, 0.95)); // before the cyclic window: untouched
            Assert.Equal(0.85, windowed.Momentum(60, 0.85, 0.95), 12); // its own time 10: the top of its cycle
        }

        [Fact]
        public void The_parts_are_laid_out_in_declaration_order()
        {
            CompiledSchedule c = S(new WarmupPhase(5), new HoldPhase(10), new CosineShape(0.001), new StepDecayShape(30, 0.5) { From = 40 },
                new PlateauReduction(MinLr: 0.002, Eps: 0.0005)).CompileValidated();
            Assert.Equal((15.0, 100.0, TimeUnit.Steps, 0.1), (c.PrefixLength, c.Horizon, c.Unit, c.PeakRate));
            Assert.Equal(new[] { 5.0, 10.0 }, new[] { c.Prefixes[0].Length, c.Prefixes[1].Length });
            Assert.IsType<CosineShape>(Assert.Single(c.Shapes).Component);
            WindowedTerm w = Assert.Single(c.Windowed);
            Assert.Equal((40.0, double.PositiveInfinity, 0.0, true), (w.Start, w.End, w.StartAt, w.IsOpenEnded));
            Assert.Null(c.Whole);
            Assert.Equal(0.0, c.FloorFactor);
            PlateauSettings p = c.Plateau!.Value;
            Assert.Equal((0.002 / 0.1, 0.0005 / 0.1), (p.MinFactor, p.EpsFactor));
            Assert.Equal(S(new CosineShape()).Fingerprint, S(new CosineShape()).CompileValidated().Fingerprint);
            Assert.Equal(0.5, (S(new CosineShape()) with { Floor = 0.05 }).CompileValidated().FloorFactor);
            Assert.True(double.IsNaN(ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, new StepDecayShape(5)).CompileValidated().Horizon));
        }

        [Fact]
        public void A_window_contains_its_start_and_not_its_end()
        {
            var w = new WindowedTerm(new HoldPhase(1).ToTerm(new TermContext(0.1, 100, 0)), 10, 20);
            Assert.Equal((false, true, true, false), (w.Contains(Math.BitDecrement(10.0)), w.Contains(10), w.Contains(Math.BitDecrement(20.0)), w.Contains(20)));
            Assert.False(w.IsOpenEnded);
            var open = new WindowedTerm(new HoldPhase(1).ToTerm(new TermContext(0.1, 100, 0)), 10, double.PositiveInfinity);
            Assert.True(open.Contains(1e300));
        }
    }
}
