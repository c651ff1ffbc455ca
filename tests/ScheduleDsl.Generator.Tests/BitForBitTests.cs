using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>Generated classes against the core evaluating the same definition: identical bits.</summary>
    public class BitForBitTests
    {
        private static readonly Lazy<(Assembly Assembly, List<(string Name, ScheduleDefinition Definition)> Cases)> Compiled = new(() =>
        {
            var cases = Families.EveryFamily.Select(f => ("Family" + f.Name, f.Definition)).ToList();
            cases.AddRange(Families.RandomValid(seed: 20240611).Take(300).Select((d, i) => ("Random" + i, d)));
            var source = new StringBuilder(AttributeWriter.Usings).Append("namespace BitForBit;\n");
            foreach ((string name, ScheduleDefinition d) in cases) source.Append(AttributeWriter.Class(name, d));
            return (GeneratorRunner.CompileAndLoad(source.ToString()), cases);
        });

        public static IEnumerable<object[]> Cases() =>
            Families.EveryFamily.Select(f => new object[] { "Family" + f.Name }).Concat(Enumerable.Range(0, 300).Select(i => new object[] { "Random" + i }));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Generated_class_computes_the_same_bits_as_the_core(string name)
        {
            (Assembly assembly, var cases) = Compiled.Value;
            ScheduleDefinition definition = cases.Single(c => c.Name == name).Definition;
            Type type = assembly.GetType("BitForBit." + name)!;
            Assert.NotNull(type);

            // The generated class carries the very definition it was generated from.
            Assert.Equal(definition, type.GetProperty("Definition")!.GetValue(null));
            Assert.Equal(definition.Fingerprint, (ulong)type.GetField("DefinitionFingerprint")!.GetValue(null)!);

            CompiledSchedule core = definition.Compile();
            var factorAt = (Func<double, double>)type.GetMethod("FactorAt")!.CreateDelegate(typeof(Func<double, double>));
            var rateAt = (Func<double, double>)type.GetMethod("RateAt")!.CreateDelegate(typeof(Func<double, double>));
            double span = (definition.Horizon ?? 200) * 1.1 + 3;
            for (int i = 0; i <= 400; i++)
            {
                double t = span * i / 400;
                Same(core.FactorAt(t), factorAt(t), name, t);
                Same(core.RateAt(t), rateAt(t), name, t);
            }

            // Stepping, per unit and (epoch schedules) per batch, with plateau reports when declared.
            var steppers = new List<(Schedule Core, ILearningRateSchedule Generated)> { (new Schedule(definition), (ILearningRateSchedule)Activator.CreateInstance(type)!) };
            if (definition.Unit == TimeUnit.Epochs)
                steppers.Add((new Schedule(definition, 7), (ILearningRateSchedule)Activator.CreateInstance(type, 7)!));
            var random = new Random(name.GetHashCode(StringComparison.Ordinal));
            foreach ((Schedule coreStepper, ILearningRateSchedule generated) in steppers)
            {
                for (int step = 0; step < 600; step++)
                {
                    Same(coreStepper.CurrentFactor, generated.CurrentFactor, name, step);
                    Same(coreStepper.CurrentMomentum(0.85, 0.95), generated.CurrentMomentum(0.85, 0.95), name + " momentum", step);
                    // The fused call a training step makes gives the very same two numbers, in the core and generated.
                    Same(coreStepper.CurrentFactor, coreStepper.CurrentFactorAndMomentum(0.85, 0.95, out double coreMomentum), name + " fused", step);
                    Same(coreStepper.CurrentMomentum(0.85, 0.95), coreMomentum, name + " fused momentum", step);
                    Same(generated.CurrentFactor, generated.CurrentFactorAndMomentum(0.85, 0.95, out double generatedMomentum), name + " generated fused", step);
                    Same(generated.CurrentMomentum(0.85, 0.95), generatedMomentum, name + " generated fused momentum", step);
                    Assert.Equal(coreStepper.CyclesMomentum, generated.CyclesMomentum);
                    if (generated is IPlateauSchedule plateau && step % 5 == 4)
                    {
                        double metric = 1.0 + random.NextDouble() * 0.01;
                        Assert.Equal(coreStepper.ReportMetric(metric), plateau.ReportMetric(metric));
                    }
                    coreStepper.Advance();
                    generated.Advance();
                }
                Assert.Equal(coreStepper.SaveState().ToString(), generated.SaveState().ToString());
            }
            Assert.Equal(definition.Components.OfType<PlateauReduction>().Any(), typeof(IPlateauSchedule).IsAssignableFrom(type));
        }

        [Theory]
        [InlineData(TimeUnit.Steps, null)]
        [InlineData(TimeUnit.Epochs, null)]
        [InlineData(TimeUnit.Epochs, 3)]
        public void Generated_class_refuses_the_tick_past_a_Throw_horizon_as_the_core_does(TimeUnit unit, int? stepsPerEpoch)
        {
            var definition = ScheduleDefinition.Create(0.1, unit, 4, new WarmupPhase(1), new CosineShape()) with { PastHorizon = PastHorizonPolicy.Throw };
            Type type = GeneratorRunner.CompileAndLoad(AttributeWriter.Usings + "namespace Throwing;\n" + AttributeWriter.Class("Schedule", definition))
                .GetType("Throwing.Schedule")!;
            var generated = (ILearningRateSchedule)(stepsPerEpoch is int spe ? Activator.CreateInstance(type, spe) : Activator.CreateInstance(type))!;
            var core = new Schedule(definition, stepsPerEpoch);
            long ticks = 4 * (stepsPerEpoch ?? 1);
            for (long k = 0; k < ticks; k++)
            {
                generated.Advance();
                core.Advance();
            }
            Same(core.CurrentFactor, generated.CurrentFactor, "at the horizon", ticks);
            var fromCore = Assert.Throws<InvalidOperationException>(core.Advance);
            var fromGenerated = Assert.Throws<InvalidOperationException>(generated.Advance);
            Assert.Equal(fromCore.Message, fromGenerated.Message);
            Assert.Equal(ticks, generated.CurrentStep);
            Same(core.CurrentFactor, generated.CurrentFactor, "after the refused tick", ticks);
        }

        private static void Same(double expected, double actual, string name, double at)
        {
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                Assert.Fail($"{name} at {at}: core {expected:R}, generated {actual:R}");
        }
    }
}
