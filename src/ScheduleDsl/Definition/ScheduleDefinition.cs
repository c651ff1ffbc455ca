using System.Collections.Generic;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Validation;

namespace ScheduleDsl.Definition
{
    /// <summary>A declared schedule: the peak rate (or, for another hyperparameter, its base value), its time unit and
    /// horizon, and its components in declaration order. The attributes on a class describe exactly one of these.</summary>
    /// <param name="LearningRate">Peak rate (the base rate multiplicative shapes scale; max rate of cyclic and one-cycle); for
    /// another <see cref="Kind"/>, the base value (<see cref="BaseValue"/>).</param>
    /// <param name="Unit">Epochs or steps.</param>
    /// <param name="Horizon">Length of training in <paramref name="Unit"/>, or null when no shape needs it.</param>
    /// <param name="Components">Prefix phases, shapes, whole-schedule shapes and plateau reduction, in declaration order.</param>
    public sealed record ScheduleDefinition(double LearningRate, TimeUnit Unit, double? Horizon, EquatableArray<ScheduleComponent> Components)
    {
        /// <summary>Lowest rate ever returned (applied last), or null.</summary>
        public double? Floor { get; init; }

        /// <summary>What happens past the horizon.</summary>
        public PastHorizonPolicy PastHorizon { get; init; } = PastHorizonPolicy.Hold;

        /// <summary>How absolute rates apply to parameter groups whose base rate is not the peak (default: scaled with the group).</summary>
        public MinimumScaling Minimums { get; init; } = MinimumScaling.Scaled;

        /// <summary>Which hyperparameter the schedule drives (default: the learning rate); decides the rules its values follow.</summary>
        public HyperparameterKind Kind { get; init; } = HyperparameterKind.LearningRate;

        /// <summary>The declared name of a <see cref="HyperparameterKind.Other"/> schedule (<c>[Hyperparameter("loss_weight", 1.0)]</c>);
        /// null for the other kinds, which go by their kind's name (<see cref="HyperparameterName"/>).</summary>
        public string? Name { get; init; }

        /// <summary>The base value the factors scale: <see cref="LearningRate"/> under its kind-neutral name.</summary>
        public double BaseValue => LearningRate;

        /// <summary>The name in logs and checkpoints: <c>lr</c>, <c>weight_decay</c>, <c>momentum</c>, <c>ema_decay</c>,
        /// <c>temperature</c>, or the declared <see cref="Name"/>.</summary>
        public string HyperparameterName => HyperparameterKinds.NameOf(Kind) ?? Name ?? "";

        /// <summary>Convenience constructor.</summary>
        public static ScheduleDefinition Create(double learningRate, TimeUnit unit, double? horizon, params ScheduleComponent[] components) =>
            new(learningRate, unit, horizon, new EquatableArray<ScheduleComponent>(components));

        /// <summary>This definition with <paramref name="floor"/> and <paramref name="pastHorizon"/>: what
        /// <c>with { Floor = ..., PastHorizon = ... }</c> does, callable from C# before 9 (generated code uses it).</summary>
        public ScheduleDefinition WithLimits(double? floor, PastHorizonPolicy pastHorizon) =>
            this with { Floor = floor, PastHorizon = pastHorizon };

        /// <summary>This definition with <paramref name="minimums"/>: <c>with { Minimums = ... }</c>, callable from C# before 9.</summary>
        public ScheduleDefinition WithMinimums(MinimumScaling minimums) => this with { Minimums = minimums };

        /// <summary>This definition as a schedule of <paramref name="kind"/> (named <paramref name="name"/> when <see cref="HyperparameterKind.Other"/>):
        /// <c>with { Kind = ..., Name = ... }</c>, callable from C# before 9 (generated code uses it).</summary>
        public ScheduleDefinition WithKind(HyperparameterKind kind, string? name = null) => this with { Kind = kind, Name = name };

        /// <summary>An invariant, culture-proof text of the whole definition; equal definitions give equal text.</summary>
        public string Canonical
        {
            get
            {
                var text = new StringBuilder("sdl1;");
                text.Append("lr=").Append(Numbers.Format(LearningRate));
                text.Append(";unit=").Append(Unit);
                text.Append(";horizon=").Append(Horizon is double h ? Numbers.Format(h) : "none");
                text.Append(";floor=").Append(Floor is double f ? Numbers.Format(f) : "none");
                text.Append(";past=").Append(PastHorizon);
                // Written only when not the default, so the fingerprints of existing definitions stay the same.
                if (Minimums != MinimumScaling.Scaled) text.Append(";minimums=").Append(Minimums);
                // Likewise the kind: a learning-rate definition's text (and fingerprint) is what it always was. A name holds no ';'
                // once valid; an invalid one is quoted so two definitions never share a text.
                if (Kind != HyperparameterKind.LearningRate) text.Append(";kind=").Append(Kind);
                if (Name is not null) text.Append(";name=").Append(HyperparameterKinds.NameProblem(Name) is null ? Name : CSharp.Literal(Name));
                foreach (ScheduleComponent c in Components)
                {
                    text.Append(';');
                    c.WriteCanonicalWithWindow(text);
                }
                return text.ToString();
            }
        }

        /// <summary>64-bit FNV-1a hash of <see cref="Canonical"/>: saved state carries it, and restoring
        /// into a schedule with another fingerprint is refused.</summary>
        public ulong Fingerprint
        {
            get => Fnv1a.Hash(Canonical);
        }

        /// <summary>Every rule this definition breaks (see <see cref="ScheduleRules"/>).</summary>
        public IReadOnlyList<RuleViolation> Validate() => ScheduleRules.Validate(this);

        /// <summary>Validates (throwing <see cref="ScheduleValidationException"/> on the first error) and
        /// resolves every default into a ready-to-evaluate form.</summary>
        public CompiledSchedule Compile()
        {
            ScheduleRules.ThrowIfInvalid(this);
            return new CompiledSchedule(this);
        }

        /// <summary>Resolves a definition the caller has already validated (the generator and the analyzers validate
        /// once per pipeline step and report each violation themselves).</summary>
        internal CompiledSchedule CompileValidated() => new(this);

        /// <inheritdoc/>
        public override string ToString() => Canonical;
    }
}
