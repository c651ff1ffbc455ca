using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ScheduleDsl.Plotting;
using ScheduleDsl.Samples.Training;
using Spectre.Console;

// The main job: train a small network on generated spirals with the schedule declared on SpiralTrainer,
// show progress live, print a summary and write the rate and loss curves as SVG.
// Usage: run.sh [--quick] [--out DIR]   (--quick: a smaller data set, for the sample's test)
bool quick = args.Contains("--quick");
int outIndex = Array.IndexOf(args, "--out");
string outDir = Path.GetFullPath(outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "samples-output");
Directory.CreateDirectory(outDir);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

using var data = new SpiralData(pointsPerClass: quick ? 200 : 1500, noise: 0.2, seed: 7);
var trainer = new SpiralTrainer(data, batchSize: 32);
AnsiConsole.MarkupLine($"[bold]ScheduleDsl training sample[/]: {data.TrainCount} spiral points, {SpiralTrainer.EpochCount} epochs x {trainer.StepsPerEpoch} steps");
AnsiConsole.MarkupLine($"Schedule: [blue]{Markup.Escape(SpiralTrainer.CreateLearningRateSchedule().ToString())}[/]");

var clock = Stopwatch.StartNew();
TrainingRun run = null!;
AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(context =>
    {
        ProgressTask task = context.AddTask("training", maxValue: SpiralTrainer.EpochCount);
        run = trainer.Train(seed: 1, onEpoch: epoch =>
        {
            task.Description = string.Format(CultureInfo.InvariantCulture,
                "epoch {0,2}  loss {1:0.0000}  rate {2:0.00000}", epoch.Epoch, epoch.TrainingLoss, epoch.LearningRate);
            task.Increment(1);
        });
    });
clock.Stop();

var table = new Table().AddColumns("epoch", "training loss", "validation loss", "accuracy", "rate");
foreach (EpochResult e in run.Epochs.Where(e => e.Epoch == 1 || e.Epoch % 5 == 0))
    table.AddRow(e.Epoch.ToString(CultureInfo.InvariantCulture), F(e.TrainingLoss), F(e.ValidationLoss),
        e.ValidationAccuracy.ToString("P1", CultureInfo.InvariantCulture), e.LearningRate.ToString("0.00000", CultureInfo.InvariantCulture));
AnsiConsole.Write(table);

string ratePath = SvgFiles.Save(SchedulePlots.ScheduleCurve(SpiralTrainer.LearningRateSchedule.Definition, trainer.StepsPerEpoch,
    title: "Learning rate (declared on SpiralTrainer)"), Path.Combine(outDir, "learning-rate.svg"));
string lossPath = SvgFiles.Save(SchedulePlots.LossCurves(run.Epochs.Select(e => e.TrainingLoss).ToArray(),
    run.Epochs.Select(e => e.ValidationLoss).ToArray(), title: "Loss per epoch"), Path.Combine(outDir, "loss.svg"));

EpochResult final = run.Final;
Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "Summary: {0} epochs in {1:0.0} s; final training loss {2:0.0000}, validation loss {3:0.0000}, validation accuracy {4:P1}",
    final.Epoch, clock.Elapsed.TotalSeconds, final.TrainingLoss, final.ValidationLoss, final.ValidationAccuracy));
Console.WriteLine($"Wrote {ratePath}");
Console.WriteLine($"Wrote {lossPath}");
return final.ValidationAccuracy > 0.9 ? 0 : 1;

static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
