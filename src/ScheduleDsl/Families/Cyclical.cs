using System;

namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>Amplitude policy of a cyclic schedule, as PyTorch <c>CyclicLR</c>'s <c>mode</c>.</summary>
    public enum CyclicMode
    {
        /// <summary>Constant amplitude.</summary>
        Triangular,
        /// <summary>Amplitude halves every cycle.</summary>
        Triangular2,
        /// <summary>Amplitude scaled by <c>gamma^iteration</c>.</summary>
        ExpRange,
    }

    /// <summary>Annealing curve of a one-cycle phase, as PyTorch <c>OneCycleLR</c>'s <c>anneal_strategy</c>.</summary>
    public enum AnnealStrategy
    {
        /// <summary>Cosine between the phase's end points.</summary>
        Cos,
        /// <summary>Straight line between the phase's end points.</summary>
        Linear,
    }
}

namespace ScheduleDsl.Families
{
    /// <summary>Cyclical learning rate, PyTorch <c>CyclicLR</c> (closed form with its cycle arithmetic).
    /// The peak is the cycle's maximum; <c>lowFactor</c> is the base rate over the peak.</summary>
    public static class Cyclic
    {
        /// <summary>Position in <c>[0, 1]</c> between the base and the maximum, before amplitude scaling
        /// (PyTorch's <c>scale_factor</c>), and the amplitude scale (PyTorch's <c>scale_fn</c>).</summary>
        public static double Height(double t, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma)
        {
            double totalSize = stepSizeUp + stepSizeDown;
            double stepRatio = stepSizeUp / totalSize;
            double cycle = Math.Floor(1.0 + t / totalSize);
            double x = 1.0 + t / totalSize - cycle;
            double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1.0) / (stepRatio - 1.0);
            double scale = mode switch
            {
                CyclicMode.Triangular => 1.0,
                CyclicMode.Triangular2 => 1.0 / Math.Pow(2.0, cycle - 1.0),
                _ => Math.Pow(gamma, t),
            };
            return scaleFactor * scale;
        }

        /// <summary>Factor of the peak: <c>low + (1 - low) * height</c>.</summary>
        public static double Factor(double t, double lowFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma) =>
            lowFactor + (1.0 - lowFactor) * Height(t, stepSizeUp, stepSizeDown, mode, gamma);

        /// <summary>Momentum cycled inversely to the rate, as PyTorch <c>CyclicLR(cycle_momentum=True)</c>.</summary>
        public static double Momentum(double t, double baseMomentum, double maxMomentum, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma) =>
            maxMomentum - (maxMomentum - baseMomentum) * Height(t, stepSizeUp, stepSizeDown, mode, gamma);

