using System;
using System.Collections.Generic;
using System.Globalization;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>Issue 14, "State": every field is validated on restore, the step counter cannot wrap, and the
    /// checksum refuses every single-character flip of a version 2 text.</summary>
    public class StateValidationTests
    {
        private const string Fp = "0123456789abcdef";

        private static ScheduleDefinition PlateauDefinition(PastHorizonPolicy policy = PastHorizonPolicy.Continue) =>
            ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 50, new CosineShape(0.001),
                new PlateauReduction(Factor: 0.5, Patience: 2, Cooldown: 3, MinLr: 1e-4)) with { PastHorizon = policy };

        private static ScheduleDefinition PlainDefinition(PastHorizonPolicy policy) =>
            ScheduleDefinition.Create(0.1, TimeUnit.Steps, 50, new CosineShape()) with { PastHorizon = policy };

        private static string Fields(ulong fingerprint, string step = "7", string scale = "0.5", string best = "0.25", string bad = "1", string cooldown = "0") =>
            $"fingerprint={fingerprint.ToString("x16", CultureInfo.InvariantCulture)} step={step} scale={scale} best={best} bad={bad} cooldown={cooldown}";

        [Theory]
        [InlineData("scale", "NaN", "plateau scale = NaN: must lie in (0, 1]")]
        [InlineData("scale", "0", "plateau scale = 0: must lie in (0, 1]")]
        [InlineData("scale", "-0.5", "plateau scale = -0.5: must lie in (0, 1]")]
        [InlineData("scale", "2", "plateau scale = 2: must lie in (0, 1]")]
        [InlineData("scale", "1E+300", "plateau scale = 1E+300: must lie in (0, 1]")]
        [InlineData("scale", "Infinity", "plateau scale = Infinity: must lie in (0, 1]")]
        [InlineData("scale", "-Infinity", "plateau scale = -Infinity: must lie in (0, 1]")]
        [InlineData("best", "NaN", "plateau best = NaN: must be a metric reported so far")]
        [InlineData("bad", "-1", "plateau bad = -1: must be >= 0.")]
        [InlineData("cooldown", "-3", "plateau cooldown = -3: must be >= 0.")]
        [InlineData("step", "-1", "step = -1: must be >= 0.")]
        public void Impossible_values_are_refused_in_both_versions(string field, string value, string rule)
        {
            string fields = field switch
            {
                "scale" => Fields(1, scale: value),
                "best" => Fields(1, best: value),
                "bad" => Fields(1, bad: value),
                "cooldown" => Fields(1, cooldown: value),
                _ => Fields(1, step: value),
            };
            foreach (string text in new[] { "sdl-state/1 " + fields, StateChecksum.V2(fields) })
            {
                var e = Assert.Throws<FormatException>(() => ScheduleState.Parse(text));
                Assert.StartsWith($"text = \"{text}\": {rule}", e.Message);
            }
        }

        [Fact]
        public void The_constructor_and_a_default_state_are_checked_too()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                new ScheduleState(1, 0, new PlateauState { Scale = double.NaN, Best = 0 }));
            Assert.Equal("plateau", e.ParamName);
            Assert.StartsWith("plateau scale = NaN: must lie in (0, 1]", e.Message);

            var schedule = new Schedule(PlainDefinition(PastHorizonPolicy.Continue));
            var d = Assert.Throws<ArgumentException>(() => schedule.RestoreState(default));
            Assert.Equal("state", d.ParamName); // a default state carries fingerprint 0
        }

        [Fact]
        public void Version_1_texts_are_still_read()
        {
            var schedule = new Schedule(PlateauDefinition());
            string text = "sdl-state/1 " + Fields(schedule.Fingerprint, step: "12", scale: "0.5", best: "0.25", bad: "1", cooldown: "0");
            schedule.RestoreState(ScheduleState.Parse(text));
            Assert.Equal(12, schedule.CurrentStep);
            Assert.Equal(0.5, schedule.PlateauScale);
            Assert.Equal(StateChecksum.V2(Fields(schedule.Fingerprint, step: "12")), schedule.SaveState().ToString());
        }

        [Fact]
        public void A_wrong_checksum_is_refused()
        {
            string fields = Fields(1);
            string good = StateChecksum.V2(fields);
            string bad = good.Substring(0, good.Length - 16) + "0000000000000000";
            var e = Assert.Throws<FormatException>(() => ScheduleState.Parse(bad));
            Assert.Equal($"text = \"{bad}\": checksum 0000000000000000 does not match the text ({StateChecksum.Fnv1a("sdl-state/2 " + fields)}): the state was damaged or edited", e.Message);
            Assert.Throws<FormatException>(() => ScheduleState.Parse("sdl-state/2 " + fields)); // no checksum at all
        }

        public static IEnumerable<object[]> InconsistentPlateauStates() => new[]
        {
            new object[] { "bad", "3", "0", "0.25", "state plateau bad = 3: must be <= Patience (2)" },
            new object[] { "cooldown", "0", "4", "0.25", "state plateau cooldown = 4: must be <= Cooldown (3)" },
            new object[] { "bad during cooldown", "1", "2", "0.25", "state plateau bad = 1 with cooldown = 2: bad reports are not counted during a cooldown" },
            new object[] { "best", "0", "0", "-Infinity", "state plateau best = -Infinity: impossible in mode Min" },
        };

        [Theory]
        [MemberData(nameof(InconsistentPlateauStates))]
        public void A_plateau_state_the_settings_cannot_reach_is_refused_and_nothing_changes(string what, string bad, string cooldown, string best, string rule)
        {
            var schedule = new Schedule(PlateauDefinition());
            schedule.Advance();
            ScheduleState before = schedule.SaveState();
            var state = ScheduleState.Parse(StateChecksum.V2(Fields(schedule.Fingerprint, bad: bad, cooldown: cooldown, best: best)));
            var e = Assert.Throws<ArgumentException>(() => schedule.RestoreState(state));
            Assert.Equal("state", e.ParamName);
            Assert.StartsWith(rule, e.Message);
            Assert.Equal(before, schedule.SaveState());
            Assert.True(what.Length > 0);
        }

        [Fact]
        public void A_schedule_without_plateau_accepts_only_the_initial_plateau_state()
        {
            var schedule = new Schedule(PlainDefinition(PastHorizonPolicy.Continue));
            var reduced = ScheduleState.Parse(StateChecksum.V2(Fields(schedule.Fingerprint, scale: "0.5", best: "Infinity", bad: "0")));
            var e = Assert.Throws<ArgumentException>(() => schedule.RestoreState(reduced));
            Assert.StartsWith("state has plateau values (scale=0.5 best=Infinity bad=0 cooldown=0) but this schedule has no plateau reduction", e.Message);
            Assert.Equal(0, schedule.CurrentStep);

            schedule.RestoreState(ScheduleState.Parse(StateChecksum.V2(Fields(schedule.Fingerprint, step: "9", scale: "1", best: "Infinity", bad: "0"))));
            Assert.Equal(9, schedule.CurrentStep);
        }

        [Fact]
        public void The_step_counter_does_not_wrap_at_long_MaxValue()
        {
            var schedule = new Schedule(PlainDefinition(PastHorizonPolicy.Continue));
            schedule.RestoreState(ScheduleState.Parse(StateChecksum.V2(Fields(schedule.Fingerprint, step: "9223372036854775806", scale: "1", best: "Infinity", bad: "0"))));
            schedule.Advance();
            Assert.Equal(long.MaxValue, schedule.CurrentStep);
            double rate = schedule.CurrentRate;
            var e = Assert.Throws<InvalidOperationException>(schedule.Advance);
            Assert.Equal("step = 9223372036854775807: the step counter is at its maximum (long.MaxValue) and cannot advance; the schedule stays on this tick.", e.Message);
            Assert.Equal(long.MaxValue, schedule.CurrentStep);
            Assert.Equal(rate, schedule.CurrentRate);
            // Cosine with Continue past its horizon of 50 at step 2^63 - 1: cos is periodic, the rate stays finite.
            Assert.True(double.IsFinite(rate) && rate >= 0);
        }

        [Fact]
        public void A_throw_schedule_refuses_a_step_past_its_horizon_and_keeps_its_state()
        {
            var schedule = new Schedule(PlainDefinition(PastHorizonPolicy.Throw));
            for (int i = 0; i < 5; i++) schedule.Advance();
            var state = ScheduleState.Parse(StateChecksum.V2(Fields(schedule.Fingerprint, step: "70", scale: "1", best: "Infinity", bad: "0")));
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.RestoreState(state));
            Assert.Equal("state", e.ParamName);
            Assert.StartsWith("state step = 70 is at time 70, past the horizon 50 of a PastHorizon(Throw) schedule", e.Message);
            Assert.Equal(5, schedule.CurrentStep);
            schedule.RestoreState(ScheduleState.Parse(StateChecksum.V2(Fields(schedule.Fingerprint, step: "50", scale: "1", best: "Infinity", bad: "0"))));
            Assert.Equal(50, schedule.CurrentStep);
        }

        /// <summary>Every single-character substitution (any printable ASCII character, a tab, a non-ASCII letter)
        /// of a few valid version 2 states is refused: FNV-1a changes for any one-character change of a same-length
        /// text, and a flip inside the checksum no longer matches it.</summary>
        [Fact]
        public void Every_single_character_flip_of_a_v2_state_is_refused()
        {
            var plateau = new Schedule(PlateauDefinition());
            var plain = new Schedule(PlainDefinition(PastHorizonPolicy.Continue));
            string[] states =
            {
                StateChecksum.V2(Fields(plateau.Fingerprint, step: "0", scale: "1", best: "Infinity", bad: "0", cooldown: "0")),
                StateChecksum.V2(Fields(plateau.Fingerprint, step: "4242", scale: "0.125", best: "0.12345678901234568", bad: "2", cooldown: "0")),
                StateChecksum.V2(Fields(plateau.Fingerprint, step: "9223372036854775807", scale: "1E-05", best: "-3", bad: "0", cooldown: "3")),
                plain.SaveState().ToString(),
            };
            var alphabet = new List<char> { '\t', 'é' };
            for (char c = ' '; c <= '~'; c++) alphabet.Add(c);
            int flips = 0;
            foreach (string text in states)
            {
                ScheduleState.Parse(text); // the original is valid
                for (int i = 0; i < text.Length; i++)
                    foreach (char c in alphabet)
                    {
                        if (c == text[i]) continue;
                        string flipped = text.Substring(0, i) + c + text.Substring(i + 1);
                        flips++;
                        Assert.Throws<FormatException>(() => ScheduleState.Parse(flipped));
                    }
            }
            Assert.True(flips > 30000, $"{flips} flips");
        }

        [Fact]
        public void Bad_reports_saturate_instead_of_wrapping()
        {
            var s = new PlateauSettings(PlateauMode.Min, 0.5, int.MaxValue, 0, ThresholdMode.Rel, 0, 0, 0);
            var state = new PlateauState { Scale = 1, Best = 0, BadEpochs = int.MaxValue - 1 };
            Assert.False(state.Report(1, 1, s));
            Assert.Equal(int.MaxValue, state.BadEpochs);
            Assert.False(state.Report(1, 1, s));
            Assert.Equal(int.MaxValue, state.BadEpochs);
            Assert.Equal(1.0, state.Scale);
        }
    }
}
