using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ScheduleDsl.Composition;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>Saves and resumes a training run: the model's weights (<c>model.save</c>), the optimizer's
    /// state (TorchSharp's <c>save_state_dict</c>: moments, momentum buffers, rates) and the schedule's
    /// state (<see cref="ScheduleDriver{TSchedule}.SaveState"/>), as three files in one folder, plus a
    /// SHA-256 manifest of the three. A resumed run continues with identical rates.
    /// <para>Every file is written to a temporary file and renamed into place, the manifest last. Loading is
    /// all or nothing: a damaged, truncated or mismatched file, or a state the schedule refuses, throws
    /// <see cref="InvalidDataException"/> and leaves the model, the optimizer and the schedule as they were.</para></summary>
    public static class TrainingCheckpoint
    {
        /// <summary>File name of the model's weights.</summary>
        public const string ModelFile = "model.bin";
        /// <summary>File name of the optimizer's state.</summary>
        public const string OptimizerFile = "optimizer.bin";
        /// <summary>File name of the schedule's state (text).</summary>
        public const string ScheduleFile = "schedule.txt";
        /// <summary>File name of the manifest: one <c>&lt;sha256 hex&gt;  &lt;file&gt;</c> line per file
        /// (the <c>sha256sum</c> format, so <c>sha256sum -c</c> checks a checkpoint by hand).</summary>
        public const string ManifestFile = "checksums.sha256";

        private static readonly string[] DataFiles = { ModelFile, OptimizerFile, ScheduleFile };

        /// <summary>Writes the three files and the manifest into <paramref name="directory"/> (created if needed).</summary>
        public static void Save<TSchedule>(string directory, Module model, Optimizer optimizer, ScheduleDriver<TSchedule> driver)
            where TSchedule : ILearningRateSchedule
        {
            if (directory is null) throw new ArgumentNullException(nameof(directory));
            if (model is null) throw new ArgumentNullException(nameof(model));
            OptimizerHelper helper = AsHelper(optimizer);
            if (driver is null) throw new ArgumentNullException(nameof(driver));
            if (!ReferenceEquals(driver.Optimizer, optimizer))
                throw new ArgumentException("driver drives another optimizer than the one given: save the optimizer the driver is attached to.", nameof(driver));

            // Everything serialized in memory first, so a failure leaves the folder untouched.
            var contents = new Dictionary<string, byte[]>
            {
                [ModelFile] = Serialize(stream => model.save(stream)),
                [OptimizerFile] = Serialize(stream => { using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true); helper.save_state_dict(writer); }),
                [ScheduleFile] = new UTF8Encoding(false).GetBytes(driver.SaveState()),
            };
            var manifest = new StringBuilder();
            foreach (string file in DataFiles) manifest.Append(Sha256(contents[file])).Append("  ").Append(file).Append('\n');

            Directory.CreateDirectory(directory);
            foreach (string file in DataFiles) WriteAtomically(Path.Combine(directory, file), contents[file]);
            // Last: a crash before this rename leaves the old manifest, which no longer matches, so the mix is refused.
            WriteAtomically(Path.Combine(directory, ManifestFile), Encoding.ASCII.GetBytes(manifest.ToString()));
        }

        /// <summary>Resumes from <paramref name="directory"/>, all or nothing. First, changing nothing: every file
        /// is read and checked against the manifest (a checkpoint without one, written before manifests existed,
        /// skips this check), and the schedule state against <paramref name="driver"/>
        /// (<see cref="ScheduleDriver{TSchedule}.ValidateState"/>). Then the model, the optimizer and the schedule are
        /// loaded; if any of them fails, all three are put back as they were. Throws
        /// <see cref="FileNotFoundException"/> for a missing file and <see cref="InvalidDataException"/> for a
        /// refused checkpoint (damaged or truncated file, checksum mismatch, a different schedule, a state the
        /// schedule refuses, weights or optimizer state that do not fit).</summary>
        public static void Load<TSchedule>(string directory, Module model, Optimizer optimizer, ScheduleDriver<TSchedule> driver)
            where TSchedule : ILearningRateSchedule
        {
            if (directory is null) throw new ArgumentNullException(nameof(directory));
            if (model is null) throw new ArgumentNullException(nameof(model));
            OptimizerHelper helper = AsHelper(optimizer);
            if (driver is null) throw new ArgumentNullException(nameof(driver));
            if (!ReferenceEquals(driver.Optimizer, optimizer))
                throw new ArgumentException("driver drives another optimizer than the one given: load into the optimizer the driver is attached to.", nameof(driver));

            foreach (string file in DataFiles)
                if (!File.Exists(Path.Combine(directory, file)))
                    throw new FileNotFoundException($"checkpoint \"{directory}\" has no {file}.", Path.Combine(directory, file));
            // Read once: what is checked is exactly what is loaded.
            Dictionary<string, byte[]> contents = DataFiles.ToDictionary(file => file, file => File.ReadAllBytes(Path.Combine(directory, file)));
            VerifyManifest(directory, contents);

            string schedulePath = Path.Combine(directory, ScheduleFile);
            string state;
            try
            {
                state = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(contents[ScheduleFile]);
                driver.ValidateState(state); // before anything is loaded, so a mismatch leaves the run untouched
            }
            catch (Exception e) when (e is ArgumentException or FormatException or DecoderFallbackException or InvalidOperationException)
            {
                throw new InvalidDataException($"checkpoint \"{schedulePath}\" cannot be resumed: {e.Message}", e);
            }

            // Staged: the current weights, optimizer state and schedule state are kept to put back on failure.
            byte[] modelBefore = Serialize(stream => model.save(stream));
            byte[] optimizerBefore = Serialize(stream => { using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true); helper.save_state_dict(writer); });
            string driverBefore = driver.SaveState();
            string loading = ModelFile;
            try
            {
                LoadModel(model, contents[ModelFile]);
                loading = OptimizerFile;
                LoadOptimizer(helper, contents[OptimizerFile]);
                loading = ScheduleFile;
                driver.LoadState(state); // after the optimizer: its saved rates are rewritten from the schedule
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LoadModel(model, modelBefore);
                LoadOptimizer(helper, optimizerBefore);
                driver.LoadState(driverBefore);
                throw new InvalidDataException(
                    $"checkpoint \"{Path.Combine(directory, loading)}\" cannot be loaded ({e.GetType().Name}: {e.Message}); the model, the optimizer and the schedule were left as they were.", e);
            }
        }

        private static void VerifyManifest(string directory, Dictionary<string, byte[]> contents)
        {
            string path = Path.Combine(directory, ManifestFile);
            if (!File.Exists(path)) return; // a checkpoint written before manifests: loaded with rollback only
            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadAllText(path, Encoding.ASCII).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split("  ");
                if (parts.Length != 2 || parts[0].Length != 64 || !DataFiles.Contains(parts[1]) || !expected.TryAdd(parts[1], parts[0]))
                    throw new InvalidDataException($"checkpoint \"{path}\": line \"{line}\" is not \"<sha256>  <file>\" for one of {string.Join(", ", DataFiles)}; nothing was loaded.");
            }
            foreach (string file in DataFiles)
            {
                if (!expected.TryGetValue(file, out string? sum))
                    throw new InvalidDataException($"checkpoint \"{path}\" has no checksum for {file}; nothing was loaded.");
                string actual = Sha256(contents[file]);
                if (!string.Equals(sum, actual, StringComparison.OrdinalIgnoreCase))
                    throw new InvalidDataException(
                        $"checkpoint \"{Path.Combine(directory, file)}\" is damaged: its SHA-256 is {actual}, the manifest says {sum}; nothing was loaded.");
            }
        }

        private static void LoadModel(Module model, byte[] bytes)
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
            model.load(reader);
            if (reader.BaseStream.Position != bytes.Length)
                throw new InvalidDataException($"{bytes.Length - reader.BaseStream.Position} bytes left over after the model's weights.");
        }

        private static void LoadOptimizer(OptimizerHelper helper, byte[] bytes)
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
            helper.load_state_dict(reader);
            if (reader.BaseStream.Position != bytes.Length)
                throw new InvalidDataException($"{bytes.Length - reader.BaseStream.Position} bytes left over after the optimizer's state.");
        }

        private static byte[] Serialize(Action<Stream> write)
        {
            using var stream = new MemoryStream();
            write(stream);
            return stream.ToArray();
        }

        private static void WriteAtomically(string path, byte[] bytes)
        {
            string temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

        private static OptimizerHelper AsHelper(Optimizer optimizer) =>
            optimizer as OptimizerHelper ?? throw (optimizer is null
                ? new ArgumentNullException(nameof(optimizer))
                : new ArgumentException(
                    $"optimizer ({optimizer.GetType().Name}) cannot save its state: TorchSharp saves the state of managed optimizers (OptimizerHelper) only.",
                    nameof(optimizer)));
    }
}
