using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>PyTorch's per-group semantics (absolute minimums, per-group lists), runtime custom factors (LambdaLR,
    /// MultiplicativeLR) and time travel, each against PyTorch's formulas written out here.</summary>
    public class PerGroupTests
    {
        private static void Close(double expected, double actual) =>
            Assert.True(Math.Abs(expected - actual) <= 1e-12 + 1e-9 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

        // Discriminative fine-tuning: backbone 1e-5, head 1e-3, cosine to eta_min = 1e-6 over 10 epochs.
        private static ScheduleDefinition FineTune(MinimumScaling minimums) =>
            ScheduleDefinition.Create(1e-3, TimeUnit.Epochs, 10, new CosineShape(1e-6)) with { Minimums = minimums };

        private static double TorchCosine(double baseLr, double etaMin, double t, double tMax) =>
            etaMin + (baseLr - etaMin) * (1 + Math.Cos(Math.PI * t / tMax)) / 2;

        [Fact]
        public void Absolute_minimums_give_every_group_PyTorchs_eta_min()
        {
            var schedule = new Schedule(FineTune(MinimumScaling.Absolute), groups: new[] { new ParamGroup(1e-5), new ParamGroup(1e-3) });
            for (int epoch = 0; epoch <= 10; epoch++)
            {
                Close(TorchCosine(1e-5, 1e-6, epoch, 10), schedule.GroupRate(1e-5));
                Close(TorchCosine(1e-3, 1e-6, epoch, 10), schedule.GroupRate(1e-3));
                Close(TorchCosine(1e-5, 1e-6, epoch, 10), schedule.RateOfGroup(0));
                Close(TorchCosine(1e-3, 1e-6, epoch, 10), schedule.RateOfGroup(1));
                Close(TorchCosine(1e-3, 1e-6, epoch, 10), schedule.Compiled.ForGroup(1e-3).RateAt(epoch));
                Close(TorchCosine(1e-5, 1e-6, epoch, 10), schedule.Compiled.ForGroup(1e-5).RateAt(epoch));
                schedule.Advance();
            }
            Assert.Equal(1e-6, schedule.GroupRate(1e-5), 15);
        }

        [Fact]
        public void Scaled_minimums_stay_the_default_and_keep_their_meaning()
        {
            ScheduleDefinition scaled = FineTune(MinimumScaling.Scaled);
            Assert.Equal(MinimumScaling.Scaled, ScheduleDefinition.Create(1e-3, TimeUnit.Epochs, 10, new CosineShape(1e-6)).Minimums);
            var schedule = new Schedule(scaled);
            schedule.Seek(10);
            // The backbone anneals to 1e-6 x (1e-5 / 1e-3): the minimum scales with the group.
            Close(1e-8, schedule.GroupRate(1e-5));
            Assert.Same(schedule.Compiled, schedule.Compiled.ForGroup(1e-5));
            // The default is not written into the canonical text, so existing fingerprints are unchanged.
            Assert.DoesNotContain("minimums", scaled.Canonical, StringComparison.Ordinal);
            Assert.Contains(";minimums=Absolute", FineTune(MinimumScaling.Absolute).Canonical, StringComparison.Ordinal);
            Assert.NotEqual(scaled.Fingerprint, FineTune(MinimumScaling.Absolute).Fingerprint);
        }

        [Fact]
        public void Per_group_cyclic_base_and_plateau_minimum_follow_PyTorchs_lists()
        {
            // CyclicLR(base_lr=[1, 2], max_lr=[5, 6], step_size_up=4): lr = base + (max - base) * max(0, 1 - |x|).
            var cyclic = ScheduleDefinition.Create(5, TimeUnit.Steps, null, new CyclicShape(1, 4)) with { Minimums = MinimumScaling.Absolute };
            var s = new Schedule(cyclic, groups: new[] { new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(6) { CyclicBaseLr = 2 } });
            for (int k = 0; k < 12; k++)
            {
                double cycle = Math.Floor(1 + k / 8.0), x = Math.Abs(k / 4.0 - 2 * cycle + 1), h = Math.Max(0, 1 - x);
                Close(1 + 4 * h, s.RateOfGroup(0));
                Close(2 + 4 * h, s.RateOfGroup(1));
                s.Advance();
            }

            // ReduceLROnPlateau(min_lr=[0.4, 0.3]): new = max(old * factor, min_lr[g]).
            var plateau = ScheduleDefinition.Create(0.5, TimeUnit.Epochs, null, new PlateauReduction(Patience: 0)) with { Minimums = MinimumScaling.Absolute };
            var p = new Schedule(plateau, groups: new[] { new ParamGroup(0.5) { PlateauMinLr = 0.4 }, new ParamGroup(0.5) { PlateauMinLr = 0.3 } });
            p.ReportMetric(1);
            Assert.True(p.ReportMetric(2));
            Close(0.4, p.RateOfGroup(0));
            Close(0.3, p.RateOfGroup(1));
        }

        [Fact]
        public void Per_group_values_are_checked_at_construction_naming_the_group_and_the_rule()
        {
            var cyclic = ScheduleDefinition.Create(5, TimeUnit.Steps, null, new CyclicShape(1, 4));
            var scaled = Assert.Throws<ArgumentException>(() => new Schedule(cyclic, groups: new[] { new ParamGroup(5), new ParamGroup(6) { CyclicBaseLr = 2 } }));
            Assert.Equal("groups", scaled.ParamName);
            Assert.StartsWith("groups[1].CyclicBaseLr = 2: a per-group rate is absolute", scaled.Message, StringComparison.Ordinal);
            Assert.Contains("Minimums = MinimumScaling.Absolute", scaled.Message, StringComparison.Ordinal);

            var absolute = cyclic with { Minimums = MinimumScaling.Absolute };
            var nan = Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule(absolute, groups: new[] { new ParamGroup(5) { CyclicBaseLr = double.NaN } }));
            Assert.Equal("groups", nan.ParamName);
            Assert.StartsWith("groups[0].CyclicBaseLr = NaN: must be a finite rate >= 0.", nan.Message, StringComparison.Ordinal);
            var noPlateau = Assert.Throws<ArgumentException>(() => new Schedule(absolute, groups: new[] { new ParamGroup(5) { PlateauMinLr = 0.1 } }));
            Assert.StartsWith("groups[0].PlateauMinLr = 0.1: the definition declares no ReduceOnPlateau", noPlateau.Message, StringComparison.Ordinal);
            var zeroBase = Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule(absolute, groups: new[] { new ParamGroup(0) }));
            Assert.StartsWith("groups[0].BaseRate = 0: must be a finite number greater than 0", zeroBase.Message, StringComparison.Ordinal);
            var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule(cyclic, groups: new[] { new ParamGroup(-1) }));
            Assert.StartsWith("groups[0].BaseRate = -1: must be a finite number >= 0", negative.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_custom_factor_without_its_delegate_is_refused_at_construction()
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, null, new WarmupPhase(2), new CustomShape("Decay"));
            var missing = Assert.Throws<ArgumentException>(() => new Schedule(definition));
            Assert.Equal("customFactors", missing.ParamName);
            Assert.Contains("CustomFactor(\"Decay\")", missing.Message, StringComparison.Ordinal);
            var unknown = Assert.Throws<ArgumentException>(() => new Schedule(definition, customFactors: new Dictionary<string, RuntimeFactor>
            {
                ["Decay"] = RuntimeFactor.OfTime(t => 1),
                ["Decy"] = RuntimeFactor.OfTime(t => 1),
            }));
            Assert.StartsWith("customFactors[\"Decy\"]: the definition declares no custom factor of that name (it declares Decay).", unknown.Message, StringComparison.Ordinal);
            var notInEveryGroup = Assert.Throws<ArgumentException>(() => new Schedule(definition, groups: new[]
            {
                new ParamGroup(0.1) { CustomFactors = new Dictionary<string, RuntimeFactor> { ["Decay"] = RuntimeFactor.OfTime(t => 1) } },
                new ParamGroup(0.2),
            }));
            Assert.Equal("customFactors", notInEveryGroup.ParamName);
            Assert.Throws<ArgumentNullException>(() => RuntimeFactor.OfTime(null!));
        }

        [Fact]
        public void LambdaLR_and_MultiplicativeLR_run_after_a_warmup_as_PyTorch_computes_them()
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, null, new WarmupPhase(2), new CustomShape("Decay"));
            var lambda = new Schedule(definition, customFactors: new Dictionary<string, RuntimeFactor> { ["Decay"] = RuntimeFactor.OfTime(t => Math.Pow(0.9, t)) });
            var calls = new List<long>();
            var multiplicative = new Schedule(definition, customFactors: new Dictionary<string, RuntimeFactor>
            {
                ["Decay"] = RuntimeFactor.Multiplicative(k => { calls.Add(k); return 0.5 + 0.01 * k; }),
            });
            double product = 1.0;
            for (int epoch = 0; epoch < 12; epoch++)
            {
                double s = epoch - 2;
                if (epoch >= 3) product *= 0.5 + 0.01 * (epoch - 2);
                Close(epoch < 2 ? 0.1 * epoch / 2 : 0.1 * Math.Pow(0.9, s), lambda.CurrentRate);
                Close(epoch < 2 ? 0.1 * epoch / 2 : 0.1 * product, multiplicative.CurrentRate);
                lambda.Advance();
                multiplicative.Advance();
            }
            // Stepping forward called each multiplier once, in order (a running product).
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, calls);
            // Moving back recomputes from 1.
            multiplicative.Seek(5);
            Close(0.1 * 0.51 * 0.52 * 0.53, multiplicative.CurrentRate);
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3 }, calls);
        }

        [Fact]
        public void Stepping_a_multiplicative_factor_allocates_nothing()
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, null, new CustomShape("Decay"));
            var s = new Schedule(definition, customFactors: new Dictionary<string, RuntimeFactor> { ["Decay"] = RuntimeFactor.Multiplicative(static _ => 0.9999999) });
            double sum = s.CurrentFactor;
            s.Advance();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000_000; i++)
            {
                s.Advance();
                sum += s.CurrentFactor;
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(sum > 0);
        }

        [Fact]
        public void Starting_at_a_step_equals_stepping_there()
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 30, new WarmupPhase(3), new CosineRestartsShape(5, 2, 1e-3));
            var stepped = new Schedule(definition, stepsPerEpoch: 4);
            for (int k = 0; k < 37; k++) stepped.Advance();
            var resumed = new Schedule(definition, stepsPerEpoch: 4, startStep: 37);
            Assert.Equal(stepped.CurrentFactor, resumed.CurrentFactor);
            Assert.Equal(stepped.SaveState(), resumed.SaveState());
            Assert.Equal("startStep", Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule(definition, startStep: -1)).ParamName);
            var throwing = definition with { PastHorizon = PastHorizonPolicy.Throw };
            Assert.Throws<InvalidOperationException>(() => new Schedule(throwing, startStep: 31));
        }

        [Fact]
        public void SetTime_reaches_fractional_epochs_as_PyTorchs_step_epoch()
        {
            // CosineAnnealingWarmRestarts(T_0=10, eta_min=0).step(1.3), then step(): T_cur = 2.3.
            var s = new Schedule(ScheduleDefinition.Create(0.05, TimeUnit.Epochs, null, new CosineRestartsShape(10, 1, 0)));
            s.SetTime(1.3);
            Assert.Equal(1, s.CurrentStep);
            Assert.Equal(1.3, s.CurrentTime);
            Close(0.05 * (1 + Math.Cos(Math.PI * 1.3 / 10)) / 2, s.CurrentRate);
            s.Advance();
            Assert.Equal(1.3 + 1, s.CurrentTime);
            Close(0.05 * (1 + Math.Cos(Math.PI * 2.3 / 10)) / 2, s.CurrentRate);
            Close(0.05 * (1 + Math.Cos(Math.PI * 7.5 / 10)) / 2, 0.05 * s.FactorAtTime(17.5));
            s.SetTime(4);
            Assert.Equal(4, s.CurrentStep);
            Assert.DoesNotContain("origin", s.SaveState().ToString(), StringComparison.Ordinal);
            var bad = Assert.Throws<ArgumentOutOfRangeException>(() => s.SetTime(-0.5));
            Assert.Equal("time", bad.ParamName);
            Assert.StartsWith("time = -0.5: must be a finite number >= 0.", bad.Message, StringComparison.Ordinal);
            Assert.Equal(4, s.CurrentStep);
        }

        [Theory]
        [InlineData("en-US")]
        [InlineData("de-DE")]
        public void A_time_set_off_the_ticks_is_saved_and_resumes_bit_for_bit(string culture)
        {
            CultureInfo saved = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 40, new CosineShape(1e-3));
                var s = new Schedule(definition, stepsPerEpoch: 3);
                s.SetTime(2.7);
                s.Advance();
                string text = s.SaveState().ToString();
                Assert.Contains(" cooldown=0 origin=2.7@8 checksum=", text, StringComparison.Ordinal);
                var resumed = new Schedule(definition, stepsPerEpoch: 3);
                resumed.RestoreState(ScheduleState.Parse(text));
                for (int k = 0; k < 20; k++)
                {
                    Assert.Equal(s.CurrentTime, resumed.CurrentTime);
                    Assert.Equal(s.CurrentFactor, resumed.CurrentFactor);
                    s.Advance();
                    resumed.Advance();
                }
                Assert.Throws<FormatException>(() => ScheduleState.Parse(text.Replace("@8", "")));
                s.Seek(3);
                Assert.Equal(1.0, s.CurrentTime);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }
    }
}
