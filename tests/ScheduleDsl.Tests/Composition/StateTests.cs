using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Tests.Families;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>Saving and restoring: the continued sequence is bit-for-bit the uninterrupted one.</summary>
    public class StateTests
    {
        private static ScheduleDefinition Definition() => ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 60,
            new WarmupPhase(3), new CosineShape(0.001), new PlateauReduction(Factor: 0.5, Patience: 2, Cooldown: 3, MinLr: 1e-4));

        /// <summary>Steps the schedule, reporting a metric every 10th tick (once per "epoch").</summary>
        private static void Tick(Schedule s, double[] metrics)
        {
            if (s.CurrentStep % 10 == 0) s.ReportMetric(metrics[s.CurrentStep / 10]);
            s.Advance();
        }

        [Fact]
        public void Restoring_at_random_steps_continues_bit_for_bit()
        {
            double[] metrics = PlateauParityTests.Metrics(3, 61, max: false);
            var reference = new Schedule(Definition(), stepsPerEpoch: 10);
            var expected = new double[600];
            for (int k = 0; k < 600; k++) { expected[k] = reference.CurrentFactor; Tick(reference, metrics); }

            var random = new Random(42);
            bool sawCooldown = false;
            for (int trial = 0; trial < 40; trial++)
            {
                int stop = random.Next(1, 599);
                var first = new Schedule(Definition(), stepsPerEpoch: 10);
                while (first.CurrentStep < stop) Tick(first, metrics);
                ScheduleState state = first.SaveState();
                sawCooldown |= state.Plateau.CooldownCounter > 0;

                var resumed = new Schedule(Definition(), stepsPerEpoch: 10);
                resumed.RestoreState(ScheduleState.Parse(state.ToString()));
                Assert.Equal(state, resumed.SaveState());
                for (int k = stop; k < 600; k++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k]), BitConverter.DoubleToInt64Bits(resumed.CurrentFactor));
                    Tick(resumed, metrics);
                }
            }
            Assert.True(sawCooldown, "some saves should land mid-cooldown");
        }

        [Theory]
        [InlineData("en-US")]
        [InlineData("de-DE")]
        public void Text_round_trips_exactly_in_any_culture(string culture)
        {
            CultureInfo saved = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                var plateau = new PlateauState { Scale = 0.1 * 0.5, Best = 0.123456789012345678, BadEpochs = 3, CooldownCounter = 2 };
                var state = new ScheduleState(0x0123456789abcdefUL, 4242, plateau);
                string text = state.ToString();
                const string body = "sdl-state/2 fingerprint=0123456789abcdef step=4242 scale=0.05 best=0.12345678901234568 bad=3 cooldown=2";
                Assert.Equal(body + " checksum=" + StateChecksum.Fnv1a(body), text);
                ScheduleState parsed = ScheduleState.Parse(text);
                Assert.Equal(state, parsed);
                Assert.Equal(plateau.Best, parsed.Plateau.Best);
                Assert.Equal(double.PositiveInfinity, ScheduleState.Parse(new Schedule(Definition()).SaveState().ToString()).Plateau.Best);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }

        [Fact]
        public void A_state_of_another_definition_is_refused()
        {
            var a = new Schedule(Definition());
            var b = new Schedule(Definition() with { Floor = 1e-5 });
            var e = Assert.Throws<ArgumentException>(() => b.RestoreState(a.SaveState()));
            Assert.Equal("state", e.ParamName);
            Assert.StartsWith($"state fingerprint {a.Fingerprint:x16} does not match this schedule ({b.Fingerprint:x16}): it was saved from a different schedule definition.", e.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("hello")]
        [InlineData("sdl-state/1 fingerprint=0123456789abcdef step=1 scale=1 best=1 bad=0")]
        [InlineData("sdl-state/1 fingerprint=xyz step=1 scale=1 best=1 bad=0 cooldown=0")]
        [InlineData("sdl-state/1 fingerprint=0123456789abcdef step=-1 scale=1 best=1 bad=0 cooldown=0")]
        [InlineData("sdl-state/1 fingerprint=0123456789abcdef step=1 scale=1,5 best=1 bad=0 cooldown=0")]
        [InlineData("sdl-state/1 fingerprint=0123456789abcdef steps=1 scale=1 best=1 bad=0 cooldown=0")]
        public void Malformed_text_is_refused(string text)
        {
            var e = Assert.Throws<FormatException>(() => ScheduleState.Parse(text));
            Assert.StartsWith($"text = \"{text}\": ", e.Message);
        }

        /// <summary>Every field is read by its key: a key misspelled with the same length (so the value would still be cut
        /// at the right place) is refused with the key expected, in version 1 and in a version 2 text whose checksum is right.</summary>
        [Theory]
        [InlineData("fingerprint", "fingerprinT")]
        [InlineData("step", "stap")]
        [InlineData("scale", "scala")]
        [InlineData("best", "bust")]
        [InlineData("bad", "bud")]
        [InlineData("cooldown", "cooldawn")]
        [InlineData("origin", "origon")]
        public void A_misspelled_key_is_refused(string key, string misspelled)
        {
            const string fields = "fingerprint=0123456789abcdef step=7 scale=0.5 best=1.25 bad=1 cooldown=0";
            var texts = new List<string> { StateChecksum.V2(fields + " origin=2.5@3") };
            if (key != "origin") texts.Add("sdl-state/1 " + fields);
            foreach (string valid in texts)
            {
                ScheduleState.Parse(valid); // the text is valid as written
                string body = valid.Replace(" " + key + "=", " " + misspelled + "=", StringComparison.Ordinal);
                string text = valid.StartsWith("sdl-state/2", StringComparison.Ordinal)
                    ? StateChecksum.V2(body.Substring("sdl-state/2 ".Length, body.IndexOf(" checksum=", StringComparison.Ordinal) - "sdl-state/2 ".Length))
                    : body;
                string part = text.Split(' ').Single(p => p.StartsWith(misspelled + "=", StringComparison.Ordinal));
                var e = Assert.Throws<FormatException>(() => ScheduleState.Parse(text));
                Assert.Equal($"text = \"{text}\": expected {key}=..., found \"{part}\"", e.Message);
            }
        }

        [Fact]
        public void A_misspelled_checksum_key_is_refused()
        {
            string valid = StateChecksum.V2("fingerprint=0123456789abcdef step=7 scale=0.5 best=1.25 bad=1 cooldown=0");
            string text = valid.Replace(" checksum=", " checksun=", StringComparison.Ordinal);
            var e = Assert.Throws<FormatException>(() => ScheduleState.Parse(text));
            Assert.Equal($"text = \"{text}\": expected checksum=..., found \"{text.Split(' ')[^1]}\"", e.Message);
        }

        [Fact]
        public void An_unsupported_version_is_refused()
        {
            const string text = "sdl-state/3 fingerprint=0123456789abcdef step=1 scale=1 best=1 bad=0 cooldown=0 checksum=0000000000000000";
            var e = Assert.Throws<FormatException>(() => ScheduleState.Parse(text));
            Assert.Equal($"text = \"{text}\": state format 3 is not supported (this version reads 1 and 2).", e.Message);
        }
    }
}
