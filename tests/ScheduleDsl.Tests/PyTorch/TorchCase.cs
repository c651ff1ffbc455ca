using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Tests.PyTorch.Reference;

namespace ScheduleDsl.Tests.PyTorch
{
    /// <summary>What a PyTorch test observes: every param group's rate (and momentum) per checked index.</summary>
    internal sealed record Observed(double[][] Lr, double[][]? Momentum = null, double[]? Other = null);

    /// <summary>How a catalogued test's expectation is stated.</summary>
    internal enum Expectation
    {
        /// <summary>The file states the values (a literal list or a list comprehension over a formula).</summary>
        Literal,
        /// <summary>The test compares two runs (resume, closed form, get_last_lr): both come from the reference.</summary>
        SelfConsistent,
        /// <summary>The test asserts a property (constant rate, rate below max_lr).</summary>
        Property,
        /// <summary>The test asserts no rate (PyTorch's compound plateau tests empty their targets).</summary>
        None,
    }

    /// <summary>One configuration of PyTorch's test/optim/test_lrscheduler.py.</summary>
    /// <param name="Test">The PyTorch test name (with its parametrization in brackets).</param>
    /// <param name="Config">The PyTorch classes and parameters, as written in the test (what issue 11 must map).</param>
    /// <param name="Groups">Initial rate of each param group when the schedulers are built.</param>
    /// <param name="Epochs">How many indices the test checks.</param>
    /// <param name="Run">Runs the test's protocol on the reference.</param>
    internal sealed record TorchCase(string Test, string Config, double[] Groups, int Epochs, Func<Observed> Run)
    {
        public Expectation Kind { get; init; } = Expectation.Literal;
        /// <summary>The explicit epochs given to <c>step(epoch)</c>, when the test lists them.</summary>
        public double[]? ExplicitEpochs { get; init; }
        /// <summary>The metric fed to ReduceLROnPlateau at each epoch.</summary>
        public double[]? Metrics { get; init; }
        /// <summary>The file's expected rates per group (the test zips groups with these lists, so fewer lists check fewer groups).</summary>
        public double[][]? ExpectedLr { get; init; }
        public double[][]? ExpectedMomentum { get; init; }
        public double[]? ExpectedOther { get; init; }
        /// <summary>For <see cref="Expectation.SelfConsistent"/>: the other side of the comparison.</summary>
        public Func<Observed>? Compare { get; init; }
        /// <summary>For <see cref="Expectation.Property"/>: the asserted property.</summary>
        public Func<Observed, bool>? Property { get; init; }
        /// <summary>Where a literal list only approximates PyTorch's arithmetic: the largest difference the
        /// reference may show, and why (each one is derived in the note, not fitted).</summary>
        public double LiteralSlack { get; init; }
        public string Note { get; init; } = "";

        public override string ToString() => Test;
    }

    /// <summary>The test file's helper loops (_test, _test_with_epoch, _test_cycle_lr, ...), on the reference.</summary>
    internal static class Protocols
    {
        private static List<double>[] Lists(TorchOptimizer opt) => opt.Groups.Select(_ => new List<double>()).ToArray();

        private static void Record(List<double>[] into, TorchOptimizer opt, Func<ParamGroup, double> value)
        {
            for (int i = 0; i < into.Length; i++) into[i].Add(value(opt.Groups[i]));
        }

        private static double[][] Done(List<double>[] lists) => lists.Select(l => l.ToArray()).ToArray();

        /// <summary><c>_test</c> / <c>_test_get_last_lr</c>: check every group's rate, then step each scheduler.</summary>
        public static Observed Test(TorchOptimizer opt, int epochs, params LrScheduler[] schedulers)
        {
            var lr = Lists(opt);
            for (int e = 0; e < epochs; e++)
            {
                Record(lr, opt, g => g.Lr);
                foreach (LrScheduler s in schedulers) s.Step();
            }
            return new Observed(Done(lr));
        }

        /// <summary><c>_test_with_epoch</c>: <c>step(epoch)</c>, then check.</summary>
        public static Observed WithEpoch(TorchOptimizer opt, int epochs, params LrScheduler[] schedulers)
        {
            var lr = Lists(opt);
            for (int e = 0; e < epochs; e++)
            {
                foreach (LrScheduler s in schedulers) s.Step(e);
                Record(lr, opt, g => g.Lr);
            }
            return new Observed(Done(lr));
        }

        /// <summary><c>_test_cycle_lr</c>: check rate and momentum (beta1 with <paramref name="useBeta1"/>), then step.</summary>
        public static Observed Cycle(TorchOptimizer opt, int batches, LrScheduler scheduler, bool useBeta1 = false)
        {
            var lr = Lists(opt);
            var momentum = Lists(opt);
            for (int b = 0; b < batches; b++)
            {
                Record(lr, opt, g => g.Lr);
                Record(momentum, opt, g => (useBeta1 ? g.Beta1 : g.Momentum) ?? double.NaN);
                scheduler.Step();
            }
            return new Observed(Done(lr), Done(momentum));
        }

        /// <summary><c>_test_reduce_lr_on_plateau</c>: each epoch steps the plateau with the metric and the others
        /// plainly, in list order, then checks.</summary>
        public static Observed Plateau(TorchOptimizer opt, double[] metrics, int epochs, ReduceLROnPlateau plateau, params LrScheduler[] others)
        {
            var lr = Lists(opt);
            for (int e = 0; e < epochs; e++)
            {
                plateau.Step(metrics[e]);
                foreach (LrScheduler s in others) s.Step();
                Record(lr, opt, g => g.Lr);
            }
            return new Observed(Done(lr));
        }

        /// <summary><c>_test_CosineAnnealingWarmRestarts</c> / <c>_test_interleaved_...</c>: <c>step(epoch)</c> per listed epoch, then check.</summary>
        public static Observed AtEpochs(TorchOptimizer opt, IEnumerable<double> epochs, LrScheduler scheduler)
        {
            var lr = Lists(opt);
            foreach (double e in epochs)
            {
                scheduler.Step(e);
                Record(lr, opt, g => g.Lr);
            }
            return new Observed(Done(lr));
        }

        /// <summary>The rates right after construction (<c>get_last_lr()</c> before any step).</summary>
        public static Observed Now(TorchOptimizer opt) => new(opt.Groups.Select(g => new[] { g.Lr }).ToArray());
    }

    /// <summary>Python list idioms for writing the file's targets as it states them.</summary>
    internal static class L
    {
        public static double[] Rep(double value, int count) => Enumerable.Repeat(value, count).ToArray();
        public static double[] Cat(params double[][] parts) => parts.SelectMany(p => p).ToArray();
        public static double[] Range(int count, Func<int, double> f) => Enumerable.Range(0, count).Select(f).ToArray();
        public static double[] Range(int from, int to, Func<int, double> f) => Enumerable.Range(from, to - from).Select(f).ToArray();
        public static double[] Times(this double[] values, double k) => values.Select(v => v * k).ToArray();
        public static double[] Zip(this double[] a, double[] b) => a.Zip(b, (x, y) => x * y).ToArray();
        public static double[][] G(params double[][] groups) => groups;
    }
}