        /// <summary><see cref="Factor"/> and <see cref="Momentum"/> at once (one <see cref="Height"/>), bit for bit the same values.</summary>
        public static double FactorAndMomentum(double t, double lowFactor, double stepSizeUp, double stepSizeDown, CyclicMode mode, double gamma,
            double baseMomentum, double maxMomentum, out double momentum)
        {
            double height = Height(t, stepSizeUp, stepSizeDown, mode, gamma);
            momentum = maxMomentum - (maxMomentum - baseMomentum) * height;
            return lowFactor + (1.0 - lowFactor) * height;
        }
    }

    /// <summary>One-cycle policy, PyTorch <c>OneCycleLR</c>: phases end at <c>pctStart*T - 1</c>
    /// (and <c>2*pctStart*T - 2</c> when three-phase) and <c>T - 1</c>; the rate rises from
    /// <c>1/divFactor</c> of the peak to the peak, then anneals to <c>1/(divFactor*finalDivFactor)</c>.</summary>
    public static class OneCycle
    {
        /// <summary>Factor of the peak at step <paramref name="t"/> of <paramref name="totalSteps"/>.</summary>
        public static double Factor(double t, double totalSteps, double pctStart, AnnealStrategy anneal,
            double divFactor, double finalDivFactor, bool threePhase)
        {
            int phase = Phase(t, totalSteps, pctStart, threePhase, out double pct);
            return FactorIn(phase, anneal, pct, Cosine(anneal, pct), divFactor, finalDivFactor, threePhase);
        }

        /// <summary>Momentum cycled inversely to the rate (PyTorch <c>cycle_momentum=True</c>).</summary>
        public static double Momentum(double t, double totalSteps, double pctStart, AnnealStrategy anneal,
            bool threePhase, double baseMomentum, double maxMomentum)
        {
            int phase = Phase(t, totalSteps, pctStart, threePhase, out double pct);
            return MomentumIn(phase, anneal, pct, Cosine(anneal, pct), threePhase, baseMomentum, maxMomentum);
        }

        /// <summary><see cref="Factor"/> and <see cref="Momentum"/> at once, bit for bit the same values: the
        /// phase and its cosine are computed once (a training step needs both).</summary>
        public static double FactorAndMomentum(double t, double totalSteps, double pctStart, AnnealStrategy anneal,
            double divFactor, double finalDivFactor, bool threePhase, double baseMomentum, double maxMomentum, out double momentum)
        {
            int phase = Phase(t, totalSteps, pctStart, threePhase, out double pct);
            double cosine = Cosine(anneal, pct);
            momentum = MomentumIn(phase, anneal, pct, cosine, threePhase, baseMomentum, maxMomentum);
            return FactorIn(phase, anneal, pct, cosine, divFactor, finalDivFactor, threePhase);
        }

        private static double FactorIn(int phase, AnnealStrategy anneal, double pct, double cosine,
            double divFactor, double finalDivFactor, bool threePhase)
        {
            double initial = 1.0 / divFactor;
            double min = initial / finalDivFactor;
            return threePhase
                ? Along(phase, anneal, pct, cosine, true, initial, 1.0, initial, min)
                : Along(phase, anneal, pct, cosine, false, initial, 1.0, 1.0, min);
        }

        private static double MomentumIn(int phase, AnnealStrategy anneal, double pct, double cosine,
            bool threePhase, double baseMomentum, double maxMomentum) =>
            threePhase
                ? Along(phase, anneal, pct, cosine, true, maxMomentum, baseMomentum, maxMomentum, maxMomentum)
                : Along(phase, anneal, pct, cosine, false, maxMomentum, baseMomentum, baseMomentum, maxMomentum);

        // Where t lies in PyTorch's phase list (0, 1 or 2) and how far through that phase.
        private static int Phase(double t, double totalSteps, double pctStart, bool threePhase, out double pct)
        {
            double end1 = pctStart * totalSteps - 1.0;
            if (t <= end1) { pct = t / end1; return 0; }
            if (!threePhase) { pct = (t - end1) / (totalSteps - 1.0 - end1); return 1; }
            double end2 = 2.0 * pctStart * totalSteps - 2.0;
            if (t <= end2) { pct = (t - end1) / (end2 - end1); return 1; }
            pct = (t - end2) / (totalSteps - 1.0 - end2);
            return 2;
        }

        // A value goes a -> b in the first phase, then b -> c, then (three-phase) c -> d; two-phase: b -> d.
        private static double Along(int phase, AnnealStrategy anneal, double pct, double cosine, bool threePhase,
            double a, double b, double c, double d) => phase switch
            {
                0 => Anneal(anneal, a, b, pct, cosine),
                1 => threePhase ? Anneal(anneal, b, c, pct, cosine) : Anneal(anneal, b, d, pct, cosine),
                _ => Anneal(anneal, c, d, pct, cosine),
            };

        // PyTorch's _annealing_cos uses cos(pi * pct) + 1; shared by the rate and the momentum of a step.
        private static double Cosine(AnnealStrategy anneal, double pct) => anneal == AnnealStrategy.Cos ? Math.Cos(Math.PI * pct) + 1.0 : 0.0;

        private static double Anneal(AnnealStrategy anneal, double start, double end, double pct, double cosine) =>
            anneal == AnnealStrategy.Cos
                ? end + (start - end) / 2.0 * cosine
                : (end - start) * pct + start;
    }
}

namespace ScheduleDsl
{
    /// <summary>Shape of a warmup-stable-decay phase, as Hugging Face's <c>warmup_type</c> / <c>decay_type</c>.</summary>
    public enum WsdCurve
    {
        /// <summary>Straight line.</summary>
        Linear,
        /// <summary>Half cosine.</summary>
        Cosine,
        /// <summary><c>1 - sqrt</c>.</summary>
        OneMinusSqrt,
    }
}

namespace ScheduleDsl.Families
{
    /// <summary>Warmup-stable-decay, Hugging Face <c>get_wsd_schedule</c>.</summary>
    public static class Wsd
    {
        /// <summary>Factor at step <paramref name="t"/>.</summary>
        public static double Factor(double t, double warmup, double stable, double decay,
            WsdCurve warmupCurve, WsdCurve decayCurve, double minLrRatio, double numCycles)
        {
            double factor;
            if (t < warmup)
            {
                double progress = t / Math.Max(1.0, warmup);
                factor = warmupCurve switch
                {
                    WsdCurve.Linear => progress,
                    WsdCurve.Cosine => 0.5 * (1.0 - Math.Cos(Math.PI * progress)),
                    _ => 1.0 - Math.Sqrt(1.0 - progress),
                };
            }
            else if (t < warmup + stable)
            {
                return 1.0;
            }
            else if (t < warmup + stable + decay)
            {
                double progress = (t - warmup - stable) / Math.Max(1.0, decay);
                factor = decayCurve switch
                {
                    WsdCurve.Linear => 1.0 - progress,
                    WsdCurve.Cosine => 0.5 * (1.0 + Math.Cos(Math.PI * numCycles * 2.0 * progress)),
                    _ => 1.0 - Math.Sqrt(progress),
                };
            }
            else
            {
                return minLrRatio;
            }
            return Math.Max(0.0, factor * (1.0 - minLrRatio) + minLrRatio);
        }
    }
}
