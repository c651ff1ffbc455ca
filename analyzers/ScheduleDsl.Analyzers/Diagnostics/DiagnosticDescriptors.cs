using Microsoft.CodeAnalysis;

namespace ScheduleDsl.Analyzers.Diagnostics
{
    /// <summary>Every diagnostic the analyzers report. IDs are stable; each has a page under docs/diagnostics.</summary>
    public static class DiagnosticIds
    {
        /// <summary>Peak rate above the warmup threshold with no warmup.</summary>
        public const string HighRateWithoutWarmup = "SDL0001";
        /// <summary>An argument outside its allowed range (core rule).</summary>
        public const string InvalidArgument = "SDL0002";
        /// <summary>Milestones that go down (core rule).</summary>
        public const string MilestonesNotIncreasing = "SDL0003";
        /// <summary>A shape needs the horizon and none is declared (core rule).</summary>
        public const string MissingHorizon = "SDL0004";
        /// <summary>Warmup plus hold fill the horizon (core rule).</summary>
        public const string PrefixExceedsHorizon = "SDL0005";
        /// <summary>Conflicting or duplicated shapes (core rule).</summary>
        public const string ConflictingComponents = "SDL0006";
        /// <summary>A step decay or milestone beyond the horizon (core rule).</summary>
        public const string NeverFires = "SDL0007";
        /// <summary>The evaluated rate is useless for a sizeable part of training.</summary>
        public const string WastedTraining = "SDL0008";
        /// <summary>The evaluated rate reaches 1.0 or more.</summary>
        public const string RateTooHigh = "SDL0009";
        /// <summary>Adaptive optimizer with a peak rate above its usual range.</summary>
        public const string AdaptiveOptimizerRate = "SDL0010";
        /// <summary>Momentum cycling requested for an optimizer without momentum or beta1.</summary>
        public const string CycleMomentumUnsupported = "SDL0011";
        /// <summary>Schedule advanced before the optimizer step in the same loop body.</summary>
        public const string AdvancedBeforeOptimizerStep = "SDL0012";
        /// <summary>Step schedule advanced once per epoch.</summary>
        public const string StepScheduleAdvancedPerEpoch = "SDL0013";
        /// <summary>Epoch schedule without steps-per-epoch advanced per batch.</summary>
        public const string EpochScheduleAdvancedPerBatch = "SDL0014";
        /// <summary>Plateau schedule advanced but never given a metric.</summary>
        public const string PlateauWithoutMetric = "SDL0015";
        /// <summary>A ScheduleDsl .editorconfig setting that cannot be read.</summary>
        public const string UnreadableSetting = "SDL0016";
        /// <summary>A window (From/Until) with a gap before it, overlapping the same family, or past the horizon (core rule).</summary>
        public const string WindowConflict = "SDL0018";
        /// <summary>A cosine whose minimum lies above the peak: it rises (core rule).</summary>
        public const string RisingShape = "SDL0017";
        /// <summary>A decay factor above 1: the "decay" makes the rate grow (core rule).</summary>
        public const string GrowingDecay = "SDL0020";
        /// <summary>A weight decay, EMA decay or momentum curve outside the usual range of its kind.</summary>
        public const string UnusualHyperparameterValue = "SDL0021";
        /// <summary>Schedule attributes on a type without a marker ([LearningRate], [WeightDecay]...): nothing is generated.</summary>
        public const string OrphanScheduleAttribute = "SDL0030";
    }

    /// <summary>The descriptors, shared by the analyzers and (through <see cref="DiagnosticIds"/>) the code fixes.</summary>
    public static class DiagnosticDescriptors
    {
        /// <summary>Category of the declaration rules.</summary>
        public const string DeclarationCategory = "ScheduleDsl.Declaration";

        /// <summary>Category of the .editorconfig settings check.</summary>
        public const string ConfigurationCategory = "ScheduleDsl.Configuration";

        /// <summary>Category of the training-loop usage rules.</summary>
        public const string UsageCategory = "ScheduleDsl.Usage";

        private static DiagnosticDescriptor Create(string id, string title, string message, string category,
            DiagnosticSeverity severity, string description) =>
            new(id, title, message, category, severity, isEnabledByDefault: true, description,
                helpLinkUri: $"https://github.com/scheduledsl/scheduledsl/blob/main/docs/diagnostics/{id}.md");

        /// <summary>SDL0001.</summary>
        public static readonly DiagnosticDescriptor HighRateWithoutWarmup = Create(DiagnosticIds.HighRateWithoutWarmup,
            "High learning rate without warmup", "{0}",
            DeclarationCategory, DiagnosticSeverity.Warning,
            "Large rates are safe only after a warmup (Goyal et al. 2017 warm up 5 epochs for a 0.1 x k/256 rate). The rule judges the composed curve: the rate of the first update, whatever the order of the attributes. The threshold is set by scheduledsl.max_rate_without_warmup in .editorconfig (default 0.1).");

