using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests
{
    /// <summary>Issue 14, "TorchSharp adapter": a refused state or checkpoint changes nothing (schedule, base rates,
    /// group rates, weights, optimizer state), checkpoints carry SHA-256 checksums, and a group added after attach
    /// is detected on the next step.</summary>
    public sealed class AllOrNothingTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "sdl-all-or-nothing-" + Guid.NewGuid().ToString("N"));

        private static readonly ScheduleDefinition Throw50 =
            ScheduleDefinition.Create(0.1, TimeUnit.Steps, 50, new CosineShape()) with { PastHorizon = PastHorizonPolicy.Throw };

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        /// <summary>Everything a load could change, as comparable values.</summary>
        internal static (long Step, string DriverState, string Rates, string Weights, string Optimizer) Snapshot(
            nn.Module model, Optimizer optimizer, ScheduleDriver<Schedule> driver)
        {
            using var weights = new MemoryStream();
            model.save(weights);
            using var opt = new MemoryStream();
            using (var writer = new BinaryWriter(opt, Encoding.UTF8, leaveOpen: true)) ((OptimizerHelper)optimizer).save_state_dict(writer);
            return (driver.CurrentStep, driver.SaveState(), string.Join(",", Fixtures.Rates(optimizer).Select(r => r.ToString("R"))),
                Convert.ToHexString(SHA256.HashData(weights.ToArray())), Convert.ToHexString(SHA256.HashData(opt.ToArray())));
        }

        private static string DriverState(ulong fingerprint, long step, string baseRates) =>
            "sdl-driver/1\nschedule " + new ScheduleState(fingerprint, step, PlateauState.Initial(PlateauMode.Min)) + "\nbase-rates " + baseRates + "\n";

        [Fact]
        public void LoadState_of_a_Throw_schedule_past_its_horizon_changes_nothing_and_the_driver_keeps_working()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.05);
            var driver = ScheduleDriver.Attach(optimizer, Throw50);
            for (int i = 0; i < 10; i++) driver.Step();
            double[] rates = Fixtures.Rates(optimizer);
            string state = DriverState(driver.Schedule.Fingerprint, 70, "0.2 0.3");

            var e = Assert.Throws<ArgumentOutOfRangeException>(() => driver.LoadState(state));
            Assert.Equal("state", e.ParamName);
            Assert.StartsWith("state step = 70 is at time 70, past the horizon 50 of a PastHorizon(Throw) schedule", e.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => driver.ValidateState(state));
            Assert.Equal(10, driver.CurrentStep);
            Assert.Equal(new[] { 0.1, 0.05 }, driver.BaseRates);
            Assert.Equal(new[] { 0.1, 0.05 }, optimizer.ParamGroups.Select(g => g.InitialLearningRate));
            Assert.Equal(rates, Fixtures.Rates(optimizer));
            driver.Step(); // not stuck
            Assert.Equal(11, driver.CurrentStep);
        }

        [Theory]
        [InlineData("NaN")]
        [InlineData("-0.1")]
        [InlineData("Infinity")]
        [InlineData("-Infinity")]
        public void LoadState_refuses_a_base_rate_that_is_not_finite_and_non_negative(string rate)
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.05);
            var driver = ScheduleDriver.Attach(optimizer, Throw50);
            for (int i = 0; i < 3; i++) driver.Step();
            double[] rates = Fixtures.Rates(optimizer);
            string state = DriverState(driver.Schedule.Fingerprint, 5, "0.2 " + rate);

            var e = Assert.Throws<ArgumentOutOfRangeException>(() => driver.LoadState(state));
            Assert.Equal("state", e.ParamName);
            Assert.StartsWith($"state: base rate of group 1 = {rate}: must be a finite number >= 0.", e.Message);
            Assert.Equal(3, driver.CurrentStep);
            Assert.Equal(new[] { 0.1, 0.05 }, driver.BaseRates);
            Assert.Equal(rates, Fixtures.Rates(optimizer));
        }

        [Fact]
        public void A_valid_state_is_applied_whole()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.05);
            var driver = ScheduleDriver.Attach(optimizer, Throw50);
            driver.LoadState(DriverState(driver.Schedule.Fingerprint, 25, "0.2 0.3"));
            Assert.Equal(25, driver.CurrentStep);
            // PyTorch's CosineAnnealingLR closed form at t = 25 of 50 with eta_min 0: base * (1 + cos(pi/2)) / 2.
            double factor = (1 + Math.Cos(Math.PI * 25 / 50)) / 2;
            Assert.Equal(0.2 * factor, Fixtures.Rates(optimizer)[0], 15);
            Assert.Equal(0.3 * factor, Fixtures.Rates(optimizer)[1], 15);
            Assert.Equal(new[] { 0.2, 0.3 }, optimizer.ParamGroups.Select(g => g.InitialLearningRate));
        }

        [Fact]
        public void The_driver_state_carries_a_checksum_and_a_damaged_one_is_refused()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.05);
            var driver = ScheduleDriver.Attach(optimizer, Throw50);
            for (int i = 0; i < 4; i++) driver.Step();
            string state = driver.SaveState();
            string[] lines = state.Split('\n');
            string body = string.Join('\n', lines, 0, 3);
            Assert.Equal("sdl-driver/2", lines[0]);
            Assert.Equal("checksum " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).Substring(0, 16).ToLowerInvariant(), lines[3]);

            // A truncated base rate ("0.05" -> "0") is still a legal rate: only the checksum can tell.
            string damaged = state.Replace("base-rates 0.1 0.05", "base-rates 0.1 0");
            var e = Assert.Throws<FormatException>(() => driver.LoadState(damaged));
            Assert.StartsWith($"state: \"{lines[3]}\" does not match the text", e.Message);
            Assert.Equal(new[] { 0.1, 0.05 }, driver.BaseRates);

            var other = ScheduleDriver.Attach(Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.05), Throw50);
            other.LoadState(state);
            Assert.Equal(4, other.CurrentStep);
        }

        [Fact]
        public void A_param_group_added_after_attach_is_detected_on_the_next_step()
        {
            var model = Fixtures.Model();
            Parameter[] all = model.parameters().ToArray();
            var sgd = SGD(new[] { new SGD.ParamGroup(all.Take(2), new SGD.Options { LearningRate = 0.1 }) }, 0.1);
            var driver = ScheduleDriver.Attach(sgd, Throw50);
            driver.Step();
            sgd.add_param_group(new SGD.ParamGroup(all.Skip(2), new SGD.Options { LearningRate = 0.5 }));
            double[] rates = Fixtures.Rates(sgd);

            var e = Assert.Throws<InvalidOperationException>(driver.Step);
            Assert.Equal("optimizer (SGD) now has 2 parameter groups but the driver was attached with 1: a group added after attach would never be scheduled. " +
                "Attach a new driver after adding groups (carry the schedule over with SaveState / LoadState, or give baseRates); nothing was stepped.", e.Message);
            Assert.Equal(1, driver.CurrentStep);
            Assert.Equal(rates, Fixtures.Rates(sgd));

            // The documented way on: a new driver over all groups, the schedule carried over.
            var next = ScheduleDriver.Attach(sgd, new Schedule(Throw50), baseRates: new[] { 0.1, 0.5 });
            next.Seek(driver.CurrentStep);
            next.Step();
            double factor = (1 + Math.Cos(Math.PI * 2 / 50)) / 2;
            Assert.Equal(new[] { 0.1 * factor, 0.5 * factor }, Fixtures.Rates(sgd));
        }

        [Fact]
        public void Seek_past_a_Throw_horizon_names_the_step_and_changes_nothing()
        {
            Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1);
            var driver = ScheduleDriver.Attach(optimizer, Throw50);
            driver.Seek(50);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => driver.Seek(51));
            Assert.Equal("step", e.ParamName);
            Assert.StartsWith("step = 51 is at time 51, past the horizon 50", e.Message);
            Assert.Equal(50, driver.CurrentStep);
        }

        private (nn.Module<Tensor, Tensor> Model, Optimizer Optimizer, ScheduleDriver<Schedule> Driver) Saved(string optimizerName = "Adam")
        {
            var model = Fixtures.Model(seed: 3);
            Optimizer optimizer = Fixtures.Optimizer(optimizerName, model, 0.05, 0.01);
            var driver = ScheduleDriver.Attach(optimizer, Throw50);
            var (x, y) = Fixtures.Data();
            for (int i = 0; i < 6; i++) { Fixtures.TrainStep(model, optimizer, x, y); driver.Step(); }
            TrainingCheckpoint.Save(_folder, model, optimizer, driver);
            return (model, optimizer, driver);
        }

        /// <summary>A fresh run (other seed, a few steps taken) to load into.</summary>
        private static (nn.Module<Tensor, Tensor> Model, Optimizer Optimizer, ScheduleDriver<Schedule> Driver) Fresh(string optimizerName = "Adam")
        {
            var model = Fixtures.Model(seed: 11);
            Optimizer optimizer = Fixtures.Optimizer(optimizerName, model, 0.05, 0.01);
            var driver = ScheduleDriver.Attach(optimizer, Throw50);
            var (x, y) = Fixtures.Data(seed: 5);
            for (int i = 0; i < 2; i++) { Fixtures.TrainStep(model, optimizer, x, y); driver.Step(); }
            return (model, optimizer, driver);
        }

        [Fact]
        public void Save_writes_a_sha256_manifest_and_leaves_no_temporary_file()
        {
            Saved();
            string[] lines = File.ReadAllLines(Path.Combine(_folder, TrainingCheckpoint.ManifestFile));
            Assert.Equal(3, lines.Length);
            foreach (var (line, file) in lines.Zip(new[] { TrainingCheckpoint.ModelFile, TrainingCheckpoint.OptimizerFile, TrainingCheckpoint.ScheduleFile }))
                Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(_folder, file)))).ToLowerInvariant() + "  " + file, line);
            Assert.Equal(4, Directory.GetFiles(_folder).Length);

            Saved(); // overwriting an existing checkpoint
            Assert.Equal(4, Directory.GetFiles(_folder).Length);
        }

        [Theory]
        [InlineData(TrainingCheckpoint.ModelFile, "flip")]
        [InlineData(TrainingCheckpoint.ModelFile, "truncate")]
        [InlineData(TrainingCheckpoint.OptimizerFile, "flip")]
        [InlineData(TrainingCheckpoint.OptimizerFile, "truncate")]
        [InlineData(TrainingCheckpoint.OptimizerFile, "empty")]
        [InlineData(TrainingCheckpoint.ScheduleFile, "flip")]
        public void A_damaged_file_is_refused_by_its_checksum_before_anything_is_loaded(string file, string damage)
        {
            Saved();
            string path = Path.Combine(_folder, file);
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, damage switch
            {
                "flip" => bytes.Select((b, i) => i == bytes.Length / 2 ? (byte)(b ^ 0x10) : b).ToArray(),
                "truncate" => bytes.Take(bytes.Length * 2 / 3).ToArray(),
                _ => Array.Empty<byte>(),
            });
            var (model, optimizer, driver) = Fresh();
            var before = Snapshot(model, optimizer, driver);

            var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(_folder, model, optimizer, driver));
            Assert.StartsWith($"checkpoint \"{path}\" is damaged: its SHA-256 is ", e.Message);
            Assert.EndsWith("; nothing was loaded.", e.Message);
            Assert.Equal(before, Snapshot(model, optimizer, driver));
        }

        [Theory]
        [InlineData(TrainingCheckpoint.ModelFile, "truncate")]
        [InlineData(TrainingCheckpoint.OptimizerFile, "truncate")]
        [InlineData(TrainingCheckpoint.OptimizerFile, "empty")]
        public void Without_a_manifest_a_damaged_file_is_rolled_back(string file, string damage)
        {
            Saved();
            File.Delete(Path.Combine(_folder, TrainingCheckpoint.ManifestFile)); // as written before manifests
            string path = Path.Combine(_folder, file);
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, damage == "empty" ? Array.Empty<byte>() : bytes.Take(bytes.Length * 2 / 3).ToArray());
            var (model, optimizer, driver) = Fresh();
            var before = Snapshot(model, optimizer, driver);

            var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(_folder, model, optimizer, driver));
            Assert.StartsWith($"checkpoint \"{path}\" cannot be loaded (", e.Message);
            Assert.EndsWith("the model, the optimizer and the schedule were left as they were.", e.Message);
            Assert.Equal(before, Snapshot(model, optimizer, driver));
        }

        [Theory]
        [InlineData("step", "base-rates 0.05 NaN", "base rate of group 1 = NaN")]
        [InlineData("horizon", null, "past the horizon 50")]
        public void A_schedule_state_the_driver_refuses_is_refused_before_anything_is_loaded(string what, string? baseRates, string rule)
        {
            var saved = Saved();
            string path = Path.Combine(_folder, TrainingCheckpoint.ScheduleFile);
            string text = what == "step"
                ? DriverState(saved.Driver.Schedule.Fingerprint, 6, baseRates!.Substring("base-rates ".Length))
                : DriverState(saved.Driver.Schedule.Fingerprint, 70, "0.05 0.01");
            File.WriteAllText(path, text);
            File.Delete(Path.Combine(_folder, TrainingCheckpoint.ManifestFile)); // so the schedule's own checks are reached
            var (model, optimizer, driver) = Fresh();
            var before = Snapshot(model, optimizer, driver);

            var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(_folder, model, optimizer, driver));
            Assert.StartsWith($"checkpoint \"{path}\" cannot be resumed: ", e.Message);
            Assert.Contains(rule, e.Message);
            Assert.Equal(before, Snapshot(model, optimizer, driver));
        }

        [Fact]
        public void A_sound_checkpoint_loads_whole()
        {
            var saved = Saved();
            var (model, optimizer, driver) = Fresh();
            TrainingCheckpoint.Load(_folder, model, optimizer, driver);
            Assert.Equal(Snapshot(saved.Model, saved.Optimizer, saved.Driver), Snapshot(model, optimizer, driver));
        }
    }
}
