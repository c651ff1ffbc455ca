using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ScheduleDsl.Plotting;
using ScheduleDsl.TorchSharp;
using Spectre.Console;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScheduleDsl.Samples.Training
{
    /// <summary>Where a sample writes its SVGs, and whether it runs small (for the samples' tests).</summary>
    public sealed record SampleOptions(string OutputDirectory, bool Quick)
    {
        public SpiralData CreateData() => new(pointsPerClass: Quick ? 200 : 1500, noise: 0.2, seed: 7);
        public string PathOf(string file)
        {
            Directory.CreateDirectory(OutputDirectory);
            return Path.Combine(OutputDirectory, file);
        }
    }

    /// <summary>The samples: training with the declared schedule (the main job), the learning-rate range test
    /// picking the rate, and the warmup lesson. Each returns 0 when it shows what it should.</summary>
    public static class SampleCommands
    {
        /// <summary>Trains with the schedule declared on <see cref="SpiralTrainer"/>, live progress, summary, SVGs.</summary>
        public static int Train(SampleOptions options)
        {
            using SpiralData data = options.CreateData();
            var trainer = new SpiralTrainer(data, batchSize: 32);
            AnsiConsole.MarkupLine($"[bold]ScheduleDsl training sample[/]: {data.TrainCount} spiral points, {SpiralTrainer.EpochCount} epochs x {trainer.StepsPerEpoch} steps");
            AnsiConsole.MarkupLine($"Schedule: [blue]{Markup.Escape(SpiralTrainer.CreateLearningRateSchedule().ToString())}[/]");

            // A TensorBoard run beside the SVGs (`tensorboard --logdir samples-output/tensorboard`); a fresh folder each time.
            string tensorBoardDirectory = options.PathOf("tensorboard");
            if (Directory.Exists(tensorBoardDirectory)) Directory.Delete(tensorBoardDirectory, recursive: true);
            SummaryWriter tensorBoard = torch.utils.tensorboard.SummaryWriter(tensorBoardDirectory);

            var clock = Stopwatch.StartNew();
            TrainingRun run = WithProgress(SpiralTrainer.EpochCount, report => trainer.Train(seed: 1, report, tensorBoard: tensorBoard));
            clock.Stop();
            PrintEpochs(run);

            string ratePath = SvgFiles.Save(SchedulePlots.ScheduleCurve(SpiralTrainer.LearningRateSchedule.Definition, trainer.StepsPerEpoch,
                title: "Learning rate (declared on SpiralTrainer)"), options.PathOf("learning-rate.svg"));
            string lossPath = SvgFiles.Save(SchedulePlots.LossCurves(run.Epochs.Select(e => e.TrainingLoss).ToArray(),
                run.Epochs.Select(e => e.ValidationLoss).ToArray(), title: "Loss per epoch", logScale: true), options.PathOf("loss.svg"));

            EpochResult final = run.Final;
            Console.WriteLine(Invariant($"Summary: {final.Epoch} epochs in {clock.Elapsed.TotalSeconds:0.0} s; final training loss {final.TrainingLoss:0.0000}, validation loss {final.ValidationLoss:0.0000}, validation accuracy {final.ValidationAccuracy:P1}"));
            Console.WriteLine($"Wrote {ratePath}");
            Console.WriteLine($"Wrote {lossPath}");
            Console.WriteLine($"Wrote a TensorBoard run to {tensorBoardDirectory} (rate and momentum per step, losses and accuracy per epoch)");
            return final.ValidationAccuracy >= 0.9 ? 0 : 1;
        }

        /// <summary>Runs the range test on a fresh network, then trains with the suggested rate as the peak of
        /// the declared schedule (the shape scales whatever base rate the optimizer's group gets).</summary>
        public static int RangeTest(SampleOptions options)
        {
            using SpiralData data = options.CreateData();
            var trainer = new SpiralTrainer(data, batchSize: 32);
            RangeTestResult result;
            using (Sequential model = SpiralTrainerBase.CreateModel(seed: 1))
            using (SGD optimizer = SpiralTrainerBase.CreateOptimizer(model, 1e-7))
            using (var lossFunction = nn.CrossEntropyLoss())
            using (var shuffle = new Generator())
            {
                shuffle.manual_seed(3);
                result = LearningRateFinder.Run(model, optimizer, _ =>
                {
                    Tensor index = randint(data.TrainCount, new long[] { 32 }, generator: shuffle);
                    return lossFunction.forward(model.forward(data.TrainInputs.index_select(0, index)), data.TrainTargets.index_select(0, index));
                }, RangeTestOptions.Fastai);
            }

            Console.WriteLine(Invariant($"Range test: {result.Rates.Count} mini-batches from {result.Rates[0]:G3} to {result.Rates[result.Rates.Count - 1]:G3}{(result.StoppedEarly ? $" (stopped early: {result.StopReason})" : "")}"));
            Console.WriteLine(Invariant($"  steepest descent of the smoothed loss: {result.SteepestRate:G3}"));
            Console.WriteLine(Invariant($"  minimum-loss rate / 10:                {result.MinimumOverTenRate:G3}"));
            double rate = result.MinimumOverTenRate ?? result.Suggestion ?? SpiralTrainer.LearningRateSchedule.Peak;
            // The rate used is marked as such; the steepest descent, another common pick, is labelled as a suggestion only.
            string plotPath = SvgFiles.Save(SchedulePlots.RangeTest(result.Rates, result.Losses, result.SmoothedLosses,
                suggestion: result.SteepestRate, suggestionLabel: "other suggestion (steepest descent)",
                usedRate: rate, usedLabel: "used (minimum-loss / 10)"), options.PathOf("range-test.svg"));
            Console.WriteLine($"Wrote {plotPath}");

            Console.WriteLine(Invariant($"Training with peak {rate:G3} (minimum-loss / 10) and the shape declared on SpiralTrainer:"));
            TrainingRun run = WithProgress(SpiralTrainer.EpochCount, report => trainer.Train(seed: 1, report, peakRate: rate));
            PrintEpochs(run);
            Console.WriteLine(Invariant($"Summary: validation accuracy {run.Final.ValidationAccuracy:P1} with the rate picked by the range test"));
            return run.Final.ValidationAccuracy >= 0.9 ? 0 : 1;
        }

        /// <summary>DINO's schedules on the spiral network (<see cref="DinoStyleTrainer"/>): rate, weight decay and the EMA teacher's
        /// momentum in the progress table, the three curves as SVGs, the teacher's validation accuracy beside the student's.
        /// Returns 0 when the student learned the spirals.</summary>
        public static int DinoStyle(SampleOptions options) => DinoStyle(options, out _);

        /// <summary><see cref="DinoStyle(SampleOptions)"/>, handing back the run.</summary>
        public static int DinoStyle(SampleOptions options, out DinoRun run)
        {
            using SpiralData data = options.CreateData();
            var trainer = new DinoStyleTrainer(data, batchSize: 32);
            AnsiConsole.MarkupLine($"[bold]DINO-style schedules[/]: {data.TrainCount} spiral points, {DinoStyleTrainer.EpochCount} epochs x {trainer.StepsPerEpoch} steps, AdamW, an EMA teacher");
            AnsiConsole.MarkupLine($"Rate: [blue]{Markup.Escape(DinoStyleTrainer.LearningRateSchedule.Description)}[/]");
            AnsiConsole.MarkupLine($"Weight decay: [blue]{Markup.Escape(DinoStyleTrainer.WeightDecaySchedule.Description)}[/] (the bias group stays at 0)");
            AnsiConsole.MarkupLine($"Teacher momentum: [blue]{Markup.Escape(DinoStyleTrainer.TeacherMomentum.Description)}[/]");

            DinoRun result = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask("training", maxValue: DinoStyleTrainer.EpochCount);
                    result = trainer.Train(seed: 1, epoch =>
                    {
                        task.Description = Invariant($"epoch {epoch.Epoch,2}  lr {epoch.LearningRate:0.00000}  wd {epoch.WeightDecay:0.000}  m {epoch.TeacherMomentum:0.00000}");
                        task.Increment(1);
                    });
                });
            run = result;

            var table = new Table().AddColumns("epoch", "training loss", "student accuracy", "teacher accuracy", "lr", "wd", "teacher momentum");
            foreach (DinoEpoch e in result.Epochs.Where(e => e.Epoch == 1 || e.Epoch % 5 == 0))
                table.AddRow(Invariant($"{e.Epoch}"), Invariant($"{e.TrainingLoss:0.0000}"), Invariant($"{e.StudentAccuracy:P1}"), Invariant($"{e.TeacherAccuracy:P1}"),
                    Invariant($"{e.LearningRate:0.00000}"), Invariant($"{e.WeightDecay:0.0000}"), Invariant($"{e.TeacherMomentum:0.00000}"));
            AnsiConsole.Write(table);

            int spe = trainer.StepsPerEpoch;
            double[] time = Enumerable.Range(0, result.Applied.Count).Select(i => (double)i / spe).ToArray();
            string[] paths =
            {
                SvgFiles.Save(SchedulePlots.ScheduleCurve(DinoStyleTrainer.LearningRateSchedule.Definition, spe, title: "Learning rate (DINO-style)"), options.PathOf("dino-learning-rate.svg")),
                SvgFiles.Save(SchedulePlots.ScheduleCurve(DinoStyleTrainer.WeightDecaySchedule.Definition, spe, title: "Weight decay, decayed group (DINO-style)"), options.PathOf("dino-weight-decay.svg")),
                SvgFiles.Save(SchedulePlots.ScheduleCurve(DinoStyleTrainer.TeacherMomentum.Definition, spe, title: "Teacher EMA momentum (DINO-style)"), options.PathOf("dino-teacher-momentum.svg")),
            };

            DinoEpoch final = result.Final;
            Console.WriteLine(Invariant($"Summary: final validation accuracy {final.StudentAccuracy:P1} (student), {final.TeacherAccuracy:P1} (EMA teacher); final weight decay {final.WeightDecay:0.000}, teacher momentum {final.TeacherMomentum:0.00000}"));
            foreach (string path in paths) Console.WriteLine($"Wrote {path}");
            return final.StudentAccuracy >= 0.9 ? 0 : 1;
        }

        /// <summary>Seeds the warmup lesson runs each arm over: one seed decides nothing at the edge of divergence.</summary>
        public static readonly int[] LessonSeeds = { 1, 2, 3, 4, 5 };

        /// <summary>A deep residual network without normalization (<see cref="DeepResidualNetwork"/>) at peak 0.12
        /// with SGD momentum 0.9, without and with 5 warmup epochs, over <see cref="LessonSeeds"/>: each seed's result,
        /// the median and range of the final accuracy per arm, how many runs diverged, the loss curves of the first seed
        /// whose loss without warmup stayed finite, and a verdict only as strong as the runs (<see cref="WarmupVerdict"/>).
        /// Returns 0 when every run finished.
        /// <para>How the setting was found (small data, 30 epochs, seeds 1 to 40): without warmup 39 of 40 runs blew up
        /// (36 to NaN, 3 to a dead network at chance, 30-32.5 %) and one ended at 90.8 % (seed 8); with warmup every run
        /// reached 98.3-99.2 %. The window is narrow: at peak 0.1, 3 of 20 runs without warmup ended above chance (57.5,
        /// 69.2 and 97.5 %); at 0.15 one of 5 with warmup ended at 47.5 %; with 6 blocks instead of 7, 12 of 33 runs
        /// without warmup trained (up to 98.3 %). It runs on the small data set in both modes: on the full set (7.5x the
        /// steps), seeds 1 to 10, every run without warmup diverged but so did 5 of 10 with warmup. The main sample's
        /// two-layer network shows no such lesson (peaks 0.2 to 10, 2 to 6 layers, batch 32 to 512, several activations,
        /// BatchNorm, inits: a peak that kills it without warmup kills it at the top of the warmup too), and neither did
        /// Adam at 0.01 to 0.1 on plain networks of 4 to 8 hidden layers (warmup no better, often worse).</para></summary>
        public static int WarmupLesson(SampleOptions options) => WarmupLesson(options, out _, out _);

        /// <summary><see cref="WarmupLesson(SampleOptions)"/>, handing back every run (per seed, in seed order).</summary>
        public static int WarmupLesson(SampleOptions options, out IReadOnlyList<TrainingRun> noWarmup, out IReadOnlyList<TrainingRun> withWarmup)
        {
            // Always the small data set, where the lesson was measured: on the full set the same 30 epochs are 7.5x the
            // steps at the peak, and there warmup gets the network through the start but not always through the peak.
            using SpiralData data = (options with { Quick = true }).CreateData();
            AnsiConsole.MarkupLine($"[bold]A residual network of {DeepResidualNetwork.Blocks} blocks without normalization, SGD with momentum 0.9, peak {NoWarmupTrainer.LearningRateSchedule.Peak.ToString(CultureInfo.InvariantCulture)}: without warmup (what SDL0001 warns about) and with 5 warmup epochs, seeds {string.Join(", ", LessonSeeds)}[/]");
            var cold = new List<TrainingRun>();
            var warm = new List<TrainingRun>();
            foreach (int seed in LessonSeeds)
            {
                cold.Add(WithProgress(30, report => new NoWarmupTrainer(data, 32).Train(seed, report)));
                warm.Add(WithProgress(30, report => new WarmupTrainer(data, 32).Train(seed, report)));
            }

            var table = new Table().AddColumns("seed", "accuracy (no warmup)", "final loss (no warmup)", "accuracy (warmup)", "final loss (warmup)");
            for (int i = 0; i < LessonSeeds.Length; i++)
                table.AddRow(Invariant($"{LessonSeeds[i]}"), Invariant($"{cold[i].Final.ValidationAccuracy:P1}{(cold[i].Diverged ? " (diverged)" : "")}"),
                    Invariant($"{cold[i].Final.TrainingLoss:0.0000}"), Invariant($"{warm[i].Final.ValidationAccuracy:P1}{(warm[i].Diverged ? " (diverged)" : "")}"),
                    Invariant($"{warm[i].Final.TrainingLoss:0.0000}"));
            AnsiConsole.Write(table);
            // A NaN loss has no point on a plot: show the first seed whose no-warmup curve can be drawn.
            int shown = Math.Max(0, cold.FindIndex(r => r.Epochs.All(e => !double.IsNaN(e.TrainingLoss) && !double.IsInfinity(e.TrainingLoss))));
            string path = SvgFiles.Save(SchedulePlots.LossCurves(cold[shown].Epochs.Select(e => e.TrainingLoss).ToArray(), warm[shown].Epochs.Select(e => e.TrainingLoss).ToArray(),
                title: Invariant($"Training loss, seed {LessonSeeds[shown]}: no warmup vs. warmup"), logScale: true,
                firstName: "training loss, no warmup", secondName: "training loss, 5 warmup epochs"), options.PathOf("warmup-lesson.svg"));
            double[] coldAccuracy = cold.Select(r => r.Final.ValidationAccuracy).ToArray();
            double[] warmAccuracy = warm.Select(r => r.Final.ValidationAccuracy).ToArray();
            Console.WriteLine(Invariant($"Summary over {LessonSeeds.Length} seeds: no warmup ends at {Median(coldAccuracy):P1} accuracy (median; range {coldAccuracy.Min():P1} to {coldAccuracy.Max():P1}); with warmup {Median(warmAccuracy):P1} (range {warmAccuracy.Min():P1} to {warmAccuracy.Max():P1})"));
            int warmAhead = coldAccuracy.Zip(warmAccuracy, (c, w) => w > c).Count(ahead => ahead);
            Console.WriteLine(Invariant($"Warmup ended more accurate on {warmAhead} of {LessonSeeds.Length} seeds."));
            Console.WriteLine(Invariant($"Diverged (NaN, or stuck below 50 %): without warmup {cold.Count(r => r.Diverged)} of {LessonSeeds.Length}, with warmup {warm.Count(r => r.Diverged)} of {LessonSeeds.Length}."));
            Console.WriteLine(WarmupVerdict(coldAccuracy, warmAccuracy));
            Console.WriteLine($"Wrote {path}");
            noWarmup = cold;
            withWarmup = warm;
            return cold.Count == LessonSeeds.Length && warm.Count == LessonSeeds.Length ? 0 : 1;
        }

        /// <summary>What the runs show, no more: a lesson only when one arm's worst seed beat the other's best
        /// (the ranges do not overlap); otherwise that the seed decided more than warmup did.</summary>
        public static string WarmupVerdict(IReadOnlyList<double> noWarmupAccuracy, IReadOnlyList<double> warmupAccuracy)
        {
            if (warmupAccuracy.Min() > noWarmupAccuracy.Max())
                return Invariant($"Lesson: warmup ended ahead on every seed (its worst {warmupAccuracy.Min():P1}, the best without warmup {noWarmupAccuracy.Max():P1}).");
            if (noWarmupAccuracy.Min() > warmupAccuracy.Max())
                return Invariant($"No warmup ended ahead on every seed (its worst {noWarmupAccuracy.Min():P1}, the best with warmup {warmupAccuracy.Max():P1}): no lesson for warmup here.");
            return "The ranges overlap: the seed decided more than warmup did, so these runs show no lesson.";
        }

        /// <summary>Median of <paramref name="values"/> (mean of the middle two for an even count).</summary>
        public static double Median(IReadOnlyList<double> values)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        private static TrainingRun WithProgress(int epochs, Func<Action<EpochResult>, TrainingRun> train)
        {
            TrainingRun run = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask("training", maxValue: epochs);
                    run = train(epoch =>
                    {
                        task.Description = Invariant($"epoch {epoch.Epoch,2}  loss {epoch.TrainingLoss:0.0000}  rate {epoch.LearningRate:0.00000}");
                        task.Increment(1);
                    });
                });
            return run;
        }

        private static void PrintEpochs(TrainingRun run)
        {
            var table = new Table().AddColumns("epoch", "training loss", "validation loss", "accuracy", "rate");
            foreach (EpochResult e in run.Epochs.Where(e => e.Epoch == 1 || e.Epoch % 5 == 0))
                table.AddRow(Invariant($"{e.Epoch}"), Invariant($"{e.TrainingLoss:0.0000}"), Invariant($"{e.ValidationLoss:0.0000}"),
                    Invariant($"{e.ValidationAccuracy:P1}"), Invariant($"{e.LearningRate:0.00000}"));
            AnsiConsole.Write(table);
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