        /// <summary>SDL0002.</summary>
        public static readonly DiagnosticDescriptor InvalidArgument = Create(DiagnosticIds.InvalidArgument,
            "Invalid schedule argument", "{0}", DeclarationCategory, DiagnosticSeverity.Error,
            "An attribute argument is outside its allowed range; the schedule cannot be generated or evaluated.");

        /// <summary>SDL0003.</summary>
        public static readonly DiagnosticDescriptor MilestonesNotIncreasing = Create(DiagnosticIds.MilestonesNotIncreasing,
            "Milestones must not decrease", "{0}", DeclarationCategory, DiagnosticSeverity.Error,
            "MultiStep milestones are the times of successive decays and must be listed in order.");

        /// <summary>SDL0004.</summary>
        public static readonly DiagnosticDescriptor MissingHorizon = Create(DiagnosticIds.MissingHorizon,
            "Shape needs the schedule's horizon", "{0}", DeclarationCategory, DiagnosticSeverity.Error,
            "Shapes whose length defaults to the horizon (cosine, polynomial, linear decay, one-cycle, WSD) need [Epochs(n)] or [Steps(n)].");

        /// <summary>SDL0005.</summary>
        public static readonly DiagnosticDescriptor PrefixExceedsHorizon = Create(DiagnosticIds.PrefixExceedsHorizon,
            "Warmup and hold fill the horizon", "{0}", DeclarationCategory, DiagnosticSeverity.Error,
            "When warmup plus hold take the whole horizon, no time is left for the decay.");

        /// <summary>SDL0006.</summary>
        public static readonly DiagnosticDescriptor ConflictingComponents = Create(DiagnosticIds.ConflictingComponents,
            "Conflicting schedule components", "{0}", DeclarationCategory, DiagnosticSeverity.Error,
            "One-cycle and warmup-stable-decay define the whole schedule, warmup included, and stand alone; each component may be declared once.");

        /// <summary>SDL0018.</summary>
        public static readonly DiagnosticDescriptor WindowConflict = Create(DiagnosticIds.WindowConflict,
            "Window leaves a gap, overlaps or lies past the horizon", "{0}", DeclarationCategory, DiagnosticSeverity.Warning,
            "Windowed components (From/Until) read as phases: a gap between two windows returns the rate to the peak, the same family in two overlapping windows multiplies twice, and a window past the horizon never applies.");

        /// <summary>SDL0017.</summary>
        public static readonly DiagnosticDescriptor RisingShape = Create(DiagnosticIds.RisingShape,
            "Decay that rises", "{0}", DeclarationCategory, DiagnosticSeverity.Warning,
            "A cosine annealing whose minimum rate lies above the peak rises from the peak to that rate; PyTorch computes it, and so does ScheduleDsl, but it is rarely meant.");

        /// <summary>SDL0007.</summary>
        public static readonly DiagnosticDescriptor NeverFires = Create(DiagnosticIds.NeverFires,
            "Decay never fires", "{0}", DeclarationCategory, DiagnosticSeverity.Warning,
            "A step decay period or milestone at or beyond the end of training has no effect.");

        /// <summary>SDL0008.</summary>
        public static readonly DiagnosticDescriptor WastedTraining = Create(DiagnosticIds.WastedTraining,
            "Learning rate useless for a large part of training",
            "The rate falls below {0} ({1} of the peak) at {2} {3} and stays there for the last {4} {5} ({6}% of training): those updates barely move the weights; shorten the horizon, decay less, or raise the floor",
            DeclarationCategory, DiagnosticSeverity.Warning,
            "Evaluated at compile time over the horizon. Thresholds: scheduledsl.useless_rate_ratio (default 0.001 of the peak) and scheduledsl.wasted_fraction (default 0.1 of the horizon).");

        /// <summary>SDL0009.</summary>
        public static readonly DiagnosticDescriptor RateTooHigh = Create(DiagnosticIds.RateTooHigh,
            "Learning rate of 1.0 or more",
            "The rate reaches {0} at {1} {2}: rates of 1.0 or more make almost every network diverge; lower the peak or the factor that raises it",
            DeclarationCategory, DiagnosticSeverity.Warning,
            "Evaluated at compile time over the horizon; the limit is scheduledsl.max_rate (default 1.0).");

        /// <summary>SDL0010.</summary>
        public static readonly DiagnosticDescriptor AdaptiveOptimizerRate = Create(DiagnosticIds.AdaptiveOptimizerRate,
            "Learning rate too high for an adaptive optimizer",
            "Peak learning rate {0} is above {1} for {2}, an adaptive optimizer whose usual rate is 0.001: lower the rate or use SGD",
            DeclarationCategory, DiagnosticSeverity.Warning,
            "Adam, AdamW, RMSProp and Adagrad normalize the step per parameter; SGD-sized rates (0.1) make them diverge. The limit is scheduledsl.max_adaptive_rate (default 0.01).");

