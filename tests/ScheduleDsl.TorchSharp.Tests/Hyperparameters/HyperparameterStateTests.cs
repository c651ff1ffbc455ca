using System;
using System.IO;
using System.Linq;
using ScheduleDsl.Composition;
using TorchSharp;
using Xunit;
using static ScheduleDsl.TorchSharp.Tests.Hyperparameters.HyperparameterFixtures;
using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp.Tests.Hyperparameters
{
    /// <summary>Saving, resuming and logging a driver that schedules more than the rate: every schedule in, all or nothing.</summary>
    public sealed class HyperparameterStateTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "sdl-hyper-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private static (optim.Optimizer Optimizer, ScheduleDriver<Schedule> Driver, IHyperparameterSchedule Ema) Dino(nn.Module model, bool ema = true,
            IHyperparameterSchedule? teacherMomentum = null)
        {
            optim.Optimizer optimizer = Optimizer("AdamW", model, 0.04, 0.0);
            IHyperparameterSchedule teacher = teacherMomentum ?? Ema();
            var driver = ScheduleDriver.Attach(optimizer, Rate).ScheduleWeightDecay(WeightDecay());
            if (ema) driver.Track(teacher);
            return (optimizer, driver, teacher);
        }

        [Fact]
        public void State_text_round_trips_every_schedule_under_a_comma_culture()
        {
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            try
            {
                var (optimizer, driver, ema) = Dino(Fixtures.Model());
                driver.SetTime(3.25);
                for (int i = 0; i < 4; i++) driver.Step();
                string state = driver.SaveState();
                Assert.StartsWith("sdl-driver/3\n", state, StringComparison.Ordinal);
                Assert.Contains("\nbase-weight-decays 0.04 0\n", state, StringComparison.Ordinal);
                Assert.Contains("\ntrack ema_decay sdl-state/", state, StringComparison.Ordinal);

                var (otherOptimizer, other, otherEma) = Dino(Fixtures.Model());
                other.LoadState(state);
                Assert.Equal(driver.CurrentStep, other.CurrentStep);
                Assert.Equal(ema.CurrentValue, otherEma.CurrentValue);
                Assert.Equal(WeightDecays(optimizer), WeightDecays(otherOptimizer));
                Assert.Equal(Fixtures.Rates(optimizer), Fixtures.Rates(otherOptimizer));
                other.Step();
                driver.Step();
                Assert.Equal(WeightDecays(optimizer), WeightDecays(otherOptimizer));
                Assert.Equal(ema.CurrentValue, otherEma.CurrentValue);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void A_state_of_a_driver_with_another_set_of_schedules_is_refused_and_changes_nothing()
        {
            var (_, withEma, _) = Dino(Fixtures.Model());
            for (int i = 0; i < 6; i++) withEma.Step();
            string state = withEma.SaveState();

            var (optimizer, withoutEma, _) = Dino(Fixtures.Model(), ema: false);
            double[] decays = WeightDecays(optimizer);
            var e = Assert.Throws<ArgumentException>(() => withoutEma.LoadState(state));
            Assert.Equal("state", e.ParamName);
            Assert.Contains("saved by a driver scheduling weight decay, \"ema_decay\" besides the rate, but this driver schedules weight decay", e.Message);
            Assert.Equal(0, withoutEma.CurrentStep);
            Assert.Equal(0, withoutEma.WeightDecaySchedule!.CurrentStep);
            Assert.Equal(decays, WeightDecays(optimizer));

            // The rate alone (a version 2 text) into a driver that schedules weight decay.
            var rateOnly = ScheduleDriver.Attach(Optimizer("AdamW", Fixtures.Model(), 0.04, 0.0), Rate);
            rateOnly.Step();
            string v2 = rateOnly.SaveState();
            Assert.StartsWith("sdl-driver/2\n", v2, StringComparison.Ordinal);
            var (_, target, ema) = Dino(Fixtures.Model());
            Assert.Contains("saved by a driver scheduling nothing besides the rate", Assert.Throws<ArgumentException>(() => target.LoadState(v2)).Message);
            Assert.Equal(0, ema.CurrentStep);
        }

        [Fact]
        public void A_state_whose_EMA_schedule_has_another_definition_is_refused_before_anything_moves()
        {
            var (_, driver, _) = Dino(Fixtures.Model());
            for (int i = 0; i < 6; i++) driver.Step();
            string state = driver.SaveState();

            optim.Optimizer optimizer = Optimizer("AdamW", Fixtures.Model(), 0.04, 0.0);
            var longerEma = new DinoSchedules.LongerTeacherMomentum();
            var weightDecay = WeightDecay();
            var other = ScheduleDriver.Attach(optimizer, Rate).ScheduleWeightDecay(weightDecay).Track(longerEma);
            var e = Assert.Throws<ArgumentException>(() => other.ValidateState(state));
            Assert.Contains("the \"ema_decay\" schedule was saved from a different definition", e.Message);
            Assert.Throws<ArgumentException>(() => other.LoadState(state));
            Assert.Equal(0, other.CurrentStep);
            Assert.Equal(0, weightDecay.CurrentStep);
            Assert.Equal(0, longerEma.CurrentStep);
        }

        [Fact]
        public void A_state_one_schedule_refuses_after_the_others_took_theirs_is_rolled_back_whole()
        {
            var (_, source, _) = Dino(Fixtures.Model(), teacherMomentum: TestOnlyEma());
            for (int i = 0; i < 8; i++) source.Step();
            string atEight = source.SaveState();

            // The same definitions, but this EMA refuses any state past tick 5 (as a schedule refuses a state it could not be in):
            // the rate and the weight decay take theirs first, then the EMA throws.
            var ema = TestOnlyEma();
            ema.RefuseStatesPast = 5;
            var (optimizer, driver, _) = Dino(Fixtures.Model(), teacherMomentum: ema);
            for (int i = 0; i < 3; i++) driver.Step();
            double[] decays = WeightDecays(optimizer), rates = Fixtures.Rates(optimizer);

            Assert.Throws<ArgumentOutOfRangeException>(() => driver.LoadState(atEight));
            Assert.Throws<ArgumentOutOfRangeException>(() => driver.ValidateState(atEight));
            Assert.Equal(3, driver.CurrentStep);
            Assert.Equal(3, driver.WeightDecaySchedule!.CurrentStep);
            Assert.Equal(3, ema.CurrentStep);
            Assert.Equal(decays, WeightDecays(optimizer));
            Assert.Equal(rates, Fixtures.Rates(optimizer));
        }

        [Fact]
        public void A_checkpoint_covers_every_schedule_and_one_with_another_set_is_refused_untouched()
        {
            var model = Fixtures.Model(seed: 3);
            var (optimizer, driver, ema) = Dino(model);
            var (x, y) = Fixtures.Data();
            for (int i = 0; i < 7; i++)
            {
                Fixtures.TrainStep(model, optimizer, x, y);
                driver.Step();
            }
            TrainingCheckpoint.Save(_folder, model, optimizer, driver);

            var resumedModel = Fixtures.Model(seed: 9);
            var (resumedOptimizer, resumed, resumedEma) = Dino(resumedModel);
            TrainingCheckpoint.Load(_folder, resumedModel, resumedOptimizer, resumed);
            Assert.Equal(7, resumedEma.CurrentStep);
            Assert.Equal(ema.CurrentValue, resumedEma.CurrentValue);
            Assert.Equal(WeightDecays(optimizer), WeightDecays(resumedOptimizer));
            Assert.Equal(Fixtures.TrainStep(model, optimizer, x, y), Fixtures.TrainStep(resumedModel, resumedOptimizer, x, y));

            var otherModel = Fixtures.Model(seed: 9);
            var (otherOptimizer, other, _) = Dino(otherModel, ema: false);
            double[] decays = WeightDecays(otherOptimizer);
            var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(_folder, otherModel, otherOptimizer, other));
            Assert.Contains("cannot be resumed", e.Message);
            Assert.Contains("\"ema_decay\"", e.Message);
            Assert.Equal(0, other.CurrentStep);
            Assert.Equal(decays, WeightDecays(otherOptimizer));
        }

        [Fact]
        public void TensorBoard_gets_each_groups_weight_decay_and_the_tracked_values()
        {
            string logDir = Path.Combine(_folder, "tensorboard");
            var (_, driver, _) = Dino(Fixtures.Model());
            driver.LogTo(torch.utils.tensorboard.SummaryWriter(logDir));
            driver.ScheduleMomentum(Momentum()); // attached after LogTo: logged as well
            for (int i = 0; i < 6; i++) driver.Step();
            driver.LogTo(null);

            var scalars = TensorBoardTests.ReadScalars(Assert.Single(Directory.GetFiles(logDir, "events.out.tfevents.*")));
            Assert.Contains("lr-AdamW/pg1", scalars.Select(s => s.Tag));
            foreach (long t in Enumerable.Range(0, 7))
            {
                Assert.Equal((float)DinoWeightDecay(t), scalars.Last(s => s.Tag == "lr-AdamW/pg1-weight_decay" && s.Step == t).Value);
                Assert.Equal(0f, scalars.Last(s => s.Tag == "lr-AdamW/pg2-weight_decay" && s.Step == t).Value);
                Assert.Equal((float)DinoTeacherMomentum(t), scalars.Last(s => s.Tag == "ema_decay" && s.Step == t).Value);
                Assert.Equal((float)MomentumAt(t), scalars.Last(s => s.Tag == "lr-AdamW/pg1-momentum" && s.Step == t).Value);
            }
        }
    }
}
