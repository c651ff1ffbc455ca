using System;
using ScheduleDsl.Composition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>Every way a state text or state value can be malformed gets its own message, in full: what was found and
    /// what was expected. Version 2 texts carry a correct checksum (computed independently) so the check behind it is reached.</summary>
    public class StateTextErrorTests
    {
        private static string Fields(string fingerprint = "0123456789abcdef") =>
            $"fingerprint={fingerprint} step=7 scale=0.5 best=0.25 bad=1 cooldown=0";

        private static void Refused(string text, string reason) =>
            Assert.Equal($"text = \"{text}\": {reason}", Assert.Throws<FormatException>(() => ScheduleState.Parse(text)).Message);

        [Fact]
        public void Field_counts_are_checked_per_version()
        {
            Refused("sdl-state/2 " + Fields(), "a version 2 state has 8 or 9 fields, found 7");
            Refused(StateChecksum.V2(Fields() + " origin=1@1 extra=1"), "a version 2 state has 8 or 9 fields, found 10");
            Refused("sdl-state/1 " + Fields() + " origin=1@1", "a version 1 state has 7 fields, found 8");
        }

        [Theory]
        [InlineData("123456789abcdef")]
        [InlineData("00123456789abcdef")]
        public void A_fingerprint_is_sixteen_hex_digits(string fingerprint)
        {
            Refused(StateChecksum.V2(Fields(fingerprint)), $"fingerprint must be 16 hex digits, found \"{fingerprint}\"");
            Refused("sdl-state/1 " + Fields(fingerprint), $"fingerprint must be 16 hex digits, found \"{fingerprint}\"");
        }

        [Theory]
        [InlineData("origin=1.5", "expected origin=<time>@<step>, found \"origin=1.5\"")]
        [InlineData("origin=1@2@3", "expected origin=<time>@<step>, found \"origin=1@2@3\"")]
        [InlineData("origin=-1@2", "origin must be a finite time >= 0 at a step >= 0")]
        [InlineData("origin=Infinity@2", "origin must be a finite time >= 0 at a step >= 0")]
        [InlineData("origin=NaN@2", "origin must be a finite time >= 0 at a step >= 0")]
        public void An_origin_is_a_finite_time_at_a_step(string origin, string reason) =>
            Refused(StateChecksum.V2(Fields() + " " + origin), reason);

        [Fact]
        public void A_value_refused_while_parsing_gives_the_rule_alone()
        {
            // The rule's sentence, without the "(Parameter 'plateau')" and "Actual value" lines of the exception it came from.
            string text = StateChecksum.V2("fingerprint=0123456789abcdef step=7 scale=0.5 best=0.25 bad=-1 cooldown=0");
            Refused(text, "plateau bad = -1: must be >= 0.");
        }

        [Fact]
        public void An_origin_at_time_0_or_step_0_is_still_written_and_read_back()
        {
            var plateau = PlateauState.Initial(PlateauMode.Min);
            foreach ((double time, long step, string written) in new[] { (0.0, 3L, "origin=0@3"), (1.5, 0L, "origin=1.5@0") })
            {
                var state = new ScheduleState(0x0123456789abcdefUL, 5, plateau, time, step);
                string text = state.ToString();
                Assert.Contains(" " + written + " ", text, StringComparison.Ordinal);
                ScheduleState read = ScheduleState.Parse(text);
                Assert.Equal((time, step), (read.OriginTime, read.OriginStep));
            }
            Assert.DoesNotContain("origin", new ScheduleState(1, 5, plateau, 0.0, 0).ToString(), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(-1.0, 0L, "originTime", "originTime = -1: must be finite and >= 0.")]
        [InlineData(double.PositiveInfinity, 0L, "originTime", "originTime = Infinity: must be finite and >= 0.")]
        [InlineData(double.NaN, 0L, "originTime", "originTime = NaN: must be finite and >= 0.")]
        [InlineData(1.0, -1L, "originStep", "originStep = -1: must be >= 0.")]
        public void The_constructor_refuses_an_impossible_origin(double time, long step, string parameter, string rule)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ScheduleState(1, 5, PlateauState.Initial(PlateauMode.Min), time, step));
            Assert.Equal(parameter, e.ParamName);
            Assert.StartsWith(rule, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_default_state_with_a_matching_fingerprint_is_refused_by_its_values()
        {
            // default(ScheduleState) carries fingerprint 0 and a plateau scale of 0: the rule is restated for the parameter "state".
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => default(ScheduleState).EnsureFingerprint(0));
            Assert.Equal("state", e.ParamName);
            Assert.Equal(0.0, e.ActualValue);
            Assert.StartsWith("state: plateau scale = 0: must lie in (0, 1] (the product of the reductions so far, each factor in (0, 1)). (Parameter 'state')",
                e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("'plateau'", e.Message, StringComparison.Ordinal);
        }
    }
}
