using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Plotting;
using Xunit;

namespace ScheduleDsl.TorchSharp.Tests
{
    public sealed class PlotTests : IDisposable
    {
        private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "sdl-plots-" + Guid.NewGuid().ToString("N"));

        public PlotTests() => CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a comma culture must not leak into labels

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private static string[] Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value).ToArray();

        /// <summary>The points of every line drawn in <paramref name="stroke"/> (OxyPlot drops points on straight runs).</summary>
        private static (double X, double Y)[][] Lines(XDocument svg, string stroke) => svg.Descendants(Svg + "polyline")
            .Where(p => ((string?)p.Attribute("style") ?? "").Contains("stroke:" + stroke + ";"))
            .Select(p => ((string?)p.Attribute("points") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(xy => xy.Split(','))
                .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture))).ToArray())
            .ToArray();

        private const string SteelBlue = "rgb(70,130,180)", Orange = "rgb(255,140,0)", Gray = "rgb(128,128,128)";

        [Fact]
        public void Schedule_curve_has_the_rate_series_the_phase_ends_and_invariant_numbers()
        {
            var definition = ScheduleDefinition.Create(0.4, TimeUnit.Epochs, 90,
                new WarmupPhase(5), new MultiStepShape(new EquatableArray<double>(new[] { 30.0, 60.0 }), 0.1));
            string path = SvgFiles.Save(SchedulePlots.ScheduleCurve(definition, stepsPerEpoch: 4), Path.Combine(_folder, "schedule.svg"));

            XDocument svg = XDocument.Load(path);
            string[] texts = Texts(svg);
            Assert.Contains(SchedulePlots.RateSeries, texts);
            Assert.Contains("warmup ends", texts);
            Assert.Equal(2, texts.Count(t => t == "x0.1"));
            Assert.Contains("epoch", texts);
            Assert.Contains(texts, t => t == "0.1" || t == "0.2" || t == "0.3"); // rate axis ticks with a point
            Assert.DoesNotContain(texts, t => t.Contains("0,")); // no comma decimals
            // Every text sits on its baseline: viewers built on librsvg ignore "hanging"/"middle" and shift such text.
            Assert.All(svg.Descendants(Svg + "text"), t => Assert.Equal("baseline", (string?)t.Attribute("dominant-baseline")));

            // The rate line runs from epoch 0 to epoch 90 with the warmup's 20 ticks as distinct points;
            // the dashed markers sit at epochs 5 (warmup end), 35 and 65 (milestones 30 and 60 after the warmup).
            (double X, double Y)[] rate = Lines(svg, SteelBlue).OrderByDescending(l => l.Length).First();
            Assert.True(rate.Length > 20, $"{rate.Length} points");
            double x0 = rate[0].X, perEpoch = (rate[^1].X - x0) / 90;
            double[] markers = Lines(svg, Gray).Select(l => (l[0].X - x0) / perEpoch).ToArray();
            Assert.Equal(new[] { 5.0, 35.0, 65.0 }, markers.Select(m => Math.Round(m, 2)));
            Assert.True(rate[0].Y > rate[1].Y); // y grows downwards: the warmup rises
        }

        [Fact]
        public void Schedule_curve_of_another_hyperparameter_is_labelled_with_its_name_and_fits_a_band_near_1()
        {
            // DINO: weight decay cosine 0.04 -> 0.4, teacher EMA decay cosine 0.996 -> 1, over 100 epochs.
            var weightDecay = ScheduleDefinition.Create(0.04, TimeUnit.Epochs, 100, new CosineShape(EndValue: 0.4)).WithKind(HyperparameterKind.WeightDecay);
            var ema = ScheduleDefinition.Create(0.996, TimeUnit.Epochs, 100, new CosineShape(EndValue: 1.0)).WithKind(HyperparameterKind.EmaDecay);

            string[] weightDecayTexts = Texts(XDocument.Parse(SvgFiles.ToSvg(SchedulePlots.ScheduleCurve(weightDecay))));
            Assert.Contains("weight_decay", weightDecayTexts);
            Assert.DoesNotContain(SchedulePlots.RateSeries, weightDecayTexts);

            string[] emaTexts = Texts(XDocument.Parse(SvgFiles.ToSvg(SchedulePlots.ScheduleCurve(ema))));
            Assert.Contains("ema_decay", emaTexts);
            Assert.DoesNotContain(SchedulePlots.RateSeries, emaTexts);
            Assert.Contains(emaTexts, t => t.StartsWith("0.99", StringComparison.Ordinal)); // ticks within 0.996..1: not stretched from 0
            Assert.Equal(SchedulePlots.RateSeries, SchedulePlots.ValueTitle(ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 10)));
        }

        [Fact]
        public void Schedule_curve_marks_each_phase_and_its_decays_on_its_own_time()
        {
            // SequentialLR(ExponentialLR, StepLR(10), StepLR(5)) at milestones 20 and 40.
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 60,
                new ExponentialShape(0.95) { Until = 20 }, new StepDecayShape(10, 0.5) { From = 20, Until = 40 }, new StepDecayShape(5, 0.5) { From = 40 });
            string path = SvgFiles.Save(SchedulePlots.ScheduleCurve(definition), Path.Combine(_folder, "phases.svg"));

            XDocument svg = XDocument.Load(path);
            string[] texts = Texts(svg);
            Assert.Contains("Exponential ends", texts);
            Assert.Contains("StepDecay starts", texts);
            Assert.Contains("StepDecay ends", texts);
            (double X, double Y)[] rate = Lines(svg, SteelBlue).OrderByDescending(l => l.Length).First();
            double x0 = rate[0].X, perEpoch = (rate[^1].X - x0) / 60;
            // Phase boundaries at 20 (twice: one phase ends, the next starts), 40 (twice); decays at 30 (20 + 10), 45, 50, 55, 60 (40 + 5k).
            double[] markers = Lines(svg, Gray).Select(l => Math.Round((l[0].X - x0) / perEpoch, 2)).OrderBy(m => m).ToArray();
            Assert.Equal(new[] { 20.0, 20.0, 30.0, 40.0, 40.0, 45.0, 50.0, 55.0, 60.0 }, markers);
        }

        [Fact]
        public void Range_test_plot_has_both_loss_series_a_log_axis_and_the_suggestion()
        {
            double[] rates = Enumerable.Range(0, 50).Select(i => 1e-5 * Math.Pow(10, i / 10.0)).ToArray();
            double[] losses = rates.Select(r => 1 + Math.Log10(r) * Math.Log10(r) / 10).ToArray();
            double[] smoothed = losses.Select(l => l * 1.01).ToArray();
            XDocument svg = XDocument.Parse(SvgFiles.ToSvg(SchedulePlots.RangeTest(rates, losses, smoothed, suggestion: 0.0025)));

            string[] texts = Texts(svg);
            Assert.Contains(SchedulePlots.LossSeries, texts);
            Assert.Contains(SchedulePlots.SmoothedLossSeries, texts);
            Assert.Contains("suggested 0.0025", texts);
            Assert.Contains("learning rate (log scale)", texts);
            Assert.Contains(Lines(svg, Orange), l => l.Length > 10); // smoothed loss drawn
            Assert.Contains(svg.Descendants(Svg + "polyline"), p => ((string?)p.Attribute("style") ?? "").Contains("stroke:rgb(178,34,34)")); // suggestion line
        }

        [Fact]
        public void Range_test_plot_shows_the_useful_range_and_marks_the_rate_used_apart_from_the_suggestion()
        {
            // 60 batches: the smoothed loss descends from 2.3 to 0.5 by batch 40, then blows up to about 280.
            double[] rates = Enumerable.Range(0, 60).Select(i => 1e-5 * Math.Pow(10, i / 10.0)).ToArray();
            double[] smoothed = Enumerable.Range(0, 60).Select(i => i <= 40 ? 2.3 - 1.8 * i / 40 : 0.5 + 0.7 * (i - 40) * (i - 40)).ToArray();
            double[] losses = smoothed.Select((l, i) => l + (i % 2 == 0 ? 0.05 : -0.05)).ToArray();
            OxyPlot.PlotModel model = SchedulePlots.RangeTest(rates, losses, smoothed, suggestion: rates[30],
                suggestionLabel: "other suggestion (steepest descent)", usedRate: rates[20], usedLabel: "used");

            // fastai's skip_end: the last 5 batches are not drawn.
            Assert.All(model.Series.OfType<OxyPlot.Series.LineSeries>(), s => Assert.Equal(55, s.Points.Count));
            // The loss axis spans the smoothed descent (2.3 to 0.5) with a 10% margin, not the blow-up.
            var lossAxis = model.Axes.Single(a => a.Position == OxyPlot.Axes.AxisPosition.Left);
            Assert.Equal(0.5 - 0.18, lossAxis.Minimum, 12);
            Assert.Equal(2.3 + 0.18, lossAxis.Maximum, 12);

            string[] texts = Texts(XDocument.Parse(SvgFiles.ToSvg(model)));
            Assert.Contains("used " + rates[20].ToString("G3", CultureInfo.InvariantCulture), texts);
            Assert.Contains("other suggestion (steepest descent) " + rates[30].ToString("G3", CultureInfo.InvariantCulture), texts);
        }

        [Fact]
        public void Loss_curves_on_a_log_axis_name_their_curves()
        {
            double[] cold = { 2.3, 2.3, 0.0, 2.2 }; // a zero cannot be drawn on a log axis: left out
            double[] warm = { 2.0, 0.5, 0.1, 0.02 };
            OxyPlot.PlotModel model = SchedulePlots.LossCurves(cold, warm, logScale: true, firstName: "training loss, no warmup", secondName: "training loss, warmup");
            Assert.IsType<OxyPlot.Axes.LogarithmicAxis>(model.Axes.Single(a => a.Position == OxyPlot.Axes.AxisPosition.Left));
            var series = model.Series.OfType<OxyPlot.Series.LineSeries>().ToArray();
            Assert.Equal(new[] { "training loss, no warmup", "training loss, warmup" }, series.Select(s => s.Title));
            Assert.Equal(3, series[0].Points.Count);
            Assert.Equal(4, series[1].Points.Count);
            string[] texts = Texts(XDocument.Parse(SvgFiles.ToSvg(model)));
            Assert.Contains("training loss, no warmup", texts);
            Assert.Contains("loss (log scale)", texts);
        }

        [Fact]
        public void Loss_curves_have_training_and_validation_series()
        {
            double[] training = { 1.0, 0.6, 0.4, 0.3 };
            double[] validation = { 1.1, 0.7, 0.5, 0.45 };
            XDocument svg = XDocument.Parse(SvgFiles.ToSvg(SchedulePlots.LossCurves(training, validation)));
            string[] texts = Texts(svg);
            Assert.Contains(SchedulePlots.TrainingLossSeries, texts);
            Assert.Contains(SchedulePlots.ValidationLossSeries, texts);
            Assert.Contains(texts, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^0\.\d+$")); // loss ticks with a point
            Assert.Contains(Lines(svg, SteelBlue), l => l.Length == 4);
            Assert.Contains(Lines(svg, Orange), l => l.Length == 4);
        }

        [Fact]
        public void A_sampled_generated_style_schedule_plots_its_recorded_rates()
        {
            var definition = ScheduleDefinition.Create(0.1, TimeUnit.Steps, 20, new WarmupPhase(5), new CosineShape());
            var (steps, rates) = SchedulePlots.Sample(new Schedule(definition), 20);
            Assert.Equal(21, rates.Length);
            Assert.Equal(0.1 * 3 / 5.0, rates[3], 15);
            Assert.Equal(0.1 * 0.5 * (1 + Math.Cos(Math.PI * 10 / 15.0)), rates[15], 15);
            Assert.Equal(Enumerable.Range(0, 21).Select(i => (double)i), steps);
            var e = Assert.Throws<ArgumentException>(() => SchedulePlots.RateCurve(steps, rates.Take(5).ToArray()));
            Assert.Equal("rates", e.ParamName);
        }
    }
}
