using System;
using System.Collections.Generic;
using ScheduleDsl.Composition;

namespace ScheduleDsl.Definition
{
    /// <summary>What each <see cref="HyperparameterKind"/> is called, which marker declares it and which values it takes:
    /// the one table the rules, the generator, the analyzers and the runtime read.</summary>
    public static class HyperparameterKinds
    {
        /// <summary>Every kind's marker attribute (the generator finds schedules through these).</summary>
        internal static IReadOnlyList<(HyperparameterKind Kind, Type Marker)> Markers { get; } = new[]
        {
            (HyperparameterKind.LearningRate, typeof(LearningRateAttribute)),
            (HyperparameterKind.WeightDecay, typeof(WeightDecayAttribute)),
            (HyperparameterKind.Momentum, typeof(MomentumAttribute)),
            (HyperparameterKind.EmaDecay, typeof(EmaDecayAttribute)),
            (HyperparameterKind.Temperature, typeof(TemperatureAttribute)),
            (HyperparameterKind.Other, typeof(HyperparameterAttribute)),
        };

        /// <summary>The name a schedule of <paramref name="kind"/> goes by in logs and checkpoints (<c>lr</c>, <c>weight_decay</c>,
        /// <c>momentum</c>, <c>ema_decay</c>, <c>temperature</c>); null for <see cref="HyperparameterKind.Other"/>, which is named by its declaration.</summary>
        public static string? NameOf(HyperparameterKind kind) => kind switch
        {
            HyperparameterKind.LearningRate => "lr",
            HyperparameterKind.WeightDecay => "weight_decay",
            HyperparameterKind.Momentum => "momentum",
            HyperparameterKind.EmaDecay => "ema_decay",
            HyperparameterKind.Temperature => "temperature",
            _ => null,
        };

        /// <summary>The marker attribute declaring <paramref name="kind"/>.</summary>
        internal static Type MarkerOf(HyperparameterKind kind)
        {
            foreach ((HyperparameterKind k, Type marker) in Markers)
                if (k == kind) return marker;
            return typeof(HyperparameterAttribute);
        }

        /// <summary>The marker's argument holding the base value (<c>Rate</c> for the learning rate, <c>Value</c> otherwise).</summary>
        internal static string ValueParameterOf(HyperparameterKind kind) =>
            kind == HyperparameterKind.LearningRate ? nameof(LearningRateAttribute.Rate) : nameof(HyperparameterAttribute.Value);

        /// <summary>The kind in words, for messages and descriptions (<c>learning rate</c>, <c>weight decay</c>, <c>EMA decay</c>...;
        /// the declared name for <see cref="HyperparameterKind.Other"/>).</summary>
        internal static string Noun(HyperparameterKind kind, string? name) => kind switch
        {
            HyperparameterKind.LearningRate => "learning rate",
            HyperparameterKind.WeightDecay => "weight decay",
            HyperparameterKind.Momentum => "momentum",
            HyperparameterKind.EmaDecay => "EMA decay",
            HyperparameterKind.Temperature => "temperature",
            _ => name ?? "hyperparameter",
        };

        /// <summary>The kind at the start of a sentence: <c>Weight decay</c>, <c>EMA decay</c>, <c>Hyperparameter loss_weight</c>.</summary>
        internal static string Title(HyperparameterKind kind, string? name)
        {
            if (kind == HyperparameterKind.Other) return "Hyperparameter " + (name ?? "");
            string noun = Noun(kind, name);
            return char.ToUpperInvariant(noun[0]) + noun.Substring(1);
        }

        /// <summary>Whether <paramref name="kind"/>'s values are bounded by 1 (momentum and EMA decay lie within [0, 1]).</summary>
        internal static bool IsAtMostOne(HyperparameterKind kind) => kind is HyperparameterKind.Momentum or HyperparameterKind.EmaDecay;

        /// <summary>Whether <paramref name="kind"/>'s values must stay above 0 (a temperature divides).</summary>
        internal static bool IsPositive(HyperparameterKind kind) => kind == HyperparameterKind.Temperature;

        /// <summary>Why <paramref name="name"/> cannot name a <c>[Hyperparameter]</c>, or null when it can: letters, digits,
        /// <c>_ . - /</c> (a TensorBoard tag, a checkpoint key), not a name of the other kinds.</summary>
        internal static string? NameProblem(string? name)
        {
            if (string.IsNullOrEmpty(name)) return "is empty: name the hyperparameter, e.g. \"loss_weight\"";
            foreach (char ch in name!)
                if (!(ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.' or '-' or '/'))
                    return "may hold only letters, digits, '_', '.', '-' and '/' (it names the schedule in logs and checkpoints)";
            foreach ((HyperparameterKind kind, Type marker) in Markers)
                if (kind != HyperparameterKind.Other && NameOf(kind) == name)
                    return $"is the name of [{DslName.Of(marker)}]; declare that marker instead, so the rules of its kind apply";
            return null;
        }
    }
}
