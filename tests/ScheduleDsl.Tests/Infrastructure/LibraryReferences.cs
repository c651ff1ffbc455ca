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

        // ---- Optax (optax.schedules) ----

        /// <summary>Optax <c>piecewise_interpolate_schedule</c> as it computes, vectorised over every segment:
        /// <c>bounds = (0,) + boundaries</c>, <c>values = cumprod((init,) + scales)</c>, <c>interval = max(bounds[i+1] - bounds[i], 1)</c>,
        /// <c>sum_i [bounds[i] &lt;= count &lt; bounds[i+1]] * interp(values[i], values[i+1], (count - bounds[i]) / interval) + [bounds[-1] &lt;= count] * values[-1]</c>.</summary>
        public static double OptaxPiecewiseInterpolate(string interpolateType, double initValue, double[] boundaries, double[] scales, double count)
        {
            double[] bounds = new double[boundaries.Length + 1];
            double[] values = new double[scales.Length + 1];
            values[0] = initValue;
            for (int k = 0; k < boundaries.Length; k++)
            {
                bounds[k + 1] = boundaries[k];
                values[k + 1] = values[k] * scales[k];
            }
            double result = 0;
            for (int i = 0; i + 1 < bounds.Length; i++)
            {
                double interval = Math.Max(bounds[i + 1] - bounds[i], 1);
                double pct = (count - bounds[i]) / interval;
                double start = values[i], end = values[i + 1];
                double interp = interpolateType == "linear"
                    ? (end - start) * pct + start
                    : end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1);
                double indicator = bounds[i] <= count && count < bounds[i + 1] ? 1 : 0;
                result += indicator * interp;
            }
            return result + (bounds[bounds.Length - 1] <= count ? 1 : 0) * values[values.Length - 1];
        }

        /// <summary>Optax <c>linear_schedule(init, end, transition_steps)</c> (= <c>polynomial_schedule</c> with power 1):
        /// <c>(init - end) * (1 - clip(count, 0, T) / T) + end</c>.</summary>
        public static double OptaxLinearSchedule(double init, double end, double transitionSteps, double count)
        {
            double c = Math.Min(Math.Max(count, 0), transitionSteps);
            double frac = 1 - c / transitionSteps;
            return (init - end) * frac + end;
        }

        /// <summary>Optax <c>join_schedules(schedules, boundaries)</c>: <c>schedules[0](step)</c>, replaced by
        /// <c>schedules[i+1](step - boundaries[i])</c> from each boundary on.</summary>
        public static double OptaxJoinSchedules(Func<double, double>[] schedules, double[] boundaries, double step)
        {
            double output = schedules[0](step);
            for (int i = 0; i < boundaries.Length; i++)
                if (!(step < boundaries[i])) output = schedules[i + 1](step - boundaries[i]);
            return output;
        }
        /// <summary>timm <c>Scheduler._add_noise</c> for one rate: inside <c>noise_range_t</c> (<c>start &lt;= t &lt; end</c>)
        /// <c>lr + lr * noise</c>, normal noise redrawn until <c>|noise| &lt; noise_pct</c>, uniform noise
        /// <c>2 * (rand - 0.5) * noise_pct</c>. torch.Generator(seed + t) cannot be reproduced, so the draws come from the
        /// counter-based generator docs/schedule-semantics.md specifies (written here from that text): SplitMix64 started
        /// at <c>Mix(Mix(seed + G) + floor(t) * G)</c>, doubles from the top 53 bits, Box-Muller's cosine branch.</summary>
        public static double TimmNoisyRate(double lr, double t, double noisePct, bool normal, int noiseSeed, double start, double end)
        {
            if (!(start <= t && t < end)) return lr;
            const ulong G = 0x9E3779B97F4A7C15UL;
            ulong counter = (ulong)Math.Floor(t);
            ulong state = unchecked(SplitMixFinal(SplitMixFinal((ulong)(long)noiseSeed + G) + counter * G));
            double Rand()
            {
                state = unchecked(state + G);
                return (SplitMixFinal(state) >> 11) / Math.Pow(2, 53);
            }
            double noise;
            if (normal)
            {
                while (true)
                {
                    double u1 = Rand(), u2 = Rand();
                    noise = Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
                    if (Math.Abs(noise) < noisePct) break;
                }
            }
            else noise = 2 * (Rand() - 0.5) * noisePct;
            return lr + lr * noise;
        }

        private static ulong SplitMixFinal(ulong z)
        {
            unchecked
            {
                z ^= z >> 30;
                z *= 0xBF58476D1CE4E5B9UL;
                z ^= z >> 27;
                z *= 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
