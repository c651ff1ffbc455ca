using System;
using System.Linq;

namespace ScheduleDsl.Tests.Infrastructure
{
    /// <summary>Independent references, written from the libraries' own formulas in absolute-rate space
    /// (base rate in, rate out), iteratively or with loops where the core uses a closed form. They do
    /// not call the core.</summary>
    internal static class References
    {
        // ---- PyTorch (torch.optim.lr_scheduler) ----

        /// <summary>StepLR, iteratively: multiply by gamma each time the epoch reaches a multiple of step_size.</summary>
        public static double[] StepLR(double baseLr, int stepSize, double gamma, int steps)
        {
            var lr = new double[steps + 1];
            double current = baseLr;
            for (int epoch = 0; epoch <= steps; epoch++)
            {
                if (epoch > 0 && epoch % stepSize == 0) current *= gamma;
                lr[epoch] = current;
            }
            return lr;
        }

        /// <summary>MultiStepLR: milestones are a Counter, so a milestone listed twice applies gamma twice.</summary>
        public static double MultiStepLR(double baseLr, int[] milestones, double gamma, double epoch) =>
            baseLr * Math.Pow(gamma, milestones.Count(m => m <= epoch));

        /// <summary>LinearLR closed form: base * (start + (end - start) * min(T, epoch) / T).</summary>
        public static double LinearLR(double baseLr, double start, double end, double totalIters, double epoch) =>
            baseLr * (start + (end - start) * Math.Min(totalIters, epoch) / totalIters);

        /// <summary>ConstantLR: base * factor before total_iters, base from total_iters on.</summary>
        public static double ConstantLR(double baseLr, double factor, double totalIters, double epoch) =>
            epoch < totalIters ? baseLr * factor : baseLr;

        /// <summary>ExponentialLR, iteratively.</summary>
        public static double[] ExponentialLR(double baseLr, double gamma, int steps)
        {
            var lr = new double[steps + 1];
            lr[0] = baseLr;
            for (int k = 1; k <= steps; k++) lr[k] = lr[k - 1] * gamma;
            return lr;
        }

        /// <summary>PolynomialLR closed form (PyTorch has no end rate).</summary>
        public static double PolynomialLR(double baseLr, double totalIters, double power, double epoch) =>
            baseLr * Math.Pow(1.0 - Math.Min(totalIters, epoch) / totalIters, power);

        /// <summary>CosineAnnealingLR closed form: eta_min + (base - eta_min) * (1 + cos(pi * epoch / T_max)) / 2.</summary>
        public static double CosineAnnealingLR(double baseLr, double tMax, double etaMin, double epoch) =>
            etaMin + (baseLr - etaMin) * (1.0 + Math.Cos(Math.PI * epoch / tMax)) / 2.0;

        /// <summary>CosineAnnealingWarmRestarts, with the restart found by walking the periods
        /// (T_0, T_0*T_mult, ...) instead of PyTorch's logarithm, so boundaries are exact.</summary>
        public static double CosineAnnealingWarmRestarts(double baseLr, double t0, int tMult, double etaMin, double epoch)
        {
            double tCur = epoch, tI = t0;
            while (tCur >= tI)
            {
                tCur -= tI;
                tI *= tMult;
            }
            return etaMin + (baseLr - etaMin) * (1.0 + Math.Cos(Math.PI * tCur / tI)) / 2.0;
        }

        /// <summary>CyclicLR.get_lr for one group; exp_range scales by gamma^iteration (PyTorch's scale_mode 'iterations').</summary>
        public static double CyclicLR(double baseLr, double maxLr, double up, double down, string mode, double gamma, double iteration) =>
            baseLr + (maxLr - baseLr) * CyclicHeight(up, down, mode, gamma, iteration);

        /// <summary>CyclicLR momentum with cycle_momentum=True: max_momentum - (max - base) * scale_factor * scale.</summary>
        public static double CyclicMomentum(double baseM, double maxM, double up, double down, string mode, double gamma, double iteration) =>
            maxM - (maxM - baseM) * CyclicHeight(up, down, mode, gamma, iteration);

        private static double CyclicHeight(double up, double down, string mode, double gamma, double iteration)
        {
            double total = up + down;
            double ratio = up / total;
            double cycle = Math.Floor(1 + iteration / total);
            double x = 1.0 + iteration / total - cycle;
            double scaleFactor = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
            double scale = mode switch
            {
                "triangular" => 1.0,
                "triangular2" => 1 / Math.Pow(2.0, cycle - 1),
                "exp_range" => Math.Pow(gamma, iteration),
                _ => throw new ArgumentException(mode),
            };
            return scaleFactor * scale;
        }

