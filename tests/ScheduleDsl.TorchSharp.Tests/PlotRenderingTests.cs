using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ScheduleDsl.Definition;
using ScheduleDsl.Plotting;
using Xunit;

namespace ScheduleDsl.TorchSharp.Tests
{
    /// <summary>Every text of every plot whole and clear of the others in a real browser: the SVGs are rendered by
    /// headless Chromium once with each font a viewer may end up using (DejaVu Sans, Linux's default and the widest;
    /// Liberation Sans, metrically Arial and Helvetica), and the page itself reports the text boxes that overlap,
    /// leave the plot or leave their clip (a clipped legend).</summary>
    public sealed class PlotRenderingTests : IDisposable
    {
        private static readonly string[] Fonts = { "DejaVu Sans", "Liberation Sans" };
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "sdl-render-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        /// <summary>The plots the samples draw, with their longest labels.</summary>
        private static IEnumerable<(string Name, string Svg)> Plots()
        {
            var schedule = ScheduleDefinition.Create(0.4, TimeUnit.Epochs, 90,
                new WarmupPhase(5), new MultiStepShape(new EquatableArray<double>(new[] { 30.0, 60.0 }), 0.1));
            yield return ("schedule", SvgFiles.ToSvg(SchedulePlots.ScheduleCurve(schedule, stepsPerEpoch: 4, title: "Learning rate (declared on SpiralTrainer)")));

            double[] training = Enumerable.Range(0, 30).Select(i => 1.1 * Math.Exp(-0.25 * i) + 0.01).ToArray();
            double[] validation = training.Select(l => l * 1.3).ToArray();
            yield return ("loss", SvgFiles.ToSvg(SchedulePlots.LossCurves(training, validation, title: "Loss per epoch", logScale: true)));
            yield return ("lesson", SvgFiles.ToSvg(SchedulePlots.LossCurves(training, validation.Select(v => v * 40).ToArray(),
                title: "Training loss, seed 1: no warmup vs. warmup", logScale: true,
                firstName: "training loss, no warmup", secondName: "training loss, 5 warmup epochs")));

            double[] rates = Enumerable.Range(0, 100).Select(i => 1e-7 * Math.Pow(10, 8.0 * i / 99)).ToArray();
            double[] losses = rates.Select(r => 1.1 - 0.9 / (1 + Math.Exp(-3 * (Math.Log10(r) + 3))) + Math.Pow(r, 2) * 30).ToArray();
            yield return ("range", SvgFiles.ToSvg(SchedulePlots.RangeTest(rates, losses, losses, suggestion: 0.242,
                suggestionLabel: "other suggestion (steepest descent)", usedRate: 0.0509, usedLabel: "used (minimum-loss / 10)")));
        }

        [SkippableFact]
        public void Every_text_is_whole_and_clear_of_the_others_in_Chromium_with_every_font_of_the_stack()
        {
            string chromium = Chromium.Find();
            Directory.CreateDirectory(_folder);
            var page = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{margin:0}");
            for (int f = 0; f < Fonts.Length; f++) page.Append($".font{f} text {{ font-family: '{Fonts[f]}' !important }}");
            page.Append("</style></head><body>");
            int count = 0;
            foreach ((string name, string svg) in Plots())
                for (int f = 0; f < Fonts.Length; f++, count++)
                    page.Append($"<div class='plot font{f}' id='{name} in {Fonts[f]}'>").Append(Inline(svg, "p" + count + "_")).Append("</div>");
            page.Append("<pre id='result'>not run</pre><script>").Append(CheckScript).Append("</script></body></html>");
            string html = Path.Combine(_folder, "plots.html");
            File.WriteAllText(html, page.ToString());
            // To look at the plots yourself: SDL_PLOT_PAGE=/tmp/plots.html, then open it or `chromium --headless --screenshot`.
            if (Environment.GetEnvironmentVariable("SDL_PLOT_PAGE") is { Length: > 0 } keep) File.Copy(html, keep, overwrite: true);

            string dom = Chromium.DumpDom(chromium, html);
            Match result = Regex.Match(dom, "<pre id=\"result\">(.*?)</pre>", RegexOptions.Singleline);
            Assert.True(result.Success, "Chromium gave no result:\n" + dom.Substring(0, Math.Min(dom.Length, 2000)));
            string[] lines = System.Net.WebUtility.HtmlDecode(result.Groups[1].Value).Split('\n');
            Assert.Equal($"plots {count}", lines[0]);
            Assert.True(int.Parse(lines[1].Split(' ')[1]) > 10 * count, lines[1]); // the texts were found and measured
            string[] problems = lines.Skip(2).Where(l => l.Length > 0).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems));
        }

        /// <summary>The SVG element, its ids (clip paths) made unique in the page: as a file of its own each is.</summary>
        private static string Inline(string svg, string prefix)
        {
            string element = svg.Substring(svg.IndexOf("<svg", StringComparison.Ordinal));
            element = Regex.Replace(element, "id=\"([^\"]+)\"", m => $"id=\"{prefix}{m.Groups[1].Value}\"");
            return Regex.Replace(element, "url\\(#([^)]+)\\)", m => $"url(#{prefix}{m.Groups[1].Value})");
        }

        // Runs in the page: every text's box as drawn (its font, its rotation) must lie inside the plot and inside
        // its clip, and overlap no other text (half a pixel of tolerance for touching boxes).
        private const string CheckScript = @"
