using System;
using System.Globalization;
using System.Text;

namespace ScheduleDsl.Composition
{
    /// <summary>Everything needed to resume a schedule: its position and plateau state, tagged with the
    /// fingerprint of the definition it came from. Text form (version 1, invariant culture, doubles
    /// round-trip exactly):
    /// <c>sdl-state/1 fingerprint=0123456789abcdef step=42 scale=0.1 best=0.25 bad=3 cooldown=0</c>.</summary>
    public readonly struct ScheduleState : IEquatable<ScheduleState>
    {
        /// <summary>Version of the text format written by <see cref="ToString"/>.</summary>
        public const int FormatVersion = 1;
        private const string Magic = "sdl-state/";

        /// <summary>Creates a state.</summary>
        public ScheduleState(ulong fingerprint, long step, PlateauState plateau)
        {
            Fingerprint = fingerprint;
            Step = step;
            Plateau = plateau;
        }

        /// <summary>Fingerprint of the definition that produced this state.</summary>
        public ulong Fingerprint { get; }
        /// <summary>Ticks taken.</summary>
        public long Step { get; }
        /// <summary>Plateau state (initial when plateau reduction is not declared).</summary>
        public PlateauState Plateau { get; }

        /// <summary>Throws when this state was saved from another definition.</summary>
        public void EnsureFingerprint(ulong expected)
        {
            if (Fingerprint != expected)
                throw new ArgumentException(
                    $"state fingerprint {Fingerprint:x16} does not match this schedule ({expected:x16}): it was saved from a different schedule definition.",
                    "state");
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            var text = new StringBuilder(Magic).Append(FormatVersion.ToString(CultureInfo.InvariantCulture));
            text.Append(" fingerprint=").Append(Fingerprint.ToString("x16", CultureInfo.InvariantCulture));
            text.Append(" step=").Append(Step.ToString(CultureInfo.InvariantCulture));
            text.Append(" scale=").Append(Numbers.Format(Plateau.Scale));
            text.Append(" best=").Append(Numbers.Format(Plateau.Best));
            text.Append(" bad=").Append(Plateau.BadEpochs.ToString(CultureInfo.InvariantCulture));
            text.Append(" cooldown=").Append(Plateau.CooldownCounter.ToString(CultureInfo.InvariantCulture));
            return text.ToString();
        }

        /// <summary>Parses the text form; throws <see cref="FormatException"/> naming what is wrong.</summary>
        public static ScheduleState Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            string[] parts = text.Trim().Split(' ');
            if (parts.Length != 7 || !parts[0].StartsWith(Magic, StringComparison.Ordinal))
                throw new FormatException($"text = \"{text}\": not a schedule state (expected \"{Magic}{FormatVersion} fingerprint=... step=... scale=... best=... bad=... cooldown=...\").");
            if (parts[0] != Magic + FormatVersion.ToString(CultureInfo.InvariantCulture))
                throw new FormatException($"text = \"{text}\": state format {parts[0].Substring(Magic.Length)} is not supported (this version reads {FormatVersion}).");
            try
            {
                ulong fingerprint = ulong.Parse(Value(parts[1], "fingerprint"), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                long step = long.Parse(Value(parts[2], "step"), NumberStyles.Integer, CultureInfo.InvariantCulture);
                var plateau = new PlateauState
                {
                    Scale = Numbers.Parse(Value(parts[3], "scale")),
                    Best = Numbers.Parse(Value(parts[4], "best")),
                    BadEpochs = int.Parse(Value(parts[5], "bad"), NumberStyles.Integer, CultureInfo.InvariantCulture),
                    CooldownCounter = int.Parse(Value(parts[6], "cooldown"), NumberStyles.Integer, CultureInfo.InvariantCulture),
                };
                if (step < 0) throw new FormatException("step must be >= 0");
                return new ScheduleState(fingerprint, step, plateau);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new FormatException($"text = \"{text}\": {e.Message}", e);
            }
        }

        private static string Value(string part, string key)
        {
            if (!part.StartsWith(key + "=", StringComparison.Ordinal)) throw new FormatException($"expected {key}=..., found \"{part}\"");
            return part.Substring(key.Length + 1);
        }

        /// <inheritdoc/>
        public bool Equals(ScheduleState other) => ToString() == other.ToString();
        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is ScheduleState other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => Step.GetHashCode() ^ Fingerprint.GetHashCode();
    }
}
