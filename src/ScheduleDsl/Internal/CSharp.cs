using System;
using System.Globalization;
using System.Text;
using ScheduleDsl.Definition;

namespace ScheduleDsl
{
    /// <summary>C# text for generated code: invariant, round-trip literals and fully qualified names
    /// (the one set of literal helpers for the terms, the records and the emitter).</summary>
    internal static class CSharp
    {
        /// <summary>A round-trip double literal: <c>0.1</c>, <c>1E-05</c>, <c>double.NaN</c>...</summary>
        public static string Literal(double value) => Numbers.Literal(value);

        /// <summary>A nullable double: its literal or <c>null</c>.</summary>
        public static string Literal(double? value) => value is double v ? Numbers.Literal(v) : "null";

        /// <summary>An int literal.</summary>
        public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary><c>true</c> or <c>false</c>.</summary>
        public static string Literal(bool value) => value ? "true" : "false";

        /// <summary>A quoted, escaped string literal.</summary>
        public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        /// <summary>An enum member, fully qualified: <c>global::ScheduleDsl.WarmupKind.Linear</c>.</summary>
        public static string Literal<TEnum>(TEnum value) where TEnum : struct, Enum => Name(typeof(TEnum)) + "." + value;

        /// <summary>A <c>new double[] { ... }</c> expression.</summary>
        public static string Array(EquatableArray<double> values)
        {
            var text = new StringBuilder("new double[] { ");
            for (int i = 0; i < values.Count; i++) text.Append(i == 0 ? "" : ", ").Append(Literal(values[i]));
            return text.Append(" }").ToString();
        }

        /// <summary>A <c>new EquatableArray&lt;double&gt;(new double[] { ... })</c> expression.</summary>
        public static string EquatableArray(EquatableArray<double> values) =>
            $"new global::{typeof(EquatableArray<>).Namespace}.{nameof(EquatableArray<double>)}<double>({Array(values)})";

        /// <summary>The fully qualified name of <paramref name="type"/>: <c>global::ScheduleDsl.Families.Cosine</c>.</summary>
        public static string Name(Type type) => "global::" + type.FullName!.Replace('+', '.');

        /// <summary><c>new Type(arguments)</c>.</summary>
        public static string New(Type type, params string[] arguments) => $"new {Name(type)}({string.Join(", ", arguments)})";

        /// <summary><c>Type.Method(arguments)</c>.</summary>
        public static string Call(Type type, string method, params string[] arguments) => $"{Name(type)}.{method}({string.Join(", ", arguments)})";
    }
}
