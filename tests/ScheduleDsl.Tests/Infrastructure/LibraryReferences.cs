using System;

namespace ScheduleDsl.Tests.Infrastructure
{
    /// <summary>Independent references for the families item 8 of issue 11 added (timm, Keras, Optax, PyTorch's
    /// CyclicLR scale modes), written from each library's own code in absolute rates. They do not call the core.
    /// Restart indices are found by walking the periods (exact boundaries, as <see cref="References.CosineAnnealingWarmRestarts"/>).</summary>
    internal static class LibraryReferences
    {
        // ---- timm (timm.scheduler) ----

        /// <summary>timm <c>CosineLRScheduler._get_lr</c> without warmup and k_decay = 1: cycle <c>i</c>, <c>gamma = cycle_decay^i</c>,
        /// <c>lr_max = base * gamma</c>; <c>lr_min + 0.5 (lr_max - lr_min)(1 + cos(pi t_curr / t_i))</c> while <c>i &lt; cycle_limit</c>,
        /// <c>lr_min</c> after.</summary>
        public static double TimmCosine(double baseLr, double tInitial, double cycleMul, double lrMin, double cycleDecay, int cycleLimit, double t)
        {
            int i = 0;
            double tCurr = t, tI = tInitial;
            while (tCurr >= tI)
            {
                tCurr -= tI;
                tI *= cycleMul;
                i++;
            }
            double lrMax = baseLr * Math.Pow(cycleDecay, i);
            if (i >= cycleLimit) return lrMin;
            return lrMin + 0.5 * (lrMax - lrMin) * (1 + Math.Cos(Math.PI * tCurr / tI));
        }

        // ---- Keras (keras.optimizers.schedules) ----

        /// <summary>Keras <c>CosineDecayRestarts</c>: <c>completed_fraction = step / first_decay_steps</c>, restart <c>i</c> and the
        /// fraction of it done, <c>m_fac = m_mul^i</c>, <c>decayed = (1 - alpha) * 0.5 * m_fac * (1 + cos(pi * fraction)) + alpha</c>.</summary>
        public static double KerasCosineDecayRestarts(double initialLr, double firstDecaySteps, double tMul, double mMul, double alpha, double step)
        {
            double fraction = step / firstDecaySteps;
            int i = 0;
            double length = 1.0;
            while (fraction >= length)
            {
                fraction -= length;
                length *= tMul;
                i++;
            }
            fraction /= length;
            double mFac = Math.Pow(mMul, i);
            double cosineDecayed = 0.5 * mFac * (1.0 + Math.Cos(Math.PI * fraction));
            double decayed = (1 - alpha) * cosineDecayed + alpha;
            return initialLr * decayed;
        }
    }
}
