using System;
using System.IO;
using System.Linq;
using ScheduleDsl.Samples.Training;

// ./run.sh [train | range-test | warmup-lesson | dino-style] [--quick] [--out DIR]
//   train          (default) trains with the schedule declared on SpiralTrainer: the main job
//   range-test     the learning-rate range test picks the peak, then trains with it
//   warmup-lesson  a high peak without and with warmup, side by side
//   dino-style     DINO's schedules: warmup-cosine rate, cosine weight decay 0.04 -> 0.4, EMA teacher momentum 0.996 -> 1
//   --quick        a smaller data set (the samples' tests use it); --out DIR: where SVGs go (samples-output)
TorchSharp.torch.set_num_threads(1); // the samples' tensors are tiny: more threads only contend
string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "train";
int outIndex = Array.IndexOf(args, "--out");
var options = new SampleOptions(
    Path.GetFullPath(outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "samples-output"),
    Quick: args.Contains("--quick"));

return command switch
{
    "train" => SampleCommands.Train(options),
    "range-test" => SampleCommands.RangeTest(options),
    "warmup-lesson" => SampleCommands.WarmupLesson(options),
    "dino-style" => SampleCommands.DinoStyle(options),
    _ => Usage(command),
};

static int Usage(string command)
{
    Console.Error.WriteLine($"unknown sample '{command}': use train, range-test, warmup-lesson or dino-style");
    return 2;
}
