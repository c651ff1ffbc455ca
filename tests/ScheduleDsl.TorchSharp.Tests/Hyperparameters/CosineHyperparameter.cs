using System;
using System.Globalization;
using ScheduleDsl.Composition;

namespace ScheduleDsl.TorchSharp.Tests.Hyperparameters
{
    /// <summary>A test-only <see cref="IHyperparameterSchedule"/>: DINO's <c>cosine_scheduler</c> without warmup, written out,
    /// <c>v(t) = end + (start - end) / 2 * (1 + cos(pi * t / steps))</c>, held at <c>end</c> after <paramref name="steps"/> ticks (or,
    /// with <c>throwPastEnd</c>, refusing a tick past them before moving, as <c>PastHorizon(Throw)</c>). The driver's tests use it
    /// so they check the driver against a closed form, independently of the generator.</summary>
    internal sealed class CosineHyperparameter : IHyperparameterSchedule
    {
        private readonly double _start;
        private readonly double _end;
        private readonly long _steps;
        private readonly bool _throwPastEnd;
        private double _originTime;
        private long _originStep;

        public CosineHyperparameter(HyperparameterKind kind, string name, double start, double end, long steps, bool throwPastEnd = false)
        {
            Kind = kind;
            Name = name;
            _start = start;
            _end = end;
            _steps = steps;
            _throwPastEnd = throwPastEnd;
            string text = string.Create(CultureInfo.InvariantCulture, $"{kind}|{name}|{start:R}|{end:R}|{steps}|{throwPastEnd}");
            ulong hash = 14695981039346656037UL; // FNV-1a
            foreach (char c in text) hash = (hash ^ c) * 1099511628211UL;
            Fingerprint = hash;
        }

        /// <summary>The closed form at <paramref name="time"/>.</summary>
        public static double Value(double start, double end, long steps, double time) =>
            end + (start - end) / 2.0 * (1.0 + Math.Cos(Math.PI * Math.Min(time, steps) / steps));

        public HyperparameterKind Kind { get; }
        public string Name { get; }
        public double BaseValue => _start;
        public double CurrentValue => Value(_start, _end, _steps, _originTime + (CurrentStep - _originStep));
        public double CurrentFactor => CurrentValue / _start;
        public long CurrentStep { get; private set; }
        public ulong Fingerprint { get; }

        public void Advance()
        {
            if (_throwPastEnd && CurrentStep + 1 > _steps)
                throw new InvalidOperationException($"{Name}: tick {CurrentStep + 1} is past the end ({_steps}).");
            CurrentStep++;
        }

        public void Seek(long step)
        {
            if (step < 0 || (_throwPastEnd && step > _steps)) throw new ArgumentOutOfRangeException(nameof(step), step, $"step = {step}: out of range.");
            CurrentStep = step;
            _originTime = 0.0;
            _originStep = 0;
        }

        public void SetTime(double time)
        {
            if (!(time >= 0.0) || double.IsInfinity(time) || (_throwPastEnd && time > _steps))
                throw new ArgumentOutOfRangeException(nameof(time), time, "time out of range.");
            CurrentStep = (long)Math.Floor(time);
            _originTime = time;
            _originStep = CurrentStep;
        }

        public ScheduleState SaveState() => new(Fingerprint, CurrentStep, PlateauState.Initial(PlateauMode.Min), _originTime, _originStep);

        /// <summary>Refuses states past this tick (not part of the fingerprint): a schedule refusing a state it could not be in.</summary>
        public long? RefuseStatesPast { get; set; }

        public void RestoreState(ScheduleState state)
        {
            state.EnsureFingerprint(Fingerprint);
            if (state.Step > RefuseStatesPast) throw new ArgumentOutOfRangeException(nameof(state), state.Step, "state step is past what this schedule accepts.");
            if (_throwPastEnd && state.Step > _steps) throw new ArgumentOutOfRangeException(nameof(state), state.Step, "state step is past the end.");
            CurrentStep = state.Step;
            _originTime = state.OriginTime;
            _originStep = state.OriginStep;
        }
    }
}
