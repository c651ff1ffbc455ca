using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;
using LRScheduler = TorchSharp.torch.optim.lr_scheduler.LRScheduler;

namespace ScheduleDsl.Tests.Infrastructure
{
    /// <summary>Drives a real TorchSharp SGD optimizer (one tiny parameter per group) with one of
    /// TorchSharp's own schedulers and records what the optimizer's param groups hold.</summary>
    internal static class TorchDriver
    {
        /// <summary>Rates per group: <c>[group][k]</c> is the group's rate after <c>k</c> calls of
        /// <c>step()</c> (k = 0: right after the scheduler was constructed).</summary>
        public static double[][] Rates(double[] groupRates, Func<Optimizer, LRScheduler> makeScheduler, int steps) =>
            Record(groupRates, 0.0, makeScheduler, steps, s => s.step()).Rates;

        /// <summary>Rates and momenta per group, <paramref name="step"/> advancing the scheduler once.</summary>
        public static (double[][] Rates, double[][] Momenta) Record(double[] groupRates, double momentum,
            Func<Optimizer, LRScheduler> makeScheduler, int steps, Action<LRScheduler> step)
        {
            var parameters = groupRates.Select(_ => new Parameter(torch.zeros(1))).ToArray();
            var groups = groupRates.Select((lr, i) => new SGD.ParamGroup(new[] { parameters[i] }, lr: lr, momentum: momentum)).ToArray();
            using var optimizer = SGD(groups, groupRates[0], momentum: momentum);
            LRScheduler scheduler = makeScheduler(optimizer);
            var rates = groupRates.Select(_ => new double[steps + 1]).ToArray();
            var momenta = groupRates.Select(_ => new double[steps + 1]).ToArray();
            for (int k = 0; ; k++)
            {
                int g = 0;
                foreach (ILearningRateController pg in optimizer.ParamGroups)
                {
                    rates[g][k] = pg.LearningRate;
                    momenta[g][k] = ((IMomentum)pg).Momentum;
                    g++;
                }
                if (k == steps) break;
                step(scheduler);
            }
            foreach (Parameter p in parameters) p.Dispose();
            return (rates, momenta);
        }

        /// <summary>Rates per group for <c>ReduceLROnPlateau</c>: <c>[group][k]</c> after <c>k</c> metrics.</summary>
        public static double[][] PlateauRates(double[] groupRates, Func<Optimizer, LRScheduler> makeScheduler, IReadOnlyList<double> metrics)
        {
            int k = 0;
            return Record(groupRates, 0.0, makeScheduler, metrics.Count, s => s.step(metrics[k++])).Rates;
        }
    }
}
