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
        // The cases are data only; the generated classes are not cached: each test runs the generator and compiles its own
        // batch, so a test host reused across runs (a mutation tool's, one run per mutant) always tests the generator as it is.
        private static readonly List<(string Name, ScheduleDefinition Definition)> AllCases = AllCasesInOrder();
        private const int AbsoluteCount = 120;
        private const int PerBatch = 16;

        private static List<(string Name, ScheduleDefinition Definition)> AllCasesInOrder()
        {
            var cases = Families.EveryFamily.Select(f => ("Family" + f.Name, f.Definition)).ToList();
            cases.AddRange(Families.RandomValid(seed: 20240611).Take(300).Select((d, i) => ("Random" + i, d)));
            // Absolute minimums (PyTorch's per-group eta_min): another stream, so the compositions above stay the same.
            cases.AddRange(Families.RandomValid(seed: 20261202).Take(AbsoluteCount).Select((d, i) => ("RandomAbsolute" + i, d with { Minimums = MinimumScaling.Absolute })));
            cases.AddRange(Families.RandomWindowedValid(seed: 20261202).Take(200).Select((d, i) => ("Windowed" + i, d)));
            return cases;
        }

        public static IEnumerable<object[]> Batches() =>
            Enumerable.Range(0, (AllCases.Count + PerBatch - 1) / PerBatch).Select(b => new object[] { b });

        // Schedules of the other hyperparameters (issue 15): another stream, under every other marker.
        private static readonly List<(string Name, ScheduleDefinition Definition)> HyperparameterCases =
            Families.RandomHyperparameters(seed: 20260315).Take(150).Select((d, i) => ("Kind" + i, d)).ToList();

        public static IEnumerable<object[]> HyperparameterBatches() =>
            Enumerable.Range(0, (HyperparameterCases.Count + PerBatch - 1) / PerBatch).Select(b => new object[] { b });

        private static Assembly CompileBatch(List<(string Name, ScheduleDefinition Definition)> cases)
        {
            var source = new StringBuilder(AttributeWriter.Usings).Append("namespace BitForBit;\n");
            foreach ((string name, ScheduleDefinition d) in cases) source.Append(AttributeWriter.Class(name, d));
            return GeneratorRunner.CompileAndLoad(source.ToString());
        }

        /// <summary>A generated class of another hyperparameter (weight decay, momentum, EMA decay, temperature, a named one) steps
        /// through the same bits as the core's <see cref="Schedule"/>: its factor, its value, its state, its plateau decisions.</summary>
        [Theory]
        [MemberData(nameof(HyperparameterBatches))]
        public void Generated_hyperparameter_classes_compute_the_same_bits_as_the_core(int batch)
        {
            List<(string Name, ScheduleDefinition Definition)> cases = HyperparameterCases.Skip(batch * PerBatch).Take(PerBatch).ToList();
            Assembly assembly = CompileBatch(cases);
            foreach ((string name, ScheduleDefinition definition) in cases) CheckHyperparameter(assembly, name, definition);
        }

        private static void CheckHyperparameter(Assembly assembly, string name, ScheduleDefinition definition)
        {
            Type type = assembly.GetType("BitForBit." + name)!;
            Assert.Equal(definition, type.GetProperty("Definition")!.GetValue(null));
            Assert.Equal(definition.Fingerprint, (ulong)type.GetField("DefinitionFingerprint")!.GetValue(null)!);
            Assert.Equal(definition.LearningRate, (double)type.GetField("BaseValue")!.GetValue(null)!);
            Assert.False(typeof(ILearningRateSchedule).IsAssignableFrom(type), "only learning rates drive an optimizer's rate");

            CompiledSchedule core = definition.Compile();
            var valueAt = (Func<double, double>)type.GetMethod("ValueAt")!.CreateDelegate(typeof(Func<double, double>));
            double span = (definition.Horizon ?? 200) * 1.1 + 3;
            for (int i = 0; i <= 400; i++)
            {
                double t = span * i / 400;
                Same(core.RateAt(t), valueAt(t), name, t);
            }

            MethodInfo? report = type.GetMethod("ReportMetric");
            var steppers = new List<(Schedule Core, IHyperparameterSchedule Generated)> { (new Schedule(definition), (IHyperparameterSchedule)Activator.CreateInstance(type)!) };
            if (definition.Unit == TimeUnit.Epochs)
                steppers.Add((new Schedule(definition, 7), (IHyperparameterSchedule)Activator.CreateInstance(type, 7)!));
            var random = new Random(name.GetHashCode(StringComparison.Ordinal));
            foreach ((Schedule coreStepper, IHyperparameterSchedule generated) in steppers)
            {
                Assert.Equal(coreStepper.Kind, generated.Kind);
                Assert.Equal(coreStepper.Name, generated.Name);
                Assert.Equal(coreStepper.BaseValue, generated.BaseValue);
                Assert.Equal(coreStepper.Fingerprint, generated.Fingerprint);
                for (int step = 0; step < 600; step++)
                {
                    Same(coreStepper.CurrentFactor, generated.CurrentFactor, name, step);
                    Same(coreStepper.CurrentValue, generated.CurrentValue, name + " value", step);
                    if (report is not null && step % 5 == 4)
                    {
                        double metric = 1.0 + random.NextDouble() * 0.01;
                        Assert.Equal(coreStepper.ReportMetric(metric), (bool)report.Invoke(generated, new object[] { metric })!);
                    }
                    coreStepper.Advance();
                    generated.Advance();
                }
                Assert.Equal(coreStepper.SaveState().ToString(), generated.SaveState().ToString());
            }
            Assert.Equal(definition.Components.OfType<PlateauReduction>().Any(), report is not null);
        }

        [Theory]
        [MemberData(nameof(Batches))]
        public void Generated_classes_compute_the_same_bits_as_the_core(int batch)
        {
            List<(string Name, ScheduleDefinition Definition)> cases = AllCases.Skip(batch * PerBatch).Take(PerBatch).ToList();
            Assembly assembly = CompileBatch(cases);
            foreach ((string name, ScheduleDefinition definition) in cases) Check(assembly, name, definition);
        }

        private static void Check(Assembly assembly, string name, ScheduleDefinition definition)
        {
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

            // Absolute minimums: each group evaluated with its own base rate, by the static entry point and the stepper below.
            bool absolute = definition.Minimums == MinimumScaling.Absolute;
            double[] groupBases = { definition.LearningRate * 0.3, definition.LearningRate * 1.7, definition.LearningRate };
            if (absolute)
            {
                var groupFactorAt = (Func<double, double, double>)type.GetMethod("GroupFactorAt")!.CreateDelegate(typeof(Func<double, double, double>));
                foreach (double b in groupBases)
                {
                    CompiledSchedule group = core.ForGroup(b);
                    for (int i = 0; i <= 400; i++)
                    {
                        double t = span * i / 400;
                        Same(group.FactorAt(t), groupFactorAt(t, b), name + " group " + b, t);
                    }
                }
            }
            else
            {
                Assert.Null(type.GetMethod("GroupFactorAt"));
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
                    foreach (double b in groupBases)
                    {
                        Same(coreStepper.CurrentGroupFactor(b), generated.CurrentGroupFactor(b), name + " group " + b, step);
                        if (!absolute) Same(coreStepper.CurrentFactor, generated.CurrentGroupFactor(b), name + " scaled group " + b, step);
                    }
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

        /// <summary>A warmup declared after a hold ramps on the time since the hold ended (issue 14: no generated class had
        /// a prefix after another one that is not flat, so evaluating it at t instead of t - start went unnoticed).
        /// Against the closed form, then the core.</summary>
        [Theory]
        [InlineData(WarmupKind.Linear)]
        [InlineData(WarmupKind.Cosine)]
        public void A_warmup_after_a_hold_ramps_on_its_own_time(WarmupKind kind)
        {
            var definition = ScheduleDefinition.Create(1.0, TimeUnit.Steps, null, new HoldPhase(5), new WarmupPhase(20, kind, 0.5), new InverseSqrtShape());
            Type type = GeneratorRunner.CompileAndLoad(AttributeWriter.Usings + "namespace HoldFirst;\n" + AttributeWriter.Class("Schedule", definition))
                .GetType("HoldFirst.Schedule")!;
            var factorAt = (Func<double, double>)type.GetMethod("FactorAt")!.CreateDelegate(typeof(Func<double, double>));
            CompiledSchedule core = definition.Compile();
            for (double t = 0; t <= 60; t += 0.5)
            {
                double u = (t - 5) / 20; // the warmup's own progress
                double ramp = kind == WarmupKind.Linear ? u : (1 - Math.Cos(Math.PI * u)) / 2;
                // InverseSqrt's timescale is the warmup's length: 1 / sqrt((s + 20) / 20) on the time s after the prefix.
                double expected = t < 5 ? 1.0 : t < 25 ? 0.5 + 0.5 * ramp : 1.0 / Math.Sqrt((t - 25 + 20) / 20.0);
                Assert.Equal(expected, factorAt(t), 14);
                Same(core.FactorAt(t), factorAt(t), "hold then warmup", t);
            }
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

        /// <summary>Time travel: SetTime (fractional), Seek and AtStep move the generated class exactly as the core's Schedule,
        /// and a state saved off the ticks resumes both bit for bit.</summary>
        [Theory]
        [InlineData(null)]
        [InlineData(4)]
        public void Generated_class_travels_in_time_as_the_core_does(int? stepsPerEpoch)
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 40, new WarmupPhase(2), new CosineRestartsShape(5, 2, 1e-3),
                new PlateauReduction(Patience: 1)) with { Minimums = MinimumScaling.Absolute };
            Type type = GeneratorRunner.CompileAndLoad(AttributeWriter.Usings + "namespace Travel;\n" + AttributeWriter.Class("Schedule", definition))
                .GetType("Travel.Schedule")!;
            object[] ctorArgs = stepsPerEpoch is int spe ? new object[] { spe } : Array.Empty<object>();
            dynamic generated = Activator.CreateInstance(type, ctorArgs)!;
            var core = new Schedule(definition, stepsPerEpoch);
            foreach (double time in new[] { 0.0, 1.3, 2.0, 7.25, 3.1, 12.5, 0.05, 39.9 })
            {
                generated.SetTime(time);
                core.SetTime(time);
                Assert.Equal(core.CurrentStep, (long)generated.CurrentStep);
                Same(core.CurrentTime, (double)generated.CurrentTime, "time", time);
                for (int k = 0; k < 3; k++)
                {
                    Same(core.CurrentFactor, (double)generated.CurrentFactor, "after SetTime", time + k);
                    Same(core.CurrentGroupFactor(0.02), (double)generated.CurrentGroupFactor(0.02), "group after SetTime", time + k);
                    Assert.Equal(core.ReportMetric(1.0 + k), (bool)generated.ReportMetric(1.0 + k));
                    core.Advance();
                    generated.Advance();
                }
                Assert.Equal(core.SaveState().ToString(), generated.SaveState().ToString());
            }
            // A state saved off the ticks resumes both, then both keep stepping alike.
            ScheduleState saved = core.SaveState();
            Assert.Contains(" origin=", saved.ToString(), StringComparison.Ordinal);
            generated.Seek(3L);
            core.Seek(3);
            Same(core.CurrentFactor, (double)generated.CurrentFactor, "after Seek", 3);
            generated.RestoreState(ScheduleState.Parse(saved.ToString()));
            core.RestoreState(saved);
            Same(core.CurrentFactor, (double)generated.CurrentFactor, "restored", 0);
            MethodInfo atStep = stepsPerEpoch is null ? type.GetMethod("AtStep", new[] { typeof(long) })! : type.GetMethod("AtStep", new[] { typeof(long), typeof(int) })!;
            dynamic resumed = atStep.Invoke(null, stepsPerEpoch is int s ? new object[] { 9L, s } : new object[] { 9L })!;
            var coreResumed = new Schedule(definition, stepsPerEpoch, startStep: 9);
            Assert.Equal(9L, (long)resumed.CurrentStep);
            Same(coreResumed.CurrentFactor, (double)resumed.CurrentFactor, "AtStep", 9);
            var refused = Assert.Throws<ArgumentOutOfRangeException>(() => { generated.SetTime(double.NaN); });
            Assert.Equal("time", refused.ParamName);
            Assert.Equal(Assert.Throws<ArgumentOutOfRangeException>(() => core.SetTime(double.NaN)).Message, refused.Message);
            Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => { generated.Seek(-1L); }).ParamName);
        }

        private static void Same(double expected, double actual, string name, double at)
        {
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                Assert.Fail($"{name} at {at}: core {expected:R}, generated {actual:R}");
        }
    }
}
