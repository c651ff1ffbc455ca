using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ScheduleDsl.Composition;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>The text of a <see cref="ScheduleDriver{TSchedule}"/>'s state: the rate schedule's <see cref="ScheduleState"/> and the
    /// base rates, then (version 3) one line per other schedule attached, then a checksum of everything before it (the first 16 hex
    /// digits of its SHA-256):
    /// <code>
    /// sdl-driver/3
    /// schedule sdl-state/2 ...
    /// base-rates 0.1 0.01
    /// weight-decay sdl-state/2 ...
    /// base-weight-decays 0.04 0
    /// momentum sdl-state/2 ...
    /// track ema_decay sdl-state/2 ...
    /// checksum 0123456789abcdef
    /// </code>
    /// A driver with the rate schedule alone writes version 2 (the same without the other lines); versions 1 (no checksum) and 2
    /// are still read. This type reads and writes the text only; the driver checks it against what it drives.</summary>
    internal sealed class DriverState
    {
        private const string MagicV3 = "sdl-driver/3";
        private const string MagicV2 = "sdl-driver/2";
        private const string MagicV1 = "sdl-driver/1";
        private const string RateKey = "schedule ";
        private const string BaseRatesKey = "base-rates";
        private const string WeightDecayKey = "weight-decay ";
        private const string BaseWeightDecaysKey = "base-weight-decays";
        private const string MomentumKey = "momentum ";
        private const string TrackKey = "track ";
        private const string ChecksumKey = "checksum ";

        public DriverState(ScheduleState rate, double[] baseRates, ScheduleState? weightDecay, double[]? baseWeightDecays,
            ScheduleState? momentum, IReadOnlyList<(string Name, ScheduleState State)> tracked)
        {
            Rate = rate;
            BaseRates = baseRates;
            WeightDecay = weightDecay;
            BaseWeightDecays = baseWeightDecays;
            Momentum = momentum;
            Tracked = tracked;
        }

        public ScheduleState Rate { get; }
        public double[] BaseRates { get; }
        public ScheduleState? WeightDecay { get; }
        public double[]? BaseWeightDecays { get; }
        public ScheduleState? Momentum { get; }
        public IReadOnlyList<(string Name, ScheduleState State)> Tracked { get; }

        /// <summary>The state as text (version 2 when only the rate is scheduled, else version 3).</summary>
        public override string ToString()
        {
            bool more = WeightDecay is not null || Momentum is not null || Tracked.Count > 0;
            var text = new StringBuilder(more ? MagicV3 : MagicV2).Append('\n');
            text.Append(RateKey).Append(Rate.ToString()).Append('\n');
            AppendNumbers(text, BaseRatesKey, BaseRates);
            if (WeightDecay is ScheduleState weightDecay)
            {
                text.Append('\n').Append(WeightDecayKey).Append(weightDecay.ToString()).Append('\n');
                AppendNumbers(text, BaseWeightDecaysKey, BaseWeightDecays!);
            }
            if (Momentum is ScheduleState momentum) text.Append('\n').Append(MomentumKey).Append(momentum.ToString());
            foreach ((string name, ScheduleState state) in Tracked)
                text.Append('\n').Append(TrackKey).Append(EscapeName(name)).Append(' ').Append(state.ToString());
            string body = text.ToString();
            return body + "\n" + ChecksumKey + Checksum(body) + "\n";
        }

        /// <summary>Reads a state text. Throws <see cref="FormatException"/> for text that is not a driver state, a checksum that does
        /// not match, a damaged schedule line or a number that does not parse.</summary>
        public static DriverState Parse(string state)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            string[] lines = state.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            int version = lines.Length == 0 ? 0 : lines[0] switch { MagicV1 => 1, MagicV2 => 2, MagicV3 => 3, _ => 0 };
            int bodyLines = version == 1 ? lines.Length : lines.Length - 1;
            bool shaped = version switch
            {
                1 => lines.Length == 3,
                2 => lines.Length == 4,
                3 => lines.Length >= 4,
                _ => false,
            } && lines[1].StartsWith(RateKey, StringComparison.Ordinal) && lines[2].StartsWith(BaseRatesKey, StringComparison.Ordinal);
            if (!shaped)
                throw new FormatException(
                    $"state: not a schedule driver state (expected \"{MagicV3}\" or \"{MagicV2}\", \"schedule sdl-state/...\", \"base-rates ...\", the other schedules' lines, \"checksum ...\").");
            if (version >= 2)
            {
                string expected = ChecksumKey + Checksum(string.Join('\n', lines, 0, bodyLines));
                if (lines[bodyLines] != expected)
                    throw new FormatException($"state: \"{lines[bodyLines]}\" does not match the text (expected \"{expected}\"): the state was damaged or edited.");
            }

            ScheduleState rate = ScheduleState.Parse(lines[1].Substring(RateKey.Length));
            double[] baseRates = ParseNumbers(lines[2], BaseRatesKey, "base rate");
            ScheduleState? weightDecay = null, momentum = null;
            double[]? baseWeightDecays = null;
            var tracked = new List<(string, ScheduleState)>();
            for (int i = 3; i < bodyLines; i++)
            {
                string line = lines[i];
                if (line.StartsWith(WeightDecayKey, StringComparison.Ordinal) && weightDecay is null && tracked.Count == 0 && momentum is null
                    && i + 1 < bodyLines && lines[i + 1].StartsWith(BaseWeightDecaysKey, StringComparison.Ordinal))
                {
                    weightDecay = ScheduleState.Parse(line.Substring(WeightDecayKey.Length));
                    baseWeightDecays = ParseNumbers(lines[++i], BaseWeightDecaysKey, "base weight decay");
                }
                else if (line.StartsWith(MomentumKey, StringComparison.Ordinal) && momentum is null && tracked.Count == 0)
                {
                    momentum = ScheduleState.Parse(line.Substring(MomentumKey.Length));
                }
                else if (line.StartsWith(TrackKey, StringComparison.Ordinal) && line.IndexOf(' ', TrackKey.Length) is int space and > 0)
                {
                    string name = Uri.UnescapeDataString(line.Substring(TrackKey.Length, space - TrackKey.Length));
                    if (tracked.Any(t => t.Item1 == name))
                        throw new FormatException($"state: \"{name}\" is tracked twice.");
                    tracked.Add((name, ScheduleState.Parse(line.Substring(space + 1))));
                }
                else
                {
                    throw new FormatException(
                        $"state: line {i + 1} \"{line}\" is not one of \"weight-decay ...\" followed by \"base-weight-decays ...\", \"momentum ...\", \"track <name> ...\", in that order.");
                }
            }
            return new DriverState(rate, baseRates, weightDecay, baseWeightDecays, momentum, tracked);
        }

        /// <summary>A tracked schedule's name as one token (its name may hold spaces).</summary>
        private static string EscapeName(string name) => Uri.EscapeDataString(name);

        private static void AppendNumbers(StringBuilder text, string key, double[] values)
        {
            text.Append(key);
            foreach (double value in values) text.Append(' ').Append(Numbers.Format(value));
        }

        private static double[] ParseNumbers(string line, string key, string what)
        {
            string[] words = line.Substring(key.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = new double[words.Length];
            for (int i = 0; i < words.Length; i++)
            {
                try
                {
                    values[i] = Numbers.Parse(words[i]);
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    throw new FormatException($"state: {what} of group {i} = \"{words[i]}\" is not a number.", e);
                }
            }
            return values;
        }

        private static string Checksum(string body) =>
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)), 0, 8).ToLowerInvariant();
    }
}
