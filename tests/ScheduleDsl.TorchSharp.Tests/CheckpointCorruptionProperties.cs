using System;
using System.IO;
using System.Linq;
using CsCheck;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests
{
    /// <summary>Issue 14: a randomly damaged checkpoint is refused with the model, the optimizer and the schedule
    /// untouched, or loaded whole; never half-applied.</summary>
    public sealed class CheckpointCorruptionProperties : IDisposable
    {
        private static readonly ScheduleDefinition Definition =
            ScheduleDefinition.Create(0.05, TimeUnit.Steps, 40, new WarmupPhase(4), new CosineShape()) with { PastHorizon = PastHorizonPolicy.Throw };
        private static readonly string[] Files =
            { TrainingCheckpoint.ModelFile, TrainingCheckpoint.OptimizerFile, TrainingCheckpoint.ScheduleFile, TrainingCheckpoint.ManifestFile };

        private readonly string _root = Path.Combine(Path.GetTempPath(), "sdl-corrupt-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        private enum Damage { FlipByte, Truncate, Append, Empty, Delete }

        private static (nn.Module<Tensor, Tensor> Model, Optimizer Optimizer, ScheduleDriver<Schedule> Driver) Run(long seed, int steps)
        {
            var model = Fixtures.Model(seed);
            Optimizer optimizer = Fixtures.Optimizer("Adam", model, 0.05, 0.02);
            var driver = ScheduleDriver.Attach(optimizer, Definition);
            var (x, y) = Fixtures.Data(seed: seed);
            for (int i = 0; i < steps; i++) { Fixtures.TrainStep(model, optimizer, x, y); driver.Step(); }
            return (model, optimizer, driver);
        }

        [Fact]
        public void A_damaged_checkpoint_is_refused_untouched_or_loaded_whole()
        {
            string clean = Path.Combine(_root, "clean");
            var saved = Run(3, 9);
            TrainingCheckpoint.Save(clean, saved.Model, saved.Optimizer, saved.Driver);
            var expected = AllOrNothingTests.Snapshot(saved.Model, saved.Optimizer, saved.Driver);

            // Which file, what damage, where, which byte; and whether the manifest is kept (older checkpoints have none).
            var cases = Gen.Select(Gen.Int[0, Files.Length - 1], Gen.Enum<Damage>(), Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Bool);
            int refused = 0, loaded = 0, n = 0;
            Seeded.Check(cases, c =>
            {
                var (fileIndex, damage, position, value, keepManifest) = c;
                string folder = Path.Combine(_root, "case" + n++);
                Directory.CreateDirectory(folder);
                foreach (string f in Files) File.Copy(Path.Combine(clean, f), Path.Combine(folder, f));
                if (!keepManifest) File.Delete(Path.Combine(folder, TrainingCheckpoint.ManifestFile));
                string path = Path.Combine(folder, Files[fileIndex]);
                if (File.Exists(path))
                {
                    byte[] bytes = File.ReadAllBytes(path);
                    int p = position % Math.Max(1, bytes.Length);
                    switch (damage)
                    {
                        case Damage.FlipByte: if (bytes.Length > 0) bytes[p] ^= (byte)(value | 1); File.WriteAllBytes(path, bytes); break;
                        case Damage.Truncate: File.WriteAllBytes(path, bytes.Take(p).ToArray()); break;
                        case Damage.Append: File.WriteAllBytes(path, bytes.Append(value).ToArray()); break;
                        case Damage.Empty: File.WriteAllBytes(path, Array.Empty<byte>()); break;
                        default: File.Delete(path); break;
                    }
                }

                var target = Run(11, 2);
                var before = AllOrNothingTests.Snapshot(target.Model, target.Optimizer, target.Driver);
                try
                {
                    TrainingCheckpoint.Load(folder, target.Model, target.Optimizer, target.Driver);
                }
                catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
                {
                    refused++;
                    Assert.Equal(before, AllOrNothingTests.Snapshot(target.Model, target.Optimizer, target.Driver));
                    target.Driver.Step(); // still usable
                    return;
                }
                loaded++;
                var after = AllOrNothingTests.Snapshot(target.Model, target.Optimizer, target.Driver);
                if (keepManifest && Files[fileIndex] != TrainingCheckpoint.ManifestFile)
                    Assert.Fail($"a damaged {Files[fileIndex]} ({damage}) passed its checksum");
                if (keepManifest || Files[fileIndex] == TrainingCheckpoint.ManifestFile)
                {
                    Assert.Equal(expected, after); // the data files are intact: exactly the saved run
                }
                else
                {
                    // No manifest: a flip inside a tensor's payload cannot be told from other weights. What loads
                    // must still be whole: the schedule and the optimizer as saved, the model as the file says.
                    Assert.Equal((expected.Step, expected.DriverState, expected.Rates), (after.Step, after.DriverState, after.Rates));
                }
            }, iterations: 150);
            Assert.True(refused > 50 && loaded > 5, $"refused {refused}, loaded {loaded}");
        }
    }
}
