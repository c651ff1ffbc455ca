using System;
using System.Globalization;
using System.Text;

namespace ScheduleDsl.Composition
{
    /// <summary>Everything needed to resume a schedule: its position and plateau state, tagged with the
    /// fingerprint of the definition it came from. Text form (version 1, invariant culture, doubles
    /// round-trip exactly):
    /// <c>sdl-state/1 fingerprint=0123456789abcdef step=42 scale=0.1 best=0.25 bad=3 cooldown=0</c>, followed by
    /// <c>origin=1.3@13</c> only when the time line was moved off the ticks (<c>SetTime</c>).</summary>
    public readonly struct ScheduleState : IEquatable<ScheduleState>
    {
        /// <summary>Version of the text format written by <see cref="ToString"/>.</summary>
        public const int FormatVersion = 1;
        private const string Magic = "sdl-state/";

        /// <summary>Creates a state.</summary>
        public ScheduleState(ulong fingerprint, long step, PlateauState plateau)
            : this(fingerprint, step, plateau, 0.0, 0) { }

        /// <summary>Creates a state whose time line was moved (<c>SetTime</c>): the time is
        /// <c>originTime + (step - originStep)</c> ticks.</summary>
        public ScheduleState(ulong fingerprint, long step, PlateauState plateau, double originTime, long originStep)
        {
            Fingerprint = fingerprint;
            Step = step;
            Plateau = plateau;
            OriginTime = originTime;
            OriginStep = originStep;
        }

        /// <summary>Fingerprint of the definition that produced this state.</summary>
        public ulong Fingerprint { get; }
        /// <summary>Ticks taken.</summary>
        public long Step { get; }
        /// <summary>Plateau state (initial when plateau reduction is not declared).</summary>
        public PlateauState Plateau { get; }
        /// <summary>Time set by the last <c>SetTime</c> (0 when the time line was never moved).</summary>
        public double OriginTime { get; }
        /// <summary>The tick <see cref="OriginTime"/> was set at (0 when the time line was never moved).</summary>
        public long OriginStep { get; }
        /// <summary>Whether the time line was moved to a time off the ticks.</summary>
        internal bool HasOrigin => OriginTime != 0.0 || OriginStep != 0;

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
            // Only for a time line moved off the ticks, so every other state keeps its text.
            if (HasOrigin)
                text.Append(" origin=").Append(Numbers.Format(OriginTime)).Append('@').Append(OriginStep.ToString(CultureInfo.InvariantCulture));
            return text.ToString();
        }

        /// <summary>Parses the text form; throws <see cref="FormatException"/> naming what is wrong.</summary>
        public static ScheduleState Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            string[] parts = text.Trim().Split(' ');
            if (parts.Length is not (7 or 8) || !parts[0].StartsWith(Magic, StringComparison.Ordinal))
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
                if (parts.Length == 7) return new ScheduleState(fingerprint, step, plateau);
                string[] origin = Value(parts[7], "origin").Split('@');
                if (origin.Length != 2) throw new FormatException($"expected origin=<time>@<step>, found \"{parts[7]}\"");
                double originTime = Numbers.Parse(origin[0]);
                long originStep = long.Parse(origin[1], NumberStyles.Integer, CultureInfo.InvariantCulture);
                if (!(originTime >= 0) || double.IsInfinity(originTime) || originStep < 0) throw new FormatException("origin must be a finite time >= 0 at a step >= 0");
                return new ScheduleState(fingerprint, step, plateau, originTime, originStep);
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
