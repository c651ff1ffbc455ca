namespace ScheduleDsl.Validation
{
    /// <summary>What kind of rule a definition breaks; analyzers map each kind to one diagnostic ID.</summary>
    public enum RuleKind
    {
        /// <summary>An argument outside its allowed range (zero period, gamma &lt;= 0, NaN, ...).</summary>
        InvalidArgument,
        /// <summary>Milestones that go down.</summary>
        MilestonesNotIncreasing,
        /// <summary>A shape needs the horizon (<c>[Epochs(n)]</c> or <c>[Steps(n)]</c>) and none is declared.</summary>
        MissingHorizon,
        /// <summary>Warmup plus hold take the whole horizon or more.</summary>
        PrefixExceedsHorizon,
        /// <summary>A whole-schedule shape combined with other shapes, or the same component twice.</summary>
        ConflictingComponents,
        /// <summary>A step decay whose period or milestone lies beyond the horizon: it never fires.</summary>
        NeverFires,
        /// <summary>A window (From/Until) that leaves a gap after the previous phase, overlaps the same family, or lies past the horizon.</summary>
        WindowConflict,
        /// <summary>A shape declared to rise where its family usually decays (a cosine whose minimum is above the peak), as PyTorch computes it.</summary>
        RisingShape,
        /// <summary>A decay factor above 1 (<c>StepDecay(30, 1.5)</c>): the "decay" makes the rate grow.</summary>
        GrowingDecay,
    }

    /// <summary>Whether a violation makes the schedule unusable (thrown at run time) or only suspicious.</summary>
    public enum RuleSeverity
    {
        /// <summary>The schedule cannot be evaluated as declared.</summary>
        Error,
        /// <summary>The schedule works but likely not as meant.</summary>
        Warning,
    }

    /// <summary>One broken rule, located on a component's parameter so tools can point at the exact argument.</summary>
    /// <param name="Kind">The rule broken.</param>
    /// <param name="Severity">Error or warning.</param>
    /// <param name="Component">Attribute name declaring the value (<c>Warmup</c>, <c>LearningRate</c>...).</param>
    /// <param name="ComponentIndex">Index in <see cref="Definition.ScheduleDefinition.Components"/>, or -1 for the schedule's own settings.</param>
    /// <param name="Parameter">Parameter name as in the attribute (<c>Length</c>, <c>Gamma</c>...), or null for the whole component.</param>
    /// <param name="ElementIndex">Index within an array argument (milestones), or -1.</param>
    /// <param name="Message">Names the parameter, the value and the rule.</param>
    public sealed record RuleViolation(RuleKind Kind, RuleSeverity Severity, string Component, int ComponentIndex,
        string? Parameter, int ElementIndex, string Message)
    {
        /// <summary>A value for <see cref="Parameter"/> that resolves the violation, when one is obvious (tools offer it as a fix).</summary>
        public double? SuggestedValue { get; init; }

        /// <summary><c>Component.Parameter</c>, as used in exception parameter names.</summary>
        public string QualifiedParameter => Parameter is null ? Component : Component + "." + Parameter;
    }

    /// <summary>Thrown at run time when a schedule definition breaks a rule; the message names the
    /// parameter, its value and the rule, <see cref="System.ArgumentException.ParamName"/> the parameter.</summary>
    public sealed class ScheduleValidationException : System.ArgumentException
    {
        /// <summary>Creates the exception for <paramref name="violation"/>.</summary>
        public ScheduleValidationException(RuleViolation violation)
            : base(violation.Message, violation.QualifiedParameter) => Violation = violation;

        /// <summary>The broken rule.</summary>
        public RuleViolation Violation { get; }
    }
}
