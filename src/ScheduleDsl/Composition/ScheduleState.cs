using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ScheduleDsl.Composition
{
    /// <summary>Everything needed to resume a schedule: its position and plateau state, tagged with the
    /// fingerprint of the definition it came from. Text form (version 2, invariant culture, doubles
    /// round-trip exactly, a checksum of everything before it):
    /// <c>sdl-state/2 fingerprint=0123456789abcdef step=42 scale=0.1 best=0.25 bad=3 cooldown=0 checksum=89abcdef01234567</c>,
    /// with <c>origin=1.3@13</c> before the checksum only when the time line was moved off the ticks (<c>SetTime</c>).
    /// Version 1 texts (the same without the checksum) are still read.
    /// <para>A state always holds possible values (see <see cref="Validate"/>): the constructor and
    /// <see cref="Parse"/> refuse anything else.</para></summary>
    public readonly struct ScheduleState : IEquatable<ScheduleState>
    {
        /// <summary>Version of the text format written by <see cref="ToString"/>.</summary>
        public const int FormatVersion = 2;
        private const string Magic = "sdl-state/";
        private const string ChecksumKey = " checksum=";

        /// <summary>Creates a state; throws <see cref="ArgumentOutOfRangeException"/> for impossible values
        /// (a negative step, a plateau scale outside (0, 1], a NaN best metric, negative counters).</summary>
        public ScheduleState(ulong fingerprint, long step, PlateauState plateau)
            : this(fingerprint, step, plateau, 0.0, 0) { }

        /// <summary>Creates a state whose time line was moved (<c>SetTime</c>): the time is
        /// <c>originTime + (step - originStep)</c> ticks.</summary>
        public ScheduleState(ulong fingerprint, long step, PlateauState plateau, double originTime, long originStep)
        {
            Validate(step, plateau);
            if (!(originTime >= 0.0) || double.IsInfinity(originTime))
                throw new ArgumentOutOfRangeException(nameof(originTime), originTime, $"originTime = {Numbers.Format(originTime)}: must be finite and >= 0.");
            if (originStep < 0)
                throw new ArgumentOutOfRangeException(nameof(originStep), originStep, $"originStep = {originStep}: must be >= 0.");
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

        /// <summary>The tick after <paramref name="step"/>; <see cref="InvalidOperationException"/> at
        /// <see cref="long.MaxValue"/>, where the counter would wrap to a negative step.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // every Advance() goes through here
        public static long NextStep(long step)
        {
            if (step == long.MaxValue) ThrowStepOverflow();
            return step + 1;
        }

        private static void ThrowStepOverflow() =>
            throw new InvalidOperationException(
                $"step = {long.MaxValue.ToString(CultureInfo.InvariantCulture)}: the step counter is at its maximum (long.MaxValue) and cannot advance; the schedule stays on this tick.");

        /// <summary>Checks the values every state must hold, whatever its schedule; throws
        /// <see cref="ArgumentOutOfRangeException"/> naming the field and the rule.</summary>
        /// <param name="step">Ticks taken: at least 0.</param>
        /// <param name="plateau">Scale finite in (0, 1] (a product of reduction factors, each in (0, 1));
        /// best metric not NaN (a finite metric, or the initial infinity); counters at least 0.</param>
        public static void Validate(long step, PlateauState plateau)
        {
            if (step < 0)
                throw new ArgumentOutOfRangeException(nameof(step), step, $"step = {step}: must be >= 0.");
            if (!(plateau.Scale > 0.0 && plateau.Scale <= 1.0))
                throw new ArgumentOutOfRangeException(nameof(plateau), plateau.Scale,
                    $"plateau scale = {Numbers.Format(plateau.Scale)}: must lie in (0, 1] (the product of the reductions so far, each factor in (0, 1)).");
            if (double.IsNaN(plateau.Best))
                throw new ArgumentOutOfRangeException(nameof(plateau), plateau.Best,
                    "plateau best = NaN: must be a metric reported so far (finite) or the initial infinity.");
            if (plateau.BadEpochs < 0)
                throw new ArgumentOutOfRangeException(nameof(plateau), plateau.BadEpochs, $"plateau bad = {plateau.BadEpochs}: must be >= 0.");
            if (plateau.CooldownCounter < 0)
                throw new ArgumentOutOfRangeException(nameof(plateau), plateau.CooldownCounter, $"plateau cooldown = {plateau.CooldownCounter}: must be >= 0.");
        }

        /// <summary>Throws when this state was saved from another definition
        /// (<see cref="ArgumentException"/>) or holds impossible values (<see cref="ArgumentOutOfRangeException"/>,
        /// e.g. a <c>default</c> state).</summary>
        public void EnsureFingerprint(ulong expected)
        {
            if (Fingerprint != expected)
                throw new ArgumentException(
                    $"state fingerprint {Fingerprint:x16} does not match this schedule ({expected:x16}): it was saved from a different schedule definition.",
                    "state");
            try
            {
                Validate(Step, Plateau);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ArgumentOutOfRangeException("state", e.ActualValue, "state: " + Message(e));
            }
        }

        /// <summary>Everything a schedule checks before it resumes from this state, so a refused state changes
        /// nothing: the fingerprint and the values (<see cref="EnsureFingerprint"/>), then the plateau state
        /// against the schedule's settings: without plateau reduction it must be the initial state; with it,
        /// the counters within patience and cooldown, no bad reports during a cooldown, and the best metric
        /// not the infinity of the other mode. Throws <see cref="ArgumentException"/> (parameter <c>state</c>).</summary>
        /// <param name="expected">The schedule's fingerprint.</param>
        /// <param name="plateau">The schedule's plateau settings, or null when it has no plateau reduction.</param>
        public void EnsureRestorable(ulong expected, PlateauSettings? plateau)
        {
            EnsureFingerprint(expected);
            PlateauState p = Plateau;
            if (plateau is not PlateauSettings s)
            {
                PlateauState initial = PlateauState.Initial(ScheduleDsl.PlateauMode.Min);
                if (p.Scale != initial.Scale || p.Best != initial.Best || p.BadEpochs != 0 || p.CooldownCounter != 0)
                    throw new ArgumentException(
                        $"state has plateau values (scale={Numbers.Format(p.Scale)} best={Numbers.Format(p.Best)} bad={p.BadEpochs} cooldown={p.CooldownCounter}) " +
                        "but this schedule has no plateau reduction: only the initial state (scale=1 best=Infinity bad=0 cooldown=0) is possible.",
                        "state");
                return;
            }
            if (p.BadEpochs > s.Patience)
                throw new ArgumentException($"state plateau bad = {p.BadEpochs}: must be <= Patience ({s.Patience}); a reduction resets it.", "state");
            if (p.CooldownCounter > s.Cooldown)
                throw new ArgumentException($"state plateau cooldown = {p.CooldownCounter}: must be <= Cooldown ({s.Cooldown}).", "state");
            if (p.CooldownCounter > 0 && p.BadEpochs != 0)
                throw new ArgumentException(
                    $"state plateau bad = {p.BadEpochs} with cooldown = {p.CooldownCounter}: bad reports are not counted during a cooldown.", "state");
            double wrongInfinity = s.Mode == ScheduleDsl.PlateauMode.Min ? double.NegativeInfinity : double.PositiveInfinity;
            if (p.Best == wrongInfinity)
                throw new ArgumentException(
                    $"state plateau best = {Numbers.Format(p.Best)}: impossible in mode {s.Mode} (metrics are finite; the initial best is {Numbers.Format(-wrongInfinity)}).", "state");
        }

        /// <summary>Refuses (<see cref="ArgumentOutOfRangeException"/>, parameter <c>state</c>) a step whose time
        /// lies past the horizon of a <c>PastHorizon(Throw)</c> schedule: such a schedule never reaches it.</summary>
        /// <param name="step">The state's step.</param>
        /// <param name="time">Its time in the declared unit.</param>
        /// <param name="horizon">The schedule's horizon.</param>
        public static void EnsureWithinHorizon(long step, double time, double horizon)
        {
            if (time > horizon)
                throw new ArgumentOutOfRangeException("state", step,
                    $"state step = {step} is at time {Numbers.Format(time)}, past the horizon {Numbers.Format(horizon)} of a PastHorizon(Throw) schedule, which never gets there.");
        }

        // ArgumentOutOfRangeException.Message appends the parameter name and value; keep our sentence only.
        private static string Message(ArgumentOutOfRangeException e)
        {
            string message = e.Message;
            int end = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            if (end < 0) end = message.IndexOf(Environment.NewLine, StringComparison.Ordinal);
            return end < 0 ? message : message.Substring(0, end);
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            string text = Body(FormatVersion);
            return text + ChecksumKey + Fnv1a.Hash(text).ToString("x16", CultureInfo.InvariantCulture);
        }

        private string Body(int version)
        {
            var text = new StringBuilder(Magic).Append(version.ToString(CultureInfo.InvariantCulture));
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

        /// <summary>Parses the text form (version 2, or version 1 without a checksum); throws
        /// <see cref="FormatException"/> naming what is wrong: not a state, an unsupported version, a
        /// checksum that does not match (the text was damaged), or an impossible value.</summary>
        public static ScheduleState Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            string trimmed = text.Trim();
            string[] parts = trimmed.Split(' ');
            if (parts.Length < 7 || !parts[0].StartsWith(Magic, StringComparison.Ordinal))
                throw new FormatException($"text = \"{text}\": not a schedule state (expected \"{Magic}{FormatVersion} fingerprint=... step=... scale=... best=... bad=... cooldown=... checksum=...\").");
            string version = parts[0].Substring(Magic.Length);
            if (version != "1" && version != "2")
                throw new FormatException($"text = \"{text}\": state format {version} is not supported (this version reads 1 and {FormatVersion}).");
            try
            {
                // Version 1: seven fields. Version 2: eight, or nine with an origin, the checksum always last.
                int fields = parts.Length;
                if (version == "2")
                {
                    if (fields != 8 && fields != 9)
                        throw new FormatException($"a version 2 state has 8 or 9 fields, found {fields}");
                    string checksum = Value(parts[fields - 1], "checksum");
                    int bodyLength = trimmed.Length - ChecksumKey.Length - checksum.Length;
                    string expected = Fnv1a.Hash(trimmed, bodyLength).ToString("x16", CultureInfo.InvariantCulture);
                    if (checksum != expected)
                        throw new FormatException($"checksum {checksum} does not match the text ({expected}): the state was damaged or edited");
                    fields--;
                }
                else if (fields != 7)
                    throw new FormatException($"a version 1 state has 7 fields, found {fields}");
                string fingerprintText = Value(parts[1], "fingerprint");
                if (fingerprintText.Length != 16) throw new FormatException($"fingerprint must be 16 hex digits, found \"{fingerprintText}\"");
                ulong fingerprint = ulong.Parse(fingerprintText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                long step = long.Parse(Value(parts[2], "step"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                var plateau = new PlateauState
                {
                    Scale = Numbers.Parse(Value(parts[3], "scale")),
                    Best = Numbers.Parse(Value(parts[4], "best")),
                    BadEpochs = int.Parse(Value(parts[5], "bad"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                    CooldownCounter = int.Parse(Value(parts[6], "cooldown"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                };
                try
                {
                    Validate(step, plateau);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new FormatException(Message(e), e);
                }
                if (fields == 7) return new ScheduleState(fingerprint, step, plateau);
                string[] origin = Value(parts[7], "origin").Split('@');
                if (origin.Length != 2) throw new FormatException($"expected origin=<time>@<step>, found \"{parts[7]}\"");
                double originTime = Numbers.Parse(origin[0]);
                long originStep = long.Parse(origin[1], NumberStyles.None, CultureInfo.InvariantCulture);
                if (!(originTime >= 0) || double.IsInfinity(originTime)) throw new FormatException("origin must be a finite time >= 0 at a step >= 0");
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
        public bool Equals(ScheduleState other) => Body(FormatVersion) == other.Body(FormatVersion);
        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is ScheduleState other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => Step.GetHashCode() ^ Fingerprint.GetHashCode();
    }
}
