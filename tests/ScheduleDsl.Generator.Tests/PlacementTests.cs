using System;
using System.Linq;
using System.Reflection;
using ScheduleDsl.Composition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Where a schedule is generated: into the class itself when nothing of the user's can clash with a schedule's
    /// state (a plain class with static members only), otherwise into a nested class with factories; reopened inside every
    /// kind of containing type; the nested class named after the hyperparameter. One compilation for every case.</summary>
    public class PlacementTests
    {
        private const string Schedule = "[LearningRate(0.1), Epochs(10)] [Cosine]";

        // Compiled in each test, never cached: Stryker reuses the test host across mutants (docs/testing.md).
        private static Assembly Compile(string declarations) =>
            GeneratorRunner.CompileAndLoad("using ScheduleDsl;\nnamespace P\n{\n" + declarations + "\n}\n");

        private static double Cosine(double t) => (1 + Math.Cos(Math.PI * t / 10)) / 2; // cosine over 10 epochs

        /// <summary>The class is the schedule only when it is a plain class (no base class, no interface, not abstract, static,
        /// a record or a struct) whose own members are all static or nested types.</summary>
        [Fact]
        public void The_class_is_the_schedule_only_when_plain()
        {
            (string Name, string Declaration, bool OwnType)[] cases =
            {
                ("Plain", "public partial class Plain { }", true),
                ("Sealed", "public sealed partial class Sealed { }", true),
                ("StaticMembers", "public partial class StaticMembers { public static int Answer => 42; private static double F(double t) => t; }", true),
                ("NestedTypeOnly", "public partial class NestedTypeOnly { public sealed class Inner { } }", true),
                ("InstanceField", "public partial class InstanceField { public int X; }", false),
                ("InstanceMethod", "public partial class InstanceMethod { public int M() => 1; }", false),
                ("Implements", "public partial class Implements : IMarker { }", false),
                ("Derived", "public partial class Derived : Base { }", false),
                ("Abstract", "public abstract partial class Abstract { }", false),
                ("Static", "public static partial class Static { }", false),
                ("Record", "public partial record Record { }", false),
                ("Struct", "public partial struct Struct { }", false),
                ("RecordStruct", "public partial record struct RecordStruct { }", false),
            };
            Assembly assembly = Compile("public interface IMarker { }\npublic class Base { }\n"
                + string.Join("\n", cases.Select(c => Schedule + " " + c.Declaration)));
            foreach ((string name, _, bool ownType) in cases)
            {
                Type type = assembly.GetType("P." + name)!;
                Type? nested = type.GetNestedType("LearningRateSchedule");
                Assert.True(ownType == typeof(ILearningRateSchedule).IsAssignableFrom(type), name);
                Assert.True(ownType == (nested is null), name);
                Type schedule = nested ?? type;
                Assert.Equal(0.1, (double)schedule.GetField("Peak")!.GetValue(null)!);
                Assert.Equal(Cosine(2.5), (double)schedule.GetMethod("FactorAt")!.Invoke(null, new object[] { 2.5 })!, 15);
                if (ownType) continue;
                // The factories: per epoch, and per batch (10 batches of 4 an epoch: epoch 2.5).
                var perEpoch = (ILearningRateSchedule)type.GetMethod("CreateLearningRateSchedule", Type.EmptyTypes)!.Invoke(null, null)!;
                Assert.IsType(nested!, perEpoch);
                var perBatch = (ILearningRateSchedule)type.GetMethod("CreateLearningRateSchedule", new[] { typeof(int) })!.Invoke(null, new object[] { 4 })!;
                for (int i = 0; i < 10; i++) perBatch.Advance();
                Assert.Equal(Cosine(2.5), perBatch.CurrentFactor, 15);
            }
        }

        /// <summary>Each containing type is reopened with its own keyword (a record reopened as a class would not compile, CS0261).</summary>
        [Fact]
        public void A_schedule_nested_in_any_kind_of_type_compiles()
        {
            Assembly assembly = Compile($$"""
                public partial record OuterRecord { {{Schedule}} public partial class T { } }
                public partial record struct OuterRecordStruct { {{Schedule}} public partial class T { } }
                public partial struct OuterStruct { {{Schedule}} public partial class T { } }
                public partial interface IOuter { {{Schedule}} public partial class T { } }
                public static partial class OuterClass { public partial class Middle { {{Schedule}} public partial struct T { } } }
                """);
            foreach (string schedule in new[] { "OuterRecord+T", "OuterRecordStruct+T", "OuterStruct+T", "IOuter+T", "OuterClass+Middle+T+LearningRateSchedule" })
            {
                var instance = (ILearningRateSchedule)Activator.CreateInstance(assembly.GetType("P." + schedule)!)!;
                Assert.Equal(1.0, instance.CurrentFactor);
                instance.Seek(10);
                Assert.Equal(0.0, instance.CurrentFactor, 15); // the cosine's end
            }
        }

        /// <summary>A <c>[Hyperparameter]</c>'s nested class and factory are named after its name in Pascal case, split at
        /// <c>_ . - /</c>; a name that leaves no word or starts with a digit is prefixed with <c>Hyperparameter</c>.</summary>
        [Fact]
        public void A_named_hyperparameter_schedule_is_named_after_its_name()
        {
            (string Name, string Nested)[] cases =
            {
                ("3d_weight", "Hyperparameter3dWeightSchedule"),
                ("a.b-c/d__e", "ABCDESchedule"),
                ("_", "HyperparameterSchedule"),
                ("x", "XSchedule"),
                ("loss_Weight2", "LossWeight2Schedule"),
            };
            Assembly assembly = Compile(string.Join("\n", cases.Select((c, i) =>
                $"[Hyperparameter(\"{c.Name}\", 2.0), Epochs(10)] [Cosine] public partial class T{i} {{ public int X; }}")));
            for (int i = 0; i < cases.Length; i++)
            {
                Type declared = assembly.GetType("P.T" + i)!;
                Assert.Equal(new[] { cases[i].Nested }, declared.GetNestedTypes().Select(t => t.Name));
                var schedule = (IHyperparameterSchedule)declared.GetMethod("Create" + cases[i].Nested, Type.EmptyTypes)!.Invoke(null, null)!;
                Assert.Equal((2.0, HyperparameterKind.Other, cases[i].Name), (schedule.BaseValue, schedule.Kind, schedule.Name));
            }
        }

        /// <summary>A training type's factories say what a tick is: an epoch (with a per-batch overload) for a schedule in
        /// epochs, an optimizer step (and no per-batch overload) for one in steps.</summary>
        [Theory]
        [InlineData("Epochs(10)", "epoch", true)]
        [InlineData("Steps(1000)", "optimizer step", false)]
        public void A_training_types_factories_name_the_tick(string unit, string tick, bool perBatch)
        {
            string source = "using ScheduleDsl;\n[LearningRate(0.1), " + unit + "] [Cosine] public partial record Trainer;";
            string[] lines = GeneratorRunner.GeneratedLines(source);
            Assert.Contains($"/// <summary>Creates the learning-rate schedule declared on this type, ticking once per {tick}.</summary>", lines);
            Assert.Equal(perBatch, lines.Contains("public static LearningRateSchedule CreateLearningRateSchedule(int stepsPerEpoch) => new LearningRateSchedule(stepsPerEpoch);"));
        }
    }
}
