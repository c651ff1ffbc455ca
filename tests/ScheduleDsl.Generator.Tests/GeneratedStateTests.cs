using System;
using System.Globalization;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Issue 14, "State", on generated classes: they refuse what the core's <see cref="Schedule"/>
    /// refuses, with the same messages, and change nothing when they do.</summary>
    public class GeneratedStateTests
    {
        private static (ILearningRateSchedule Generated, Schedule Core) Pair(ScheduleDefinition definition, string ns)
        {
            Type type = GeneratorRunner.CompileAndLoad(AttributeWriter.Usings + $"namespace {ns};\n" + AttributeWriter.Class("Schedule", definition))
                .GetType(ns + ".Schedule")!;
            return ((ILearningRateSchedule)Activator.CreateInstance(type)!, new Schedule(definition));
        }

        private static ScheduleState State(ulong fingerprint, string fields)
        {
            string body = $"sdl-state/1 fingerprint={fingerprint.ToString("x16", CultureInfo.InvariantCulture)} {fields}";
            return ScheduleState.Parse(body);
        }

        [Fact]
        public void Advance_refuses_to_wrap_at_long_MaxValue()
        {
            var (generated, core) = Pair(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 50, new CosineShape()), "Wrap");
            ScheduleState last = State(core.Fingerprint, "step=9223372036854775807 scale=1 best=Infinity bad=0 cooldown=0");
            generated.RestoreState(last);
            core.RestoreState(last);
            var g = Assert.Throws<InvalidOperationException>(generated.Advance);
            var c = Assert.Throws<InvalidOperationException>(core.Advance);
            Assert.Equal(c.Message, g.Message);
            Assert.Equal(long.MaxValue, generated.CurrentStep);
            Assert.Equal(core.CurrentFactor, generated.CurrentFactor);
        }

        [Fact]
        public void A_Throw_schedule_refuses_to_advance_or_restore_past_its_horizon()
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 50, new CosineShape()) with { PastHorizon = PastHorizonPolicy.Throw };
            var (generated, core) = Pair(definition, "Past");
            ScheduleState beyond = State(core.Fingerprint, "step=70 scale=1 best=Infinity bad=0 cooldown=0");
            var g = Assert.Throws<ArgumentOutOfRangeException>(() => generated.RestoreState(beyond));
            var c = Assert.Throws<ArgumentOutOfRangeException>(() => core.RestoreState(beyond));
            Assert.Equal(c.Message, g.Message);
            Assert.Equal("state", g.ParamName);
            Assert.Equal(0, generated.CurrentStep);
        }

        [Theory]
        [InlineData("step=3 scale=0.5 best=0.25 bad=3 cooldown=0")]   // bad above Patience 2
        [InlineData("step=3 scale=0.5 best=0.25 bad=0 cooldown=4")]   // cooldown above 3
        [InlineData("step=3 scale=0.5 best=0.25 bad=1 cooldown=2")]   // bad counted during a cooldown
        [InlineData("step=3 scale=0.5 best=-Infinity bad=0 cooldown=0")] // the Max mode's initial best in Min mode
        public void A_plateau_state_the_settings_cannot_reach_is_refused(string fields)
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 50, new CosineShape(),
                new PlateauReduction(Factor: 0.5, Patience: 2, Cooldown: 3));
            var (generated, core) = Pair(definition, "Plateau" + Math.Abs(fields.GetHashCode()));
            ScheduleState state = State(core.Fingerprint, fields);
            var g = Assert.Throws<ArgumentException>(() => generated.RestoreState(state));
            var c = Assert.Throws<ArgumentException>(() => core.RestoreState(state));
            Assert.Equal(c.Message, g.Message);
            Assert.Equal(0, generated.CurrentStep);
        }

        [Fact]
        public void A_schedule_without_plateau_refuses_a_reduced_plateau_state()
        {
            var (generated, core) = Pair(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 50, new CosineShape()), "NoPlateau");
            ScheduleState state = State(core.Fingerprint, "step=3 scale=0.5 best=Infinity bad=0 cooldown=0");
            var g = Assert.Throws<ArgumentException>(() => generated.RestoreState(state));
            Assert.Equal(Assert.Throws<ArgumentException>(() => core.RestoreState(state)).Message, g.Message);
            Assert.Equal(0, generated.CurrentStep);
        }
    }
}