        /// <summary>SDL0011.</summary>
        public static readonly DiagnosticDescriptor CycleMomentumUnsupported = Create(DiagnosticIds.CycleMomentumUnsupported,
            "Momentum cycling needs momentum or beta1",
            "CycleMomentum = true, but {0}: {1}",
            DeclarationCategory, DiagnosticSeverity.Error,
            "Cycling momentum varies SGD/RMSProp momentum or Adam-family beta1; Adagrad has neither, and SGD or RMSProp with Momentum 0 have none to cycle.");

        /// <summary>SDL0012.</summary>
        public static readonly DiagnosticDescriptor AdvancedBeforeOptimizerStep = Create(DiagnosticIds.AdvancedBeforeOptimizerStep,
            "Schedule advanced before the optimizer step",
            "'{0}' advances the schedule before the optimizer's step() in the same loop: the first rate of the schedule is skipped; advance after optimizer.step()",
            UsageCategory, DiagnosticSeverity.Warning,
            "As in PyTorch, the scheduler steps after the optimizer; stepping it first shifts the whole schedule by one tick.");

        /// <summary>SDL0013.</summary>
        public static readonly DiagnosticDescriptor StepScheduleAdvancedPerEpoch = Create(DiagnosticIds.StepScheduleAdvancedPerEpoch,
            "Step schedule advanced once per epoch",
            "'{0}' is declared in steps but advanced once per outer-loop iteration, outside the loop that calls optimizer.step(): its horizon will stretch over far more epochs than meant; advance it after each optimizer.step()",
            UsageCategory, DiagnosticSeverity.Warning,
            "A schedule declared with [Steps] counts optimizer steps; advancing it once per epoch makes it run steps-per-epoch times too slowly.");

        /// <summary>SDL0014.</summary>
        public static readonly DiagnosticDescriptor EpochScheduleAdvancedPerBatch = Create(DiagnosticIds.EpochScheduleAdvancedPerBatch,
            "Epoch schedule advanced per batch",
            "'{0}' is declared in epochs and created without stepsPerEpoch, but advanced inside the batch loop: every batch counts as a whole epoch; pass stepsPerEpoch when creating it, or advance it once per epoch",
            UsageCategory, DiagnosticSeverity.Warning,
            "A schedule declared with [Epochs] advances one epoch per tick unless it knows the steps per epoch.");

        /// <summary>SDL0015.</summary>
        public static readonly DiagnosticDescriptor PlateauWithoutMetric = Create(DiagnosticIds.PlateauWithoutMetric,
            "Plateau schedule never given a metric",
            "'{0}' reduces the rate on plateau but ReportMetric is never called in '{1}': the rate will never be reduced; call ReportMetric(validationLoss) once per epoch",
            UsageCategory, DiagnosticSeverity.Warning,
            "Reduce-on-plateau only reacts to the metrics it is given (PyTorch's scheduler.step(val_loss)).");

        /// <summary>SDL0016.</summary>
        public static readonly DiagnosticDescriptor UnreadableSetting = Create(DiagnosticIds.UnreadableSetting,
            "Unreadable ScheduleDsl setting in .editorconfig",
            "'{0} = {1}' in .editorconfig cannot be read: expected {2}; the default {3} is used",
            ConfigurationCategory, DiagnosticSeverity.Warning,
            "ScheduleDsl's .editorconfig thresholds are numbers in invariant culture (0.6, never 0,6); a value that cannot be read would silently leave the default in force.");

        /// <summary>SDL0020.</summary>
        public static readonly DiagnosticDescriptor GrowingDecay = Create(DiagnosticIds.GrowingDecay,
            "Decay that grows the rate", "{0}", DeclarationCategory, DiagnosticSeverity.Warning,
            "A decay factor (StepDecay, MultiStep or Exponential gamma, Cyclic ExpRange gamma) above 1 multiplies the rate up instead of down, past the declared peak.");

        /// <summary>SDL0021.</summary>
        public static readonly DiagnosticDescriptor UnusualHyperparameterValue = Create(DiagnosticIds.UnusualHyperparameterValue,
            "Hyperparameter outside its usual range", "{0}", DeclarationCategory, DiagnosticSeverity.Warning,
            "Evaluated at compile time over the horizon: a weight decay above scheduledsl.max_weight_decay (default 0.5), an EMA decay below scheduledsl.min_ema_decay (default 0.9), a momentum below scheduledsl.min_momentum (default 0.5) or above scheduledsl.max_momentum (default 0.999).");

        /// <summary>SDL0030.</summary>
        public static readonly DiagnosticDescriptor OrphanScheduleAttribute = Create(DiagnosticIds.OrphanScheduleAttribute,
            "Schedule attribute without [LearningRate]",
            "'{0}' declares [{1}] but no [LearningRate] (nor another hyperparameter's marker): no schedule is generated for it; add [LearningRate(rate)] (or [WeightDecay(value)]...) or remove the schedule attributes",
            DeclarationCategory, DiagnosticSeverity.Warning,
            "[LearningRate] (or [WeightDecay], [Momentum], [EmaDecay], [Temperature], [Hyperparameter]) marks a schedule: the generator and the rules read a type's schedule attributes only when one is present, so without it they are silently ignored.");
    }
}
