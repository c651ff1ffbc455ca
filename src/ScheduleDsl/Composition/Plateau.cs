using System;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Composition
{
    /// <summary>Resolved plateau-reduction settings (rates turned into factors of the peak).</summary>
    public readonly struct PlateauSettings
    {
        /// <summary>Resolves <paramref name="p"/> for a schedule with peak <paramref name="peak"/>.</summary>
        public PlateauSettings(PlateauReduction p, double peak)
            : this(p.Mode, p.Factor, p.Patience, p.Threshold, p.ThresholdMode, p.Cooldown, p.MinLr / peak, p.Eps / peak) { }

        /// <summary>Settings from resolved values (generated code uses this constructor with constants).</summary>
        public PlateauSettings(PlateauMode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
            int cooldown, double minFactor, double epsFactor)
        {
            Mode = mode;
            Factor = factor;
            Patience = patience;
            Threshold = threshold;
            ThresholdMode = thresholdMode;
            Cooldown = cooldown;
            MinFactor = minFactor;
            EpsFactor = epsFactor;
        }

        /// <summary>Min or max.</summary>
        public PlateauMode Mode { get; }
        /// <summary>Multiplier per reduction.</summary>
        public double Factor { get; }
        /// <summary>Bad reports tolerated; a reduction comes at the first report beyond it.</summary>
        public int Patience { get; }
        /// <summary>Improvement threshold.</summary>
        public double Threshold { get; }
        /// <summary>Relative or absolute threshold.</summary>
        public ThresholdMode ThresholdMode { get; }
        /// <summary>Reports ignored after a reduction.</summary>
        public int Cooldown { get; }
        /// <summary>Minimum rate over the peak.</summary>
        public double MinFactor { get; }
        /// <summary>Smallest change worth applying, over the peak.</summary>
        public double EpsFactor { get; }
    }

    /// <summary>PyTorch <c>ReduceLROnPlateau</c>'s state machine, kept as a scale on the schedule's factor.
    /// A mutable struct so schedules hold it inline (no allocation).</summary>
    public struct PlateauState
    {
        /// <summary>Fresh state: no reduction yet, no best metric.</summary>
        public static PlateauState Initial(PlateauMode mode) => new()
        {
            Scale = 1.0,
            Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity,
        };

        /// <summary>Product of the reductions so far.</summary>
        public double Scale { get; set; }
        /// <summary>Best metric so far.</summary>
        public double Best { get; set; }
        /// <summary>Reports since the last improvement.</summary>
        public int BadEpochs { get; set; }
        /// <summary>Reports left to ignore after a reduction.</summary>
        public int CooldownCounter { get; set; }

        /// <summary>Feeds one metric; <paramref name="shapeFactor"/> is the schedule's factor now, before
        /// plateau reduction. Returns whether the rate was reduced.</summary>
        public bool Report(double metric, double shapeFactor, in PlateauSettings s)
        {
            if (double.IsNaN(metric) || double.IsInfinity(metric))
                throw new ArgumentOutOfRangeException(nameof(metric), metric,
                    "metric must be a finite number; a NaN or infinite loss usually means training diverged.");
            if (IsBetter(metric, s))
            {
                Best = metric;
                BadEpochs = 0;
            }
            else
            {
                BadEpochs++;
            }
            if (CooldownCounter > 0)
            {
                CooldownCounter--;
                BadEpochs = 0;
            }
            if (BadEpochs <= s.Patience) return false;

            CooldownCounter = s.Cooldown;
            BadEpochs = 0;
            // Like PyTorch: new = max(old * factor, min); applied only when it moves by more than eps.
            double old = CompositionSteps.ApplyPlateau(shapeFactor, Scale, s.MinFactor);
            double reduced = Math.Max(old * s.Factor, s.MinFactor);
            if (!(old - reduced > s.EpsFactor)) return false;
            Scale *= s.Factor;
            return true;
        }

        private readonly bool IsBetter(double a, in PlateauSettings s)
        {
            if (s.Mode == PlateauMode.Min)
                return s.ThresholdMode == ThresholdMode.Rel ? a < Best * (1.0 - s.Threshold) : a < Best - s.Threshold;
            return s.ThresholdMode == ThresholdMode.Rel ? a > Best * (s.Threshold + 1.0) : a > Best + s.Threshold;
        }
    }
}
