using System;

// Multiplicative decay shapes. Each is a pure closed form of the time t since the prefix phases
// ended (never recursive, so resuming is only setting the time) and returns a factor of the peak rate.
namespace ScheduleDsl.Families
{
    /// <summary>Step decay, PyTorch <c>StepLR</c>: <c>gamma^floor(t / stepSize)</c>.</summary>
    public static class StepDecay
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double stepSize, double gamma) =>
            Math.Pow(gamma, Math.Floor(t / stepSize));
    }

    /// <summary>Multi-step decay, PyTorch <c>MultiStepLR</c>: <c>gamma^(number of milestones &lt;= t)</c>;
    /// a milestone listed twice applies gamma twice, as in PyTorch.</summary>
    public static class MultiStep
    {
        /// <summary>Factor at time <paramref name="t"/>; <paramref name="milestones"/> are non-decreasing.</summary>
        public static double Factor(double t, double[] milestones, double gamma)
        {
            // bisect_right, as PyTorch's closed form does.
            int passed = 0;
            while (passed < milestones.Length && milestones[passed] <= t) passed++;
            return Math.Pow(gamma, passed);
        }
    }

    /// <summary>Exponential decay: PyTorch <c>ExponentialLR</c> (<c>gamma^t</c>) and Keras
    /// <c>ExponentialDecay</c> (<c>gamma^(t / decaySteps)</c>, floored when staircase).</summary>
    public static class Exponential
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double gamma, double decaySteps, bool staircase)
        {
            double p = t / decaySteps;
            return Math.Pow(gamma, staircase ? Math.Floor(p) : p);
        }
    }

    /// <summary>Polynomial decay: PyTorch <c>PolynomialLR</c> and Keras <c>PolynomialDecay</c>:
    /// <c>(1 - end) * (1 - min(t, T) / T)^power + end</c>, end being the end rate over the peak.</summary>
    public static class Polynomial
    {
        /// <summary>Factor at time <paramref name="t"/> over <paramref name="totalIters"/>.</summary>
        public static double Factor(double t, double totalIters, double power, double endFactor)
        {
            double remaining = 1.0 - Math.Min(t, totalIters) / totalIters;
            return (1.0 - endFactor) * Math.Pow(remaining, power) + endFactor;
        }
    }

    /// <summary>Inverse-time (time-based) decay, Keras <c>InverseTimeDecay</c>:
    /// <c>1 / (1 + decayRate * t / decaySteps)</c>, <c>t / decaySteps</c> floored when staircase.</summary>
    public static class InverseTime
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double decayRate, double decaySteps, bool staircase)
        {
            double p = t / decaySteps;
            return 1.0 / (1.0 + decayRate * (staircase ? Math.Floor(p) : p));
        }
    }

    /// <summary>Inverse square root, Hugging Face <c>get_inverse_sqrt_schedule</c> after its warmup:
    /// <c>1 / sqrt((t + timescale) / timescale)</c>.</summary>
    public static class InverseSqrt
    {
        /// <summary>Default timescale when there is no warmup, as in Hugging Face.</summary>
        public const double DefaultTimescale = 10_000;

        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double timescale) =>
            1.0 / Math.Sqrt((t + timescale) / timescale);
    }

    /// <summary>Linear decay, PyTorch <c>LinearLR</c>:
    /// <c>start + (end - start) * min(t, T) / T</c>.</summary>
    public static class LinearDecay
    {
        /// <summary>Factor at time <paramref name="t"/> over <paramref name="totalIters"/>.</summary>
        public static double Factor(double t, double totalIters, double startFactor, double endFactor) =>
            startFactor + (endFactor - startFactor) * (Math.Min(t, totalIters) / totalIters);
    }

    /// <summary>Cosine annealing, PyTorch <c>CosineAnnealingLR</c> closed form:
    /// <c>min + (1 - min) * (1 + cos(pi * t / T)) / 2</c>, min being the minimum rate over the peak.</summary>
    public static class Cosine
    {
        /// <summary>Factor at time <paramref name="t"/> over the period <paramref name="period"/>.</summary>
        public static double Factor(double t, double period, double minFactor) =>
            minFactor + (1.0 - minFactor) * (1.0 + Math.Cos(Math.PI * t / period)) / 2.0;
    }

    /// <summary>Cosine annealing with warm restarts, PyTorch <c>CosineAnnealingWarmRestarts</c>:
    /// periods <c>T0, T0*Tmult, T0*Tmult^2, ...</c>, each a cosine from the peak to the minimum.</summary>
    public static class CosineRestarts
    {
        /// <summary>Factor at time <paramref name="t"/>.</summary>
        public static double Factor(double t, double t0, double tMult, double minFactor)
        {
            double tCur, tI;
            if (tMult == 1.0)
            {
                tCur = t - t0 * Math.Floor(t / t0);
                tI = t0;
            }
            else
            {
                // PyTorch takes n from a logarithm; the two corrections keep n exact where
                // rounding puts t on the wrong side of a restart.
                double n = Math.Floor(Math.Log(t / t0 * (tMult - 1.0) + 1.0) / Math.Log(tMult));
                if (t0 * (Math.Pow(tMult, n) - 1.0) / (tMult - 1.0) > t) n -= 1.0;
                else if (t0 * (Math.Pow(tMult, n + 1.0) - 1.0) / (tMult - 1.0) <= t) n += 1.0;
                tCur = t - t0 * (Math.Pow(tMult, n) - 1.0) / (tMult - 1.0);
                tI = t0 * Math.Pow(tMult, n);
            }
            return minFactor + (1.0 - minFactor) * (1.0 + Math.Cos(Math.PI * tCur / tI)) / 2.0;
        }
    }
}