const problems = []; let texts = 0;
const plots = document.querySelectorAll('div.plot');
const inside = (r, b) => r.left >= b.left - 0.5 && r.top >= b.top - 0.5 && r.right <= b.right + 0.5 && r.bottom <= b.bottom + 0.5;
const text = r => `[${r.left.toFixed(1)}, ${r.top.toFixed(1)}, ${r.right.toFixed(1)}, ${r.bottom.toFixed(1)}]`;
for (const plot of plots) {
  const svg = plot.querySelector('svg'); const box = svg.getBoundingClientRect();
  const boxes = [];
  for (const t of svg.querySelectorAll('text')) {
    if (!t.textContent.trim()) continue;
    const r = t.getBoundingClientRect(); texts++;
    boxes.push({ s: t.textContent, r });
    if (!inside(r, box)) problems.push(`${plot.id}: '${t.textContent}' ${text(r)} leaves the plot ${text(box)}`);
    const clipped = t.closest('[clip-path]');
    if (clipped) {
      const id = clipped.getAttribute('clip-path').replace(/^url\(#?|\)$/g, '').replace(/^#/, '');
      const shape = document.getElementById(id)?.querySelector('rect'); // as the browser resolves it
      if (shape) {
        const m = svg.getScreenCTM();
        const x = +shape.getAttribute('x'), y = +shape.getAttribute('y'), w = +shape.getAttribute('width'), h = +shape.getAttribute('height');
        const c = { left: m.a * x + m.e, top: m.d * y + m.f, right: m.a * (x + w) + m.e, bottom: m.d * (y + h) + m.f };
        if (!inside(r, c)) problems.push(`${plot.id}: '${t.textContent}' ${text(r)} is clipped by ${text(c)}`);
      }
    }
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0.5 && h > 0.5) problems.push(`${plot.id}: '${boxes[i].s}' ${text(a)} overlaps '${boxes[j].s}' ${text(b)}`);
    }
}
document.getElementById('result').textContent = `plots ${plots.length}\ntexts ${texts}\n` + problems.join('\n');
";
    }

    /// <summary>Headless Chromium (Debian's <c>chromium</c>): found on the path, else installed with apt-get where
    /// that is possible (as root), else the test is skipped saying why.</summary>
    internal static class Chromium
    {
        private static readonly object Gate = new();
        private static string? s_path;

        public static string Find()
        {
            lock (Gate)
            {
                if (s_path is not null) return s_path;
                Skip.IfNot(OperatingSystem.IsLinux(), "the rendering check runs Debian's chromium package: Linux only");
                string? found = OnPath();
                if (found is null || !FontsInstalled())
                {
                    Skip.If(!File.Exists("/usr/bin/apt-get") || Environment.UserName != "root",
                        "chromium (or fonts-dejavu-core / fonts-liberation2) is missing and apt-get cannot install it here: `apt-get install chromium fonts-dejavu-core fonts-liberation2`");
                    Run("apt-get", "update -qq", 600);
                    Run("apt-get", "install -y -qq chromium fonts-dejavu-core fonts-liberation2", 1200);
                    found = OnPath();
                    Skip.If(found is null, "apt-get install chromium did not give a chromium binary");
                }
                return s_path = found!;
            }
        }

        /// <summary>The page's DOM after its scripts ran.</summary>
        public static string DumpDom(string chromium, string html) =>
            Run(chromium, $"--headless --no-sandbox --disable-gpu --user-data-dir={Path.Combine(Path.GetDirectoryName(html)!, "profile")} --dump-dom file://{html}", 180);

        private static string? OnPath() => new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

        private static bool FontsInstalled() =>
            File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") && File.Exists("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf");

        private static string Run(string file, string arguments, int seconds)
        {
            var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using Process process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(seconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {arguments} did not finish in {seconds} s");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}:\n{error.Result}");
            return output;
        }
    }
}
