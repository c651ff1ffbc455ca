using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Plotting
{
    /// <summary>A vertical line on a plot, e.g. the end of warmup or a decay milestone.</summary>
    /// <param name="X">Position on the x axis.</param>
    /// <param name="Label">Text written beside the line.</param>
    public readonly record struct PlotMarker(double X, string Label);

    /// <summary>Plots of schedules, range tests and loss curves as OxyPlot models; write them with
    /// <see cref="SvgFiles"/>. Every number on them is formatted with the invariant culture.</summary>
    public static class SchedulePlots
    {
        /// <summary>Series title of a schedule's rate.</summary>
        public const string RateSeries = "learning rate";
        /// <summary>Series title of a range test's raw loss.</summary>
        public const string LossSeries = "loss";
        /// <summary>Series title of a range test's smoothed loss.</summary>
        public const string SmoothedLossSeries = "smoothed loss";
        /// <summary>Series title of the training loss.</summary>
        public const string TrainingLossSeries = "training loss";
        /// <summary>Series title of the validation loss.</summary>
        public const string ValidationLossSeries = "validation loss";

        /// <summary>The curve of <paramref name="definition"/>'s value (the rate, or the weight decay, momentum... it schedules) against
        /// its declared unit, one point per tick, with the ends of prefix phases (warmup, hold) and the decay milestones marked; the
        /// value axis is named after the hyperparameter (<see cref="ValueTitle"/>).</summary>
        /// <param name="definition">The schedule.</param>
        /// <param name="stepsPerEpoch">Ticks per epoch for an epoch schedule stepped per batch (a smooth curve); null for one point per unit.</param>
        /// <param name="length">Length to draw in the declared unit; null for the horizon (100 when none is declared).</param>
        /// <param name="title">Plot title; null for the definition's text.</param>
        public static PlotModel ScheduleCurve(ScheduleDefinition definition, int? stepsPerEpoch = null, double? length = null, string? title = null)
        {
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            var schedule = new Schedule(definition, stepsPerEpoch);
            double end = length ?? definition.Horizon ?? 100.0;
            if (!(end > 0) || double.IsInfinity(end))
                throw new ArgumentOutOfRangeException(nameof(length), end, $"length = {Numbers.Format(end)}: must be a finite number > 0.");
            long ticks = (long)Math.Floor(end * (stepsPerEpoch ?? 1) + 1e-9);
            var time = new double[ticks + 1];
            var rates = new double[ticks + 1];
            for (long step = 0; step <= ticks; step++)
            {
                time[step] = schedule.TimeOf(step);
                rates[step] = definition.LearningRate * schedule.FactorAtStep(step);
            }
            string unit = definition.Unit == TimeUnit.Epochs ? "epoch" : "step";
            // Momentum and EMA decay move in a narrow band just below 1 (0.996 -> 1): fit the axis to it rather than start at 0.
            bool nearOne = definition.Kind is HyperparameterKind.Momentum or HyperparameterKind.EmaDecay;
            return RateCurve(time, rates, Markers(schedule.Compiled, end), unit, title ?? definition.Canonical, ValueTitle(definition), nearOne ? null : 0.0);
        }

        /// <summary>What a curve of <paramref name="definition"/> plots: <see cref="RateSeries"/> for a learning rate, else the name
        /// the hyperparameter goes by in logs and checkpoints (<c>weight_decay</c>, <c>momentum</c>, <c>ema_decay</c>, <c>temperature</c>
        /// or the declared name).</summary>
        public static string ValueTitle(ScheduleDefinition definition)
        {
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            return definition.Kind == HyperparameterKind.LearningRate ? RateSeries : definition.HyperparameterName;
        }

        /// <summary>A rate curve from recorded points (e.g. a generated schedule stepped through, see
        /// <see cref="Sample"/>), with optional markers.</summary>
        /// <param name="time">Time of each point (the x axis).</param>
        /// <param name="rates">Value of each point.</param>
        /// <param name="markers">Vertical lines to draw, or null.</param>
        /// <param name="xTitle">Title of the time axis.</param>
        /// <param name="title">Plot title; null for <paramref name="yTitle"/>.</param>
        /// <param name="yTitle">What the values are (the value axis and the series): <see cref="RateSeries"/> unless another hyperparameter's,
        /// e.g. <c>weight_decay</c>.</param>
        /// <param name="yMinimum">Bottom of the value axis; null to fit it to the values.</param>
        public static PlotModel RateCurve(IReadOnlyList<double> time, IReadOnlyList<double> rates, IEnumerable<PlotMarker>? markers = null,
            string xTitle = "step", string? title = null, string yTitle = RateSeries, double? yMinimum = 0.0)
        {
            CheckSameLength(time, nameof(time), rates, nameof(rates));
            if (string.IsNullOrWhiteSpace(yTitle)) throw new ArgumentException("yTitle is empty: name what the curve plots, e.g. \"weight_decay\".", nameof(yTitle));
            PlotModel model = NewModel(title ?? yTitle);
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = xTitle, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = TitleGap });
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = yTitle, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = TitleGap, Minimum = yMinimum ?? double.NaN });
            model.Series.Add(Line(yTitle, time, rates, OxyColors.SteelBlue));
            foreach (PlotMarker marker in markers ?? Enumerable.Empty<PlotMarker>())
                model.Annotations.Add(new LineAnnotation
                {
                    Type = LineAnnotationType.Vertical, X = marker.X, Text = marker.Label,
                    Color = OxyColors.Gray, LineStyle = LineStyle.Dash, TextColor = OxyColors.DimGray,
                });
            return model;
        }

        /// <summary>Steps <paramref name="schedule"/> (pass a fresh instance: it is advanced) <paramref name="ticks"/> times and
        /// records the peak group's rate before each tick and after the last: <paramref name="ticks"/> + 1 points.</summary>
        public static (double[] Steps, double[] Rates) Sample(ILearningRateSchedule schedule, int ticks)
        {
            if (schedule is null) throw new ArgumentNullException(nameof(schedule));
            if (ticks < 0) throw new ArgumentOutOfRangeException(nameof(ticks), ticks, $"ticks = {ticks}: must be >= 0.");
            var steps = new double[ticks + 1];
            var rates = new double[ticks + 1];
            for (int i = 0; i <= ticks; i++)
            {
                if (i > 0) schedule.Advance();
                steps[i] = schedule.CurrentStep;
                rates[i] = schedule.PeakRate * schedule.CurrentFactor;
            }
            return (steps, rates);
        }

        /// <summary>A range test: loss (and smoothed loss) against the rate on a log axis, the suggested rate marked.
        /// As fastai's <c>plot_lr_find</c>, the last <paramref name="skipEnd"/> batches (the blow-up) are not drawn; with
        /// a smoothed loss the loss axis spans the smoothed curve up to its minimum (10% margin), so the useful descent
        /// fills the plot and the divergence runs off its top.</summary>
        /// <param name="rates">Rate of each batch.</param>
        /// <param name="losses">Loss of each batch.</param>
        /// <param name="smoothedLosses">Smoothed loss of each batch, or null.</param>
        /// <param name="suggestion">A suggested rate to mark, or null.</param>
        /// <param name="title">Plot title.</param>
        /// <param name="suggestionLabel">Label of the suggestion line (e.g. "steepest descent").</param>
        /// <param name="usedRate">The rate training actually uses, marked apart (solid), or null.</param>
        /// <param name="usedLabel">Label of the used rate's line.</param>
        /// <param name="skipEnd">Batches left out at the end, as fastai's <c>skip_end</c> (5).</param>
        public static PlotModel RangeTest(IReadOnlyList<double> rates, IReadOnlyList<double> losses, IReadOnlyList<double>? smoothedLosses = null,
            double? suggestion = null, string title = "learning-rate range test", string suggestionLabel = "suggested",
            double? usedRate = null, string usedLabel = "used", int skipEnd = 5)
        {
            CheckSameLength(rates, nameof(rates), losses, nameof(losses));
            if (smoothedLosses is not null) CheckSameLength(rates, nameof(rates), smoothedLosses, nameof(smoothedLosses));
            if (rates.Any(r => !(r > 0)))
                throw new ArgumentOutOfRangeException(nameof(rates), "rates must all be > 0 to be drawn on a log axis.");
            if (skipEnd < 0) throw new ArgumentOutOfRangeException(nameof(skipEnd), skipEnd, $"skipEnd = {skipEnd}: must be >= 0.");
            int shown = rates.Count > 2 * skipEnd ? rates.Count - skipEnd : rates.Count; // keep short runs whole
            IReadOnlyList<double> r = rates.Take(shown).ToArray(), l = losses.Take(shown).ToArray();
            IReadOnlyList<double>? sm = smoothedLosses?.Take(shown).ToArray();
            PlotModel model = NewModel(title);
            model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "learning rate (log scale)", MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = TitleGap });
            var lossAxis = new LinearAxis { Position = AxisPosition.Left, Title = LossSeries, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = TitleGap };
            if (sm is not null && UsefulRange(sm) is (double low, double high))
            {
                lossAxis.Minimum = low;
                lossAxis.Maximum = high;
            }
            model.Axes.Add(lossAxis);
            model.Series.Add(Line(LossSeries, r, l, OxyColor.FromAColor(110, OxyColors.SteelBlue)));
            if (sm is not null) model.Series.Add(Line(SmoothedLossSeries, r, sm, OxyColors.DarkOrange));
            if (suggestion is double s)
                model.Annotations.Add(new LineAnnotation
                {
                    Type = LineAnnotationType.Vertical, X = s, Color = OxyColors.Firebrick, LineStyle = LineStyle.Dash,
                    Text = suggestionLabel + " " + s.ToString("G3", CultureInfo.InvariantCulture), TextColor = OxyColors.Firebrick,
                });
            if (usedRate is double u)
                model.Annotations.Add(new LineAnnotation
                {
                    Type = LineAnnotationType.Vertical, X = u, Color = OxyColors.ForestGreen, LineStyle = LineStyle.Solid, StrokeThickness = 1.5,
                    Text = usedLabel + " " + u.ToString("G3", CultureInfo.InvariantCulture), TextColor = OxyColors.ForestGreen,
                    TextVerticalAlignment = VerticalAlignment.Bottom,
                });
            return model;
        }

        // The smoothed loss from its start to its minimum, with a 10% margin: the descent a rate is picked from.
        private static (double Low, double High)? UsefulRange(IReadOnlyList<double> smoothed)
        {
            int minimum = -1;
            for (int i = 0; i < smoothed.Count; i++)
                if (!double.IsNaN(smoothed[i]) && !double.IsInfinity(smoothed[i]) && (minimum < 0 || smoothed[i] < smoothed[minimum])) minimum = i;
            if (minimum < 0) return null;
            double high = double.NegativeInfinity;
            for (int i = 0; i <= minimum; i++)
                if (!double.IsNaN(smoothed[i]) && !double.IsInfinity(smoothed[i])) high = Math.Max(high, smoothed[i]);
            double low = smoothed[minimum], margin = Math.Max(0.1 * (high - low), 1e-6 * Math.Max(1.0, Math.Abs(low)));
            return (low - margin, high + margin);
        }

        /// <summary>Two loss curves per epoch (training and validation by default), epochs counted from 1.</summary>
        /// <param name="trainingLoss">The first curve (training loss by default).</param>
        /// <param name="validationLoss">The second curve, or null.</param>
        /// <param name="xTitle">Title of the epoch axis.</param>
        /// <param name="title">Plot title.</param>
        /// <param name="logScale">Loss on a log axis (training losses span decades); values that are not positive are left out.</param>
        /// <param name="firstName">Legend name of the first curve.</param>
        /// <param name="secondName">Legend name of the second curve (e.g. two runs' training losses).</param>
        public static PlotModel LossCurves(IReadOnlyList<double> trainingLoss, IReadOnlyList<double>? validationLoss = null,
            string xTitle = "epoch", string title = "loss", bool logScale = false,
            string firstName = TrainingLossSeries, string secondName = ValidationLossSeries)
        {
            if (trainingLoss is null) throw new ArgumentNullException(nameof(trainingLoss));
            PlotModel model = NewModel(title);
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = xTitle, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = TitleGap });
            model.Axes.Add(logScale
                ? new LogarithmicAxis { Position = AxisPosition.Left, Title = LossSeries + " (log scale)", MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = TitleGap }
                : new LinearAxis { Position = AxisPosition.Left, Title = LossSeries, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = TitleGap });
            IReadOnlyList<double> Drawn(IReadOnlyList<double> values) => logScale ? values.Select(v => v > 0 ? v : double.NaN).ToArray() : values;
            model.Series.Add(Line(firstName, Enumerable.Range(1, trainingLoss.Count).Select(i => (double)i).ToArray(), Drawn(trainingLoss), OxyColors.SteelBlue));
            if (validationLoss is not null)
                model.Series.Add(Line(secondName, Enumerable.Range(1, validationLoss.Count).Select(i => (double)i).ToArray(), Drawn(validationLoss), OxyColors.DarkOrange));
            return model;
        }

        /// <summary>Prefix ends, multi-step milestones, step-decay boundaries and WSD phase ends up to <paramref name="end"/>.</summary>
        private static IEnumerable<PlotMarker> Markers(CompiledSchedule compiled, double end)
        {
            double start = 0;
            foreach (Term prefix in compiled.Prefixes)
            {
                start += prefix.Length;
                yield return new PlotMarker(start, (prefix.Component is WarmupPhase ? "warmup" : "hold") + " ends");
            }
            // Windowed components (SequentialLR phases): where each starts and ends, and its decays on its own time.
            var windows = compiled.Windowed.ToDictionary<WindowedTerm, ScheduleComponent, WindowedTerm>(w => w.Term.Component, w => w, ReferenceEqualityComparer.Instance);
            foreach (WindowedTerm window in compiled.Windowed)
            {
                if (window.Start > 0 && window.Start <= end) yield return new PlotMarker(window.Start, window.Term.Component.Name + " starts");
                if (!window.IsOpenEnded && window.End <= end) yield return new PlotMarker(window.End, window.Term.Component.Name + " ends");
            }
            foreach (ScheduleComponent component in compiled.Definition.Components)
            {
                double origin = start, windowEnd = double.PositiveInfinity;
                if (windows.TryGetValue(component, out WindowedTerm? w) && w is not null)
                {
                    origin = w.Start;
                    windowEnd = w.End;
                }
                bool Shown(double t) => t <= end && t < windowEnd; // a decay at the window's end never happens
                switch (component)
                {
                    case MultiStepShape multi:
                        foreach (double m in multi.Milestones)
                            if (Shown(origin + m)) yield return new PlotMarker(origin + m, "x" + Numbers.Format(multi.Gamma));
                        break;
                    case StepDecayShape step when step.StepSize > 0:
                        for (double t = origin + step.StepSize; Shown(t) && t - origin <= 50 * step.StepSize; t += step.StepSize)
                            yield return new PlotMarker(t, "x" + Numbers.Format(step.Gamma));
                        break;
                    case WsdShape wsd:
                        yield return new PlotMarker(origin + wsd.WarmupLength, "warmup ends");
                        yield return new PlotMarker(origin + wsd.WarmupLength + wsd.StableLength, "decay starts");
                        break;
                }
            }
        }

        /// <summary>Room between an axis' tick labels and its title (OxyPlot's default 4 lets them touch).</summary>
        private const double TitleGap = 8;

        private static PlotModel NewModel(string title)
        {
            var model = new PlotModel
            {
                Title = title, Culture = CultureInfo.InvariantCulture, Background = OxyColors.White,
                TitleFontSize = 13, DefaultFont = FontStackMeasurer.FontStack,
            };
            // Below the plot area, not over it: marker labels and curves can never run through the legend.
            model.Legends.Add(new Legend
            {
                LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter,
                LegendOrientation = LegendOrientation.Horizontal, LegendBackground = OxyColors.White,
            });
            return model;
        }

        private static LineSeries Line(string title, IReadOnlyList<double> x, IReadOnlyList<double> y, OxyColor color)
        {
            var series = new LineSeries { Title = title, Color = color, StrokeThickness = 1.5 };
            for (int i = 0; i < x.Count; i++)
                if (!double.IsNaN(y[i]) && !double.IsInfinity(y[i])) series.Points.Add(new DataPoint(x[i], y[i]));
            return series;
        }

        private static void CheckSameLength(IReadOnlyList<double> a, string aName, IReadOnlyList<double> b, string bName)
        {
            if (a is null) throw new ArgumentNullException(aName);
            if (b is null) throw new ArgumentNullException(bName);
            if (a.Count != b.Count)
                throw new ArgumentException($"{bName} has {b.Count} values but {aName} has {a.Count}: give one value per point.", bName);
        }
    }
}