        /// <summary>OneCycleLR for one group, walking PyTorch's phase list.</summary>
        public static (double Lr, double Momentum) OneCycleLR(double maxLr, int totalSteps, double pctStart, string anneal,
            double divFactor, double finalDivFactor, bool threePhase, double baseMomentum, double maxMomentum, int step)
        {
            double initial = maxLr / divFactor, min = initial / finalDivFactor;
            var phases = threePhase
                ? new[]
                {
                    (End: pctStart * totalSteps - 1, Lr0: initial, Lr1: maxLr, M0: maxMomentum, M1: baseMomentum),
                    (End: 2 * pctStart * totalSteps - 2, Lr0: maxLr, Lr1: initial, M0: baseMomentum, M1: maxMomentum),
                    (End: totalSteps - 1.0, Lr0: initial, Lr1: min, M0: maxMomentum, M1: maxMomentum),
                }
                : new[]
                {
                    (End: pctStart * totalSteps - 1, Lr0: initial, Lr1: maxLr, M0: maxMomentum, M1: baseMomentum),
                    (End: totalSteps - 1.0, Lr0: maxLr, Lr1: min, M0: baseMomentum, M1: maxMomentum),
                };
            double start = 0;
            for (int i = 0; i < phases.Length; i++)
            {
                var p = phases[i];
                if (step <= p.End || i == phases.Length - 1)
                {
                    double pct = (step - start) / (p.End - start);
                    return (Anneal(anneal, p.Lr0, p.Lr1, pct), Anneal(anneal, p.M0, p.M1, pct));
                }
                start = p.End;
            }
            throw new InvalidOperationException();
        }

        private static double Anneal(string strategy, double start, double end, double pct) =>
            strategy == "cos" ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1) : (end - start) * pct + start;

        // ---- Hugging Face (transformers.optimization) ----

        /// <summary><c>_get_wsd_scheduler_lambda</c> (warmup_type / decay_type: "linear", "cosine", "1-sqrt").</summary>
        public static double WsdLambda(double step, double warmup, double stable, double decay, string warmupType, string decayType,
            double minLrRatio, double numCycles)
        {
            double factor;
            if (step < warmup)
            {
                double progress = step / Math.Max(1, warmup);
                factor = warmupType switch
                {
                    "linear" => progress,
                    "cosine" => 0.5 * (1.0 - Math.Cos(Math.PI * progress)),
                    _ => 1.0 - Math.Sqrt(1.0 - progress),
                };
                return Math.Max(0.0, factor * (1.0 - minLrRatio) + minLrRatio);
            }
            if (step < warmup + stable) return 1.0;
            if (step < warmup + stable + decay)
            {
                double progress = (step - warmup - stable) / Math.Max(1, decay);
                factor = decayType switch
                {
                    "linear" => 1.0 - progress,
                    "cosine" => 0.5 * (1.0 + Math.Cos(Math.PI * numCycles * 2.0 * progress)),
                    _ => 1.0 - Math.Sqrt(progress),
                };
                return Math.Max(0.0, factor * (1.0 - minLrRatio) + minLrRatio);
            }
            return minLrRatio;
        }

        /// <summary><c>_get_inverse_sqrt_schedule_lr_lambda</c>; timescale defaults to num_warmup_steps or 10000.</summary>
        public static double InverseSqrtLambda(double step, int numWarmupSteps, double? timescale = null)
        {
            double ts = timescale ?? (numWarmupSteps != 0 ? numWarmupSteps : 10_000);
            if (step < numWarmupSteps) return step / Math.Max(1, numWarmupSteps);
            double shift = ts - numWarmupSteps;
            return 1.0 / Math.Sqrt((step + shift) / ts);
        }

        // ---- Keras (keras.optimizers.schedules) ----

        /// <summary>ExponentialDecay: lr * decay_rate^(step / decay_steps), floored when staircase.</summary>
        public static double KerasExponentialDecay(double lr, double decaySteps, double decayRate, bool staircase, double step)
        {
            double p = step / decaySteps;
            if (staircase) p = Math.Floor(p);
            return lr * Math.Pow(decayRate, p);
        }

        /// <summary>InverseTimeDecay: lr / (1 + decay_rate * step / decay_steps), floored when staircase.</summary>
        public static double KerasInverseTimeDecay(double lr, double decaySteps, double decayRate, bool staircase, double step)
        {
            double p = step / decaySteps;
            if (staircase) p = Math.Floor(p);
            return lr / (1 + decayRate * p);
        }

        /// <summary>PolynomialDecay (cycle=False): (lr - end) * (1 - min(step, decay_steps) / decay_steps)^power + end.</summary>
        public static double KerasPolynomialDecay(double lr, double decaySteps, double endLr, double power, double step)
        {
            step = Math.Min(step, decaySteps);
            return (lr - endLr) * Math.Pow(1 - step / decaySteps, power) + endLr;
        }

        /// <summary>PiecewiseConstantDecay, as Keras writes it: values[0] when step &lt;= boundaries[0], values[i] when
        /// boundaries[i-1] &lt; step &lt;= boundaries[i], values[-1] when step &gt; boundaries[-1].</summary>
        public static double KerasPiecewiseConstantDecay(double[] boundaries, double[] values, double step)
        {
            if (step <= boundaries[0]) return values[0];
            for (int i = 1; i < boundaries.Length; i++)
                if (step > boundaries[i - 1] && step <= boundaries[i]) return values[i];
            return values[values.Length - 1];
        }

        // ---- Warmups without a library class (defined by the core's documented formulas) ----

        /// <summary>Cosine warmup in absolute rates: from start*base up to base along a half cosine.</summary>
        public static double CosineWarmup(double baseLr, double startFactor, double length, double t)
        {
            double startLr = baseLr * startFactor;
            return t >= length ? baseLr : baseLr - (baseLr - startLr) * (1 + Math.Cos(Math.PI * t / length)) / 2;
        }

        /// <summary>Exponential (geometric) warmup: start*base times (1/start)^(t/length).</summary>
        public static double ExponentialWarmup(double baseLr, double startFactor, double length, double t) =>
            t >= length ? baseLr : baseLr * startFactor * Math.Exp(-Math.Log(startFactor) * t / length);
    }
}
