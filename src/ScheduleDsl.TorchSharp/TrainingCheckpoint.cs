using System;
using System.IO;
using System.Text;
using ScheduleDsl.Composition;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>Saves and resumes a training run: the model's weights (<c>model.save</c>), the optimizer's
    /// state (TorchSharp's <c>save_state_dict</c>: moments, momentum buffers, rates) and the schedule's
    /// state (<see cref="ScheduleDriver{TSchedule}.SaveState"/>), as three files in one folder. A resumed run
    /// continues with identical rates; a checkpoint of a different schedule is refused before anything is loaded.</summary>
    public static class TrainingCheckpoint
    {
        /// <summary>File name of the model's weights.</summary>
        public const string ModelFile = "model.bin";
        /// <summary>File name of the optimizer's state.</summary>
        public const string OptimizerFile = "optimizer.bin";
        /// <summary>File name of the schedule's state (text).</summary>
        public const string ScheduleFile = "schedule.txt";

        /// <summary>Writes the three files into <paramref name="directory"/> (created if needed).</summary>
        public static void Save<TSchedule>(string directory, Module model, Optimizer optimizer, ScheduleDriver<TSchedule> driver)
            where TSchedule : ILearningRateSchedule
        {
            if (directory is null) throw new ArgumentNullException(nameof(directory));
            if (model is null) throw new ArgumentNullException(nameof(model));
            OptimizerHelper helper = AsHelper(optimizer);
            if (driver is null) throw new ArgumentNullException(nameof(driver));
            if (!ReferenceEquals(driver.Optimizer, optimizer))
                throw new ArgumentException("driver drives another optimizer than the one given: save the optimizer the driver is attached to.", nameof(driver));

            Directory.CreateDirectory(directory);
            model.save(Path.Combine(directory, ModelFile));
            helper.save_state_dict(Path.Combine(directory, OptimizerFile));
            File.WriteAllText(Path.Combine(directory, ScheduleFile), driver.SaveState(), new UTF8Encoding(false));
        }

        /// <summary>Resumes from <paramref name="directory"/>: checks the schedule state against
        /// <paramref name="driver"/>'s schedule first (a different schedule throws <see cref="InvalidDataException"/>
        /// and nothing is loaded), then loads the model, the optimizer and the schedule, and writes the rates.</summary>
        public static void Load<TSchedule>(string directory, Module model, Optimizer optimizer, ScheduleDriver<TSchedule> driver)
            where TSchedule : ILearningRateSchedule
        {
            if (directory is null) throw new ArgumentNullException(nameof(directory));
            if (model is null) throw new ArgumentNullException(nameof(model));
            OptimizerHelper helper = AsHelper(optimizer);
            if (driver is null) throw new ArgumentNullException(nameof(driver));
            if (!ReferenceEquals(driver.Optimizer, optimizer))
                throw new ArgumentException("driver drives another optimizer than the one given: load into the optimizer the driver is attached to.", nameof(driver));

            string schedulePath = Path.Combine(directory, ScheduleFile);
            foreach (string file in new[] { ModelFile, OptimizerFile, ScheduleFile })
                if (!File.Exists(Path.Combine(directory, file)))
                    throw new FileNotFoundException($"checkpoint \"{directory}\" has no {file}.", Path.Combine(directory, file));
            string state = File.ReadAllText(schedulePath);

            try
            {
                driver.ValidateState(state); // before anything is loaded, so a mismatch leaves the run untouched
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new InvalidDataException($"checkpoint \"{schedulePath}\" cannot be resumed: {e.Message}", e);
            }

            model.load(Path.Combine(directory, ModelFile));
            helper.load_state_dict(Path.Combine(directory, OptimizerFile));
            driver.LoadState(state); // after the optimizer: its saved rates are rewritten from the schedule
        }

        private static OptimizerHelper AsHelper(Optimizer optimizer) =>
            optimizer as OptimizerHelper ?? throw (optimizer is null
                ? new ArgumentNullException(nameof(optimizer))
                : new ArgumentException(
                    $"optimizer ({optimizer.GetType().Name}) cannot save its state: TorchSharp saves the state of managed optimizers (OptimizerHelper) only.",
                    nameof(optimizer)));
    }
}
