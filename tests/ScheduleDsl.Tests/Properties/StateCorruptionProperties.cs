using System;
using CsCheck;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Properties
{
    /// <summary>Issue 14: random corruption of state texts is refused, or accepted only as a valid state, and a
    /// refused state never changes the schedule.</summary>
    public class StateCorruptionProperties
    {
        private static readonly ScheduleDefinition PlateauDefinition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 1000, new CosineShape(0.001),
            new PlateauReduction(Factor: 0.5, Patience: 3, Cooldown: 2, MinLr: 1e-4)) with { PastHorizon = PastHorizonPolicy.Throw };

        private static readonly string[] Hostile =
        {
            "NaN", "Infinity", "-Infinity", "-1", "0", "2", "1E+300", "-0", "4.9E-324", "1.7976931348623157E+308",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "2147483647", "2147483648", "", "x", "0x10", "1,5", " 1",
        };

        /// <summary>A state a run of <see cref="PlateauDefinition"/> can reach: a step, then reports.</summary>
        private static readonly Gen<Schedule> Reached =
            Gen.Select(Gen.Int[0, 1000], Gen.Double[0.0, 10.0].Array[0, 30]).Select(t =>
            {
                var s = new Schedule(PlateauDefinition);
                s.RestoreState(new ScheduleState(s.Fingerprint, t.Item1, s.SaveState().Plateau));
                foreach (double metric in t.Item2) s.ReportMetric(metric);
                return s;
            });

        private enum Damage { Substitute, Delete, Insert, Swap, Truncate, Duplicate, HostileField, HostileFieldRechecksummed }

        private static readonly Gen<(string Text, Damage Damage, int Position, char Char, int Field, string Value)> Cases =
            Gen.Select(Reached.Select(s => s.SaveState().ToString()), Gen.Enum<Damage>(), Gen.Int[0, 10000], Gen.Char[' ', '~'],
                Gen.Int[1, 6], Gen.Int[0, Hostile.Length - 1].Select(i => Hostile[i]));

        private static string Apply((string Text, Damage Damage, int Position, char Char, int Field, string Value) c)
        {
            string t = c.Text;
            int p = c.Position % t.Length;
            switch (c.Damage)
            {
                case Damage.Substitute: return t.Substring(0, p) + c.Char + t.Substring(p + 1);
                case Damage.Delete: return t.Remove(p, 1);
                case Damage.Insert: return t.Insert(p, c.Char.ToString());
                case Damage.Swap:
                    int q = (p + 1 + c.Position / 7) % t.Length;
                    char[] chars = t.ToCharArray();
                    (chars[p], chars[q]) = (chars[q], chars[p]);
                    return new string(chars);
                case Damage.Truncate: return t.Substring(0, p);
                case Damage.Duplicate: return t.Substring(0, p) + t.Substring(c.Position % (p + 1)); // a stretch repeated
                default:
                    // A field replaced by a hostile value, with the checksum left alone or recomputed by the "attacker".
                    string[] parts = t.Split(' ');
                    int eq = parts[c.Field].IndexOf('=');
                    parts[c.Field] = parts[c.Field].Substring(0, eq + 1) + c.Value;
                    string body = string.Join(' ', parts, 0, 7);
                    return c.Damage == Damage.HostileField ? body + " " + parts[7] : body + " checksum=" + Fnv1a(body);
            }
        }

        private static string Fnv1a(string text) => Composition.StateChecksum.Fnv1a(text);

        [Fact]
        public void A_corrupted_state_is_refused_or_is_a_valid_state_and_a_refusal_changes_nothing()
        {
            Seeded.Check(Cases, c =>
            {
                string damaged = Apply(c);
                ScheduleState parsed;
                try
                {
                    parsed = ScheduleState.Parse(damaged);
                }
                catch (FormatException)
                {
                    return; // refused
                }
                // Accepted by the parser: only the checksummed rewrite may differ from the original...
                if (c.Damage != Damage.HostileFieldRechecksummed)
                    Assert.Equal(ScheduleState.Parse(c.Text), parsed);
                // ...and a schedule either refuses it, changing nothing, or takes it whole, with a finite rate.
                var schedule = new Schedule(PlateauDefinition);
                schedule.RestoreState(new ScheduleState(schedule.Fingerprint, 17, schedule.SaveState().Plateau));
                string before = schedule.SaveState().ToString();
                try
                {
                    schedule.RestoreState(parsed);
                }
                catch (ArgumentException)
                {
                    Assert.Equal(before, schedule.SaveState().ToString());
                    return;
                }
                Assert.Equal(parsed, schedule.SaveState());
                Assert.True(double.IsFinite(schedule.CurrentRate) && schedule.CurrentRate >= 0, $"rate {schedule.CurrentRate}");
                Assert.InRange(schedule.PlateauScale, double.Epsilon, 1.0);
            }, iterations: 3000);
        }

        [Fact]
        public void Reached_states_always_round_trip()
        {
            Seeded.Check(Reached, s =>
            {
                ScheduleState state = s.SaveState();
                var resumed = new Schedule(PlateauDefinition);
                resumed.RestoreState(ScheduleState.Parse(state.ToString()));
                Assert.Equal(state, resumed.SaveState());
                Assert.Equal(BitConverter.DoubleToInt64Bits(s.CurrentRate), BitConverter.DoubleToInt64Bits(resumed.CurrentRate));
            }, iterations: 300);
        }
    }
}
