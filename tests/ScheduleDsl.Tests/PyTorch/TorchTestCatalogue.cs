using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Tests.PyTorch.Reference;
using static ScheduleDsl.Tests.PyTorch.L;

namespace ScheduleDsl.Tests.PyTorch
{
    /// <summary>Every scheduler configuration of PyTorch's test/optim/test_lrscheduler.py (main, read for issue 11)
    /// that runs a scheduler: its classes and parameters, the test's protocol, and its expected values as the file
    /// states them. Tests of warnings, pickling, state_dict round trips, tensor aliasing, argument validation and
    /// SWALR (torch.optim.swa_utils) are listed in docs/pytorch-coverage.md instead.</summary>
    internal static class TorchTestCatalogue
    {
        // setUp(): SGD with two groups, lr 0.05 and 0.5.
        private static TorchOptimizer Opt() => TorchOptimizer.Sgd(0.05, 0.5);
        private static readonly double[] Two = { 0.05, 0.5 };
        private static readonly double[] Half = { 0.5, 0.5 };
        private const double EtaMin = 1e-10;

        private static double[][] TenTimes(double[] single) => G(single, single.Times(10));

        private static double Cos(double x, double epochs, double top = 0.05) =>
            EtaMin + (top - EtaMin) * (1 + Math.Cos(Math.PI * x / epochs)) / 2;

        private static TorchOptimizer PlateauOpt(double lr = 0.5)
        {
            TorchOptimizer opt = Opt();
            foreach (ParamGroup g in opt.Groups) g.Lr = lr;
            return opt;
        }

        public static IReadOnlyList<TorchCase> All { get; } = Build().ToList();

        public static TorchCase Get(string test) => All.Single(c => c.Test == test);

        private static IEnumerable<TorchCase> Build()
        {
            // ---- StepLR / MultiStepLR ----
            double[] step = Cat(Rep(0.05, 3), Rep(0.005, 3), Rep(0.0005, 3), Rep(0.00005, 3));
            yield return new("test_step_lr", "StepLR(gamma=0.1, step_size=3)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new StepLR(o, 3, 0.1)); }) { ExpectedLr = TenTimes(step) };
            yield return new("test_get_last_lr_step_lr", "StepLR(step_size=3, gamma=0.1); one group, lr 0.1", new[] { 0.1 }, 10,
                () => { var o = TorchOptimizer.Sgd(0.1); return Protocols.Test(o, 10, new StepLR(o, 3, 0.1)); })
            { ExpectedLr = G(Cat(Rep(0.1, 3), Rep(0.01, 3), Rep(0.001, 3), Rep(0.0001, 1))) };

            double[] multi = Cat(Rep(0.05, 2), Rep(0.005, 3), Rep(0.0005, 4), Rep(0.00005, 3));
            yield return new("test_get_last_lr_multi_step_lr", "MultiStepLR(gamma=0.1, milestones=[2, 5, 9])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1)); })
            { ExpectedLr = TenTimes(Cat(Rep(0.05, 2), Rep(0.005, 3), Rep(0.0005, 4), Rep(0.00005, 1))) };
            yield return new("test_multi_step_lr", "MultiStepLR(gamma=0.1, milestones=[2, 5, 9])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1)); }) { ExpectedLr = TenTimes(multi) };
            yield return new("test_multi_step_lr_with_epoch", "MultiStepLR(gamma=0.1, milestones=[2, 5, 9]); step(epoch)", Two, 10,
                () => { var o = Opt(); return Protocols.WithEpoch(o, 10, new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1)); }) { ExpectedLr = TenTimes(multi) };

            // ---- ConstantLR / LinearLR ----
            double[] constant = Cat(Rep(0.025, 5), Rep(0.05, 5));
            yield return new("test_get_last_lr_constantlr", "ConstantLR(factor=1/2, total_iters=5)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new ConstantLR(o, 0.5, 5)); }) { ExpectedLr = TenTimes(constant) };
            yield return new("test_constantlr", "ConstantLR(factor=1/2, total_iters=5)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new ConstantLR(o, 0.5, 5)); }) { ExpectedLr = TenTimes(constant) };
            yield return new("test_constantlr_with_epoch", "ConstantLR(factor=1/2, total_iters=5); step(epoch)", Two, 10,
                () => { var o = Opt(); return Protocols.WithEpoch(o, 10, new ConstantLR(o, 0.5, 5)); }) { ExpectedLr = TenTimes(constant) };

            double s1 = 1.0 / 4, e1 = 3.0 / 5;
            double[] linearEnd = Cat(Range(4, i => 0.05 * (s1 + i * (e1 - s1) / 4)), Rep(0.05 * e1, 6));
            yield return new("test_get_last_lr_linearlr", "LinearLR(start_factor=1/4, end_factor=3/5, total_iters=4)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new LinearLR(o, s1, e1, 4)); }) { ExpectedLr = TenTimes(linearEnd) };
            double[] linear = Cat(Range(4, i => 0.05 * (0.5 + i * (1 - 0.5) / 4)), Rep(0.05, 6));
            yield return new("test_linearlr", "LinearLR(start_factor=1/2, total_iters=4)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new LinearLR(o, 0.5, 1.0, 4)); }) { ExpectedLr = TenTimes(linear) };
            yield return new("test_linearlr_with_epoch", "LinearLR(start_factor=1/2, end_factor=1.0, total_iters=4); step(epoch)", Two, 10,
                () => { var o = Opt(); return Protocols.WithEpoch(o, 10, new LinearLR(o, 0.5, 1.0, 4)); }) { ExpectedLr = TenTimes(linear) };

            // ---- ExponentialLR / PolynomialLR / CosineAnnealingLR ----
            yield return new("test_exp_lr", "ExponentialLR(gamma=0.9)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new ExponentialLR(o, 0.9)); })
            { ExpectedLr = TenTimes(Range(10, x => 0.05 * Math.Pow(0.9, x))) };
            yield return new("test_poly_lr", "PolynomialLR(power=0.9, total_iters=5)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new PolynomialLR(o, 5, 0.9)); })
            { ExpectedLr = TenTimes(Cat(Range(5, x => Math.Pow(1.0 - x / 5.0, 0.9) * 0.05), Rep(0.0, 5))) };
            yield return new("test_cos_anneal_lr", "CosineAnnealingLR(T_max=10, eta_min=1e-10)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new CosineAnnealingLR(o, 10, EtaMin)); })
            {
                ExpectedLr = TenTimes(Range(10, x => Cos(x, 10))),
                LiteralSlack = 9 * EtaMin,
                Note = "The file's group-2 list is 10 x group 1, i.e. eta_min scaled to 1e-9; PyTorch applies eta_min=1e-10 to every group, so group 2 differs by 9e-10 x (1 - cos term) <= 9 x eta_min.",
            };

            // ---- closed form vs chainable form (PyTorch's _test_against_closed_form) ----
            foreach (var (name, config, make) in ClosedFormPairs())
            {
                yield return new(name, config + "; chainable step() vs closed-form step(epoch), 20 epochs", Two, 20,
                    () => { var o = Opt(); var s = make(o); return Chainable(o, s, 20); })
                {
                    Kind = Expectation.SelfConsistent,
                    Compare = () => { var o = Opt(); var s = make(o); return Protocols.AtEpochs(o, Enumerable.Range(1, 20).Select(e => (double)e), s); },
                    Note = "PyTorch's own test is vacuous: it calls setUp() between the runs, so it compares two untouched optimizers. Here: chainable rate after e steps = closed form at epoch e, e = 1..20.",
                };
            }

            yield return new("test_cos_anneal_lr_continue", "CosineAnnealingLR(T_max=5, eta_min=0.1); one step, then a new one with last_epoch=0", Two, 1,
                () => { var o = Opt(); var s = new CosineAnnealingLR(o, 5, 0.1); s.Step(); _ = new CosineAnnealingLR(o, 5, 0.1, lastEpoch: 0); return Protocols.Now(o); })
            {
                Kind = Expectation.SelfConsistent,
                Compare = () => { var o = Opt(); var s = new CosineAnnealingLR(o, 5, 0.1); s.Step(); return Protocols.Now(o); },
                Note = "Resume: constructing with last_epoch=0 keeps the rates one step has set (eta_min above the base rate: a rising cosine).",
            };

            foreach (TorchCase c in ConstantForConstantEpoch()) yield return c;

            // ---- ReduceLROnPlateau ----
            foreach (TorchCase c in Plateaus()) yield return c;

            // ---- SequentialLR ----
            yield return new("test_sequentiallr1", "SequentialLR([ExponentialLR(gamma=0.8), StepLR(gamma=0.1, step_size=4)], milestones=[3])", Two, 19,
                () => { var o = Opt(); return Protocols.Test(o, 19, new SequentialLR(o, new LrScheduler[] { new ExponentialLR(o, 0.8), new StepLR(o, 4, 0.1) }, new long[] { 3 })); })
            { ExpectedLr = G(Cat(new[] { 0.05, 0.04, 0.032 }, Rep(0.05, 4), Rep(0.05 * 0.1, 4), Rep(0.05 * 0.01, 4), Rep(0.05 * 0.001, 4))) };
            yield return new("test_sequentiallr2", "SequentialLR([ConstantLR(factor=0.1, total_iters=3), ExponentialLR(gamma=0.9)], milestones=[3])", Two, 13,
                () => { var o = Opt(); return Protocols.Test(o, 13, new SequentialLR(o, new LrScheduler[] { new ConstantLR(o, 0.1, 3), new ExponentialLR(o, 0.9) }, new long[] { 3 })); })
            { ExpectedLr = G(Cat(Rep(0.005, 3), Range(10, x => 0.05 * Math.Pow(0.9, x)))) };
            double[] seq3 = Cat(Rep(0.005, 3), new[] { 0.05, 0.04, 0.032 }, new[] { 0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005 });
            Func<TorchOptimizer, SequentialLR> three = o => new SequentialLR(o,
                new LrScheduler[] { new ConstantLR(o, 0.1, 3), new ExponentialLR(o, 0.8), new StepLR(o, 2, 0.1) }, new long[] { 3, 6 });
            const string threeConfig = "SequentialLR([ConstantLR(factor=0.1, total_iters=3), ExponentialLR(gamma=0.8), StepLR(gamma=0.1, step_size=2)], milestones=[3, 6])";
            yield return new("test_sequentiallr3", threeConfig, Two, 12, () => { var o = Opt(); return Protocols.Test(o, 12, three(o)); }) { ExpectedLr = G(seq3) };
            yield return new("test_get_last_lr_sequentiallr", threeConfig, Two, 12, () => { var o = Opt(); return Protocols.Test(o, 12, three(o)); }) { ExpectedLr = TenTimes(seq3) };
            yield return new("test_sequentiallr4", "SequentialLR([ConstantLR(factor=1), ConstantLR(factor=0.1)], milestones=[10]); one group, lr 0.1; rate after construction", new[] { 0.1 }, 1,
                () => { var o = TorchOptimizer.Sgd(0.1); _ = new SequentialLR(o, new LrScheduler[] { new ConstantLR(o, 1), new ConstantLR(o, 0.1) }, new long[] { 10 }); return Protocols.Now(o); })
            { ExpectedLr = G(new[] { 0.1 }) };
            yield return new("test_sequentiallr5", "SequentialLR([ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ConstantLR(factor=0.1, total_iters=5)]), ConstantLR(factor=0.5, total_iters=5)], milestones=[5])", Two, 10,
                () =>
                {
                    var o = Opt();
                    var constant = new ConstantLR(o, 0.1, 5);
                    var lin = new LinearLR(o, 0.1, 1.0, 5);
                    var chained = new ChainedScheduler(lin, constant);
                    var constant2 = new ConstantLR(o, 0.5, 5);
                    return Protocols.Test(o, 10, new SequentialLR(o, new LrScheduler[] { chained, constant2 }, new long[] { 5 }));
                })
            { ExpectedLr = G(Cat(new[] { 0.0005, 0.0014, 0.0023, 0.0032, 0.0041 }, Rep(0.025, 5))) };
            yield return new("test_sequentiallr_no_warnings", "SequentialLR([LinearLR(start_factor=0.5, end_factor=0.1, total_iters=5), ExponentialLR(gamma=0.9)], milestones=[5])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new SequentialLR(o, new LrScheduler[] { new LinearLR(o, 0.5, 0.1, 5), new ExponentialLR(o, 0.9) }, new long[] { 5 })); })
            { Kind = Expectation.None, Note = "PyTorch asserts only that no warning is raised." };
            yield return new("test_sequentiallr_does_not_alias_lr_and_initial_lr", "SequentialLR([LinearLR(0.1, 0.8, total_iters=4), LinearLR(0.8, 0.1, total_iters=4)], milestones=[4]); SGD(lr=tensor(2.0)), two groups (net.parameters())", new[] { 2.0 }, 8,
                () => { var o = TorchOptimizer.Sgd(2.0); return Protocols.Test(o, 8, new SequentialLR(o, new LrScheduler[] { new LinearLR(o, 0.1, 0.8, 4), new LinearLR(o, 0.8, 0.1, 4) }, new long[] { 4 })); })
            { ExpectedLr = G(new[] { 0.2, 0.55, 0.9, 1.25, 1.6, 1.25, 0.9, 0.55 }), Note = "SGD(net.parameters()) has one group." };

            // ---- ChainedScheduler ----
            yield return new("test_chained_lr1", "ChainedScheduler([StepLR(gamma=0.1, step_size=3)])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new ChainedScheduler(new StepLR(o, 3, 0.1))); }) { ExpectedLr = G(step) };
            yield return new("test_chained_lr2", "ChainedScheduler([LinearLR(start_factor=0.4, total_iters=3)])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new ChainedScheduler(new LinearLR(o, 0.4, 1.0, 3))); })
            { ExpectedLr = G(Cat(new[] { 0.02, 0.03, 0.04 }, Rep(0.05, 9))) };
            yield return new("test_chained_lr3", "ChainedScheduler([LinearLR(start_factor=0.4, total_iters=3), MultiStepLR(milestones=[4, 8, 10], gamma=0.1)])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new ChainedScheduler(new LinearLR(o, 0.4, 1.0, 3), new MultiStepLR(o, new long[] { 4, 8, 10 }, 0.1))); })
            { ExpectedLr = G(Cat(new[] { 0.02, 0.03, 0.04, 0.05 }, Rep(0.005, 4), Rep(0.0005, 3), Rep(0.00005, 3))) };
            yield return new("test_chained_lr4", "ChainedScheduler([ExponentialLR(gamma=0.9), ConstantLR(factor=0.2, total_iters=4), StepLR(gamma=0.1, step_size=3)])", Two, 9,
                () => { var o = Opt(); return Protocols.Test(o, 9, new ChainedScheduler(new ExponentialLR(o, 0.9), new ConstantLR(o, 0.2, 4), new StepLR(o, 3, 0.1))); })
            {
                ExpectedLr = G(Cat(Range(3, x => 0.05 * 0.2 * Math.Pow(0.9, x)), new[] { 0.05 * 0.2 * Math.Pow(0.9, 3) * 0.1 },
                    Range(4, 6, x => 0.05 * Math.Pow(0.9, x) * 0.1), Range(6, 9, x => 0.05 * Math.Pow(0.9, x) * 0.01))),
            };
            double[] Poly(double lr) => Cat(Range(5, x => lr * Math.Pow(1.0 - x / 5.0, 0.9)), Rep(0.0, 5));
            yield return new("test_chained_lr5", "ChainedScheduler([PolynomialLR(power=0.9, total_iters=5), ConstantLR(factor=0.1)])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new ChainedScheduler(new PolynomialLR(o, 5, 0.9), new ConstantLR(o, 0.1))); })
            { ExpectedLr = G(Poly(0.05).Times(0.1), Poly(0.5).Times(0.1)) };
            yield return new("test_chained_lr2_get_last_lr_before_step", "ChainedScheduler([LinearLR(start_factor=0.4, total_iters=3), MultiStepLR(milestones=[4, 8, 10], gamma=0.1)]); get_last_lr() before a step", Two, 1,
                () => { var o = Opt(); var c = new ChainedScheduler(new LinearLR(o, 0.4, 1.0, 3), new MultiStepLR(o, new long[] { 4, 8, 10 }, 0.1)); return new Observed(c.LastLr.Select(v => new[] { v }).ToArray()); })
            {
                Kind = Expectation.SelfConsistent,
                Compare = () => { var o = Opt(); _ = new LinearLR(o, 0.4, 1.0, 3); var m = new MultiStepLR(o, new long[] { 4, 8, 10 }, 0.1); return new Observed(m.LastLr.Select(v => new[] { v }).ToArray()); },
                Note = "Chained get_last_lr() equals the last scheduler's.",
            };

            // ---- compound: several schedulers stepped in turn on one optimizer ----
            foreach (TorchCase c in Compounds()) yield return c;

            // ---- CyclicLR ----
            foreach (TorchCase c in Cyclics()) yield return c;

            // ---- OneCycleLR ----
            foreach (TorchCase c in OneCycles()) yield return c;

            // ---- LambdaLR / MultiplicativeLR ----
            static TorchOptimizer LambdaOpt() { var o = Opt(); o.Groups[1].Lr = 0.4; return o; }
            double[][] lambdaTargets = G(Range(10, x => 0.05 * Math.Pow(0.9, x)), Range(10, x => 0.4 * Math.Pow(0.8, x)));
            yield return new("test_lambda_lr", "LambdaLR(lr_lambda=[lambda x1: 0.9**x1, lambda x2: 0.8**x2]); groups 0.05, 0.4", new[] { 0.05, 0.4 }, 10,
                () => { var o = LambdaOpt(); return Protocols.Test(o, 10, new LambdaLR(o, new Func<long, double>[] { x => Math.Pow(0.9, x), x => Math.Pow(0.8, x) })); })
            { ExpectedLr = lambdaTargets };
            yield return new("test_multiplicative_lr", "MultiplicativeLR(lr_lambda=[lambda x1: 0.9, lambda x2: 0.8]); groups 0.05, 0.4", new[] { 0.05, 0.4 }, 10,
                () => { var o = LambdaOpt(); return Protocols.Test(o, 10, new MultiplicativeLR(o, new Func<long, double>[] { _ => 0.9, _ => 0.8 })); })
            { ExpectedLr = lambdaTargets };

            // ---- CosineAnnealingWarmRestarts ----
            foreach (TorchCase c in WarmRestarts()) yield return c;

            // ---- resume from a checkpoint with last_epoch=0 ----
            foreach (TorchCase c in Checkpoints()) yield return c;
        }

        private static Observed Chainable(TorchOptimizer o, LrScheduler s, int steps)
        {
            var lr = o.Groups.Select(_ => new double[steps]).ToArray();
            for (int e = 0; e < steps; e++)
            {
                s.Step();
                for (int g = 0; g < lr.Length; g++) lr[g][e] = o.Groups[g].Lr;
            }
            return new Observed(lr);
        }

        private static IEnumerable<(string, string, Func<TorchOptimizer, LrScheduler>)> ClosedFormPairs()
        {
            yield return ("test_closed_form_step_lr", "StepLR(gamma=0.1, step_size=3)", o => new StepLR(o, 3, 0.1));
            yield return ("test_closed_form_linearlr", "LinearLR(start_factor=1/3, end_factor=0.7, total_iters=4)", o => new LinearLR(o, 1.0 / 3, 0.7, 4));
            yield return ("test_closed_form_constantlr", "ConstantLR(factor=1/3, total_iters=4)", o => new ConstantLR(o, 1.0 / 3, 4));
            yield return ("test_closed_form_multi_step_lr", "MultiStepLR(gamma=0.1, milestones=[2, 5, 9])", o => new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1));
            yield return ("test_closed_form_exp_lr", "ExponentialLR(gamma=0.9)", o => new ExponentialLR(o, 0.9));
            yield return ("test_closed_form_poly_lr", "PolynomialLR(power=0.9)", o => new PolynomialLR(o, power: 0.9));
            yield return ("test_closed_form_cos_anneal_lr", "CosineAnnealingLR(T_max=5, eta_min=1e-10)", o => new CosineAnnealingLR(o, 5, EtaMin));
        }

        private static IEnumerable<TorchCase> ConstantForConstantEpoch()
        {
            var classes = new (string Name, string Config, Func<TorchOptimizer, LrScheduler> Make)[]
            {
                ("test_step_lr_is_constant_for_constant_epoch", "StepLR(step_size=2)", o => new StepLR(o, 2)),
                ("test_exponential_lr_is_constant_for_constant_epoch", "ExponentialLR(gamma=0.9)", o => new ExponentialLR(o, 0.9)),
                ("test_constantlr_is_constant_for_constant_epoch", "ConstantLR()", o => new ConstantLR(o)),
                ("test_linear_linearlr_is_constant_for_constant_epoch", "LinearLR()", o => new LinearLR(o)),
                ("test_polynomial_lr_is_constant_for_constant_epoch", "PolynomialLR(power=0.9)", o => new PolynomialLR(o, power: 0.9)),
            };
            foreach (var (name, config, make) in classes)
            {
                yield return new(name, config + "; step(2) ten times", Two, 10,
                    () => { var o = Opt(); return Protocols.AtEpochs(o, Rep(2, 10), make(o)); })
                {
                    Kind = Expectation.Property,
                    Property = r => r.Lr[0].Min() == r.Lr[0].Max(),
                    Note = "Asserts min(lr) == max(lr) over ten step(2) calls.",
                };
            }
        }

        private static IEnumerable<TorchCase> Plateaus()
        {
            double[] Metrics(int n, Func<int, double> f) => Range(n, f);
            yield return new("test_reduce_lr_on_plateau1", "ReduceLROnPlateau(threshold_mode='abs', mode='min', threshold=0.01, patience=5, cooldown=5); groups 0.5, 0.5", Half, 10,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, Metrics(20, i => 10 - i * 0.0167), 10, new ReduceLROnPlateau(o, threshold: 0.01, rel: false, patience: 5, cooldown: 5)); })
            { Metrics = Metrics(20, i => 10 - i * 0.0167), ExpectedLr = G(Rep(0.5, 20)) };
            yield return new("test_reduce_lr_on_plateau2", "ReduceLROnPlateau(patience=5, cooldown=0, threshold_mode='abs', mode='min', threshold=0.1)", Half, 22,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, Metrics(22, i => 10 - i * 0.0165), 22, new ReduceLROnPlateau(o, patience: 5, cooldown: 0, rel: false, threshold: 0.1)); })
            { Metrics = Metrics(22, i => 10 - i * 0.0165), ExpectedLr = G(Cat(Rep(0.5, 6), Rep(0.05, 7), Rep(0.005, 7), Rep(0.0005, 2))) };
            yield return new("test_reduce_lr_on_plateau3", "ReduceLROnPlateau(mode='max', patience=5, cooldown=5, threshold_mode='abs')", Half, 22,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, Cat(Rep(-0.8, 2), Rep(-0.234, 20)), 22, new ReduceLROnPlateau(o, max: true, patience: 5, cooldown: 5, rel: false)); })
            { Metrics = Cat(Rep(-0.8, 2), Rep(-0.234, 20)), ExpectedLr = G(Cat(Rep(0.5, 8), Rep(0.05, 11), Rep(0.005, 4))) };
            yield return new("test_reduce_lr_on_plateau4", "ReduceLROnPlateau(mode='max', patience=3, threshold_mode='rel', threshold=0.1)", Half, 20,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, Metrics(20, i => 1.5 * Math.Pow(1.025, i)), 20, new ReduceLROnPlateau(o, max: true, patience: 3, threshold: 0.1)); })
            { Metrics = Metrics(20, i => 1.5 * Math.Pow(1.025, i)), ExpectedLr = G(Rep(0.5, 20)) };
            double[] reduced = Cat(Rep(0.5, 6), Rep(0.05, 11), Rep(0.005, 4));
            yield return new("test_reduce_lr_on_plateau5", "ReduceLROnPlateau(mode='max', threshold_mode='rel', threshold=0.1, patience=5, cooldown=5)", Half, 20,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, Metrics(20, i => 1.5 * Math.Pow(1.005, i)), 20, new ReduceLROnPlateau(o, max: true, threshold: 0.1, patience: 5, cooldown: 5)); })
            { Metrics = Metrics(20, i => 1.5 * Math.Pow(1.005, i)), ExpectedLr = G(reduced) };
            yield return new("test_reduce_lr_on_plateau6", "ReduceLROnPlateau(mode='min', threshold_mode='rel', threshold=0.1)", Half, 20,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, Metrics(20, i => 1.5 * Math.Pow(0.85, i)), 20, new ReduceLROnPlateau(o, threshold: 0.1)); })
            { Metrics = Metrics(20, i => 1.5 * Math.Pow(0.85, i)), ExpectedLr = G(Rep(0.5, 20)) };
            double[] metrics7 = Cat(Rep(1, 7), new[] { 0.6 }, Rep(0.5, 12));
            yield return new("test_reduce_lr_on_plateau7", "ReduceLROnPlateau(mode='min', threshold_mode='rel', threshold=0.1, patience=5, cooldown=5)", Half, 20,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, metrics7, 20, new ReduceLROnPlateau(o, threshold: 0.1, patience: 5, cooldown: 5)); })
            { Metrics = metrics7, ExpectedLr = G(reduced) };
            yield return new("test_reduce_lr_on_plateau8", "ReduceLROnPlateau(mode='max', threshold_mode='rel', min_lr=[0.4, 0.3], threshold=0.1, patience=5, cooldown=5)", Half, 20,
                () => { var o = PlateauOpt(); return Protocols.Plateau(o, Metrics(20, i => 1.5 * Math.Pow(1.005, i)), 20, new ReduceLROnPlateau(o, max: true, minLrs: new[] { 0.4, 0.3 }, threshold: 0.1, patience: 5, cooldown: 5)); })
            { Metrics = Metrics(20, i => 1.5 * Math.Pow(1.005, i)), ExpectedLr = G(Cat(Rep(0.5, 6), Rep(0.4, 14)), Cat(Rep(0.5, 6), Rep(0.3, 14))) };
            yield return new("test_reduce_lr_on_plateau_get_last_lr_before_step", "ReduceLROnPlateau(); get_last_lr() before a step", Half, 1,
                () => { var o = PlateauOpt(); var p = new ReduceLROnPlateau(o); return new Observed(p.LastLr.Select(v => new[] { v }).ToArray()); })
            { ExpectedLr = G(new[] { 0.5 }, new[] { 0.5 }) };
            foreach (bool list in new[] { false, true })
            {
                yield return new($"test_add_param_group_does_not_break_reduce_lr_on_plateau[min_lr={(list ? "list" : "scalar")}]",
                    $"ReduceLROnPlateau(mode='min', threshold_mode='rel', threshold=0.1, patience=5, cooldown=5, min_lr={(list ? "[1e-5, 1e-4]" : "0")}); a group (lr 0.05) added before epoch 8", Half, 20,
                    () =>
                    {
                        var o = PlateauOpt();
                        var p = list ? new ReduceLROnPlateau(o, threshold: 0.1, patience: 5, cooldown: 5, minLrs: new[] { 1e-5, 1e-4 })
                                     : new ReduceLROnPlateau(o, threshold: 0.1, patience: 5, cooldown: 5, minLr: 0);
                        var lr = new List<double>();
                        for (int e = 0; e < 20; e++)
                        {
                            if (e == 8)
                            {
                                o.AddParamGroup(0.05);
                                if (list) p.MinLrs.Add(1e-6);
                            }
                            p.Step(metrics7[e]);
                            lr.Add(o.Groups[0].Lr);
                        }
                        return new Observed(G(lr.ToArray()));
                    })
                { Metrics = metrics7, ExpectedLr = G(reduced), Note = "Only group 0 is checked (zip with one target list)." };
            }
            yield return new("test_lr_scheduler_checkpoint_on_plateau", "ReduceLROnPlateau(mode='min'); AdamW(lr=1e-3); step(1), then a new scheduler on the restored optimizer", new[] { 1e-3 }, 1,
                () => { var o = TorchOptimizer.Adam(1e-3); new ReduceLROnPlateau(o).Step(1); var o2 = o.Clone(); return new Observed(G(new[] { new ReduceLROnPlateau(o2).LastLr[0] })); })
            {
                Kind = Expectation.SelfConsistent,
                Compare = () => { var o = TorchOptimizer.Adam(1e-3); new ReduceLROnPlateau(o).Step(1); return Protocols.Now(o); },
            };
        }

        private static IEnumerable<TorchCase> Compounds()
        {
            yield return new("test_compound_step_and_multistep_lr", "StepLR(gamma=0.1, step_size=3) + MultiStepLR(gamma=0.1, milestones=[2, 5, 9])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new StepLR(o, 3, 0.1), new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1)); })
            { ExpectedLr = G(Cat(Rep(0.05, 2), Rep(0.005, 1), Rep(5e-4, 2), new[] { 5e-5 }, Rep(5e-6, 3), new[] { 5e-8 })) };
            double[] stepExp = Cat(Range(3, x => 0.05 * Math.Pow(0.9, x)), Range(3, 6, x => 0.005 * Math.Pow(0.9, x)),
                Range(6, 9, x => 0.0005 * Math.Pow(0.9, x)), Range(9, 12, x => 0.00005 * Math.Pow(0.9, x)));
            yield return new("test_compound_step_and_exp_lr", "StepLR(gamma=0.1, step_size=3) + ExponentialLR(gamma=0.9)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new StepLR(o, 3, 0.1), new ExponentialLR(o, 0.9)); }) { ExpectedLr = TenTimes(stepExp) };
            double[] expMulti = Cat(Range(2, x => 0.05 * Math.Pow(0.9, x)), Range(2, 5, x => 0.005 * Math.Pow(0.9, x)),
                Range(5, 9, x => 0.0005 * Math.Pow(0.9, x)), Range(9, 11, x => 0.00005 * Math.Pow(0.9, x)));
            yield return new("test_compound_exp_and_multistep_lr", "MultiStepLR(gamma=0.1, milestones=[2, 5, 9]) + ExponentialLR(gamma=0.9)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1), new ExponentialLR(o, 0.9)); }) { ExpectedLr = TenTimes(expMulti) };
            double[] expLinear = Range(11, x => 0.05 * Math.Pow(0.9, x));
            for (int i = 0; i < 4; i++) expLinear[i] *= 0.4 + i / 4.0 * (0.9 - 0.4);
            for (int i = 4; i < 11; i++) expLinear[i] *= 0.9;
            yield return new("test_compound_exp_and_linearlr", "LinearLR(start_factor=0.4, end_factor=0.9, total_iters=4) + ExponentialLR(gamma=0.9)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new LinearLR(o, 0.4, 0.9, 4), new ExponentialLR(o, 0.9)); }) { ExpectedLr = TenTimes(expLinear) };
            yield return new("test_compound_step_and_constantlr", "StepLR(gamma=0.1, step_size=3) + ConstantLR(factor=0.4, total_iters=4)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new StepLR(o, 3, 0.1), new ConstantLR(o, 0.4, 4)); })
            { ExpectedLr = TenTimes(Cat(Rep(0.05 * 0.4, 3), new[] { 0.005 * 0.4 }, Rep(0.005, 2), Rep(0.0005, 3), Rep(0.00005, 3))) };
            double[] linMulti = Cat(Rep(0.05, 2), Rep(0.005, 3), Rep(0.0005, 4), Rep(0.00005, 2));
            for (int i = 0; i < 4; i++) linMulti[i] *= 0.4 + i / 4.0 * (1 - 0.4);
            yield return new("test_compound_linearlr_and_multistep_lr", "MultiStepLR(gamma=0.1, milestones=[2, 5, 9]) + LinearLR(start_factor=0.4, total_iters=4)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1), new LinearLR(o, 0.4, 1.0, 4)); }) { ExpectedLr = TenTimes(linMulti) };

            double[] cos = Range(10, x => Cos(x, 10));
            const string cosSlack = "The file multiplies the closed-form cosine by the other factor; PyTorch's chainable cosine subtracts and re-adds the absolute eta_min=1e-10 at every step, so each value differs by at most (1 + product of the other factors) x eta_min; group 2 as for test_cos_anneal_lr.";
            yield return new("test_compound_cosanneal_and_step_lr", "CosineAnnealingLR(T_max=10, eta_min=1e-10) + StepLR(gamma=0.1, step_size=3)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new CosineAnnealingLR(o, 10, EtaMin), new StepLR(o, 3, 0.1)); })
            { ExpectedLr = TenTimes(cos.Select((x, i) => x * Math.Pow(0.1, i / 3)).ToArray()), LiteralSlack = 10 * EtaMin, Note = cosSlack };
            double[] mult = Cat(Rep(1, 2), Rep(0.1, 3), Rep(0.01, 4), new[] { 0.001 });
            yield return new("test_compound_cosanneal_and_multistep_lr", "CosineAnnealingLR(T_max=10, eta_min=1e-10) + MultiStepLR(gamma=0.1, milestones=[2, 5, 9])", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new CosineAnnealingLR(o, 10, EtaMin), new MultiStepLR(o, new long[] { 2, 5, 9 }, 0.1)); })
            { ExpectedLr = TenTimes(cos.Zip(mult)), LiteralSlack = 10 * EtaMin, Note = cosSlack };
            double[] cosLin = (double[])cos.Clone();
            for (int i = 0; i < 4; i++) cosLin[i] *= 0.4 + i / 4.0 * (1 - 0.4);
            yield return new("test_compound_cosanneal_and_linearlr", "LinearLR(start_factor=0.4, total_iters=4) + CosineAnnealingLR(T_max=10, eta_min=1e-10)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new LinearLR(o, 0.4, 1.0, 4), new CosineAnnealingLR(o, 10, EtaMin)); })
            { ExpectedLr = TenTimes(cosLin), LiteralSlack = 10 * EtaMin, Note = cosSlack };
            yield return new("test_compound_cosanneal_and_exp_lr", "CosineAnnealingLR(T_max=10, eta_min=1e-10) + ExponentialLR(gamma=0.1)", Two, 10,
                () => { var o = Opt(); return Protocols.Test(o, 10, new CosineAnnealingLR(o, 10, EtaMin), new ExponentialLR(o, 0.1)); })
            { ExpectedLr = TenTimes(cos.Zip(Range(10, i => Math.Pow(0.1, i)))), LiteralSlack = 10 * EtaMin, Note = cosSlack };

            const string none = "PyTorch's test asserts nothing: `targets = targets[1:]` leaves no target list to zip with the groups.";
            yield return new("test_compound_reduce_lr_on_plateau1", "ReduceLROnPlateau(threshold_mode='abs', mode='min', threshold=0.01, patience=5, cooldown=5) + StepLR(gamma=0.1, step_size=3); groups 0.5, 0.5", Half, 10,
                () => { var o = PlateauOpt(); var p = new ReduceLROnPlateau(o, rel: false, threshold: 0.01, patience: 5, cooldown: 5); return Protocols.Plateau(o, Range(20, i => 10 - i * 0.0167), 10, p, new StepLR(o, 3, 0.1)); })
            { Metrics = Range(20, i => 10 - i * 0.0167), Kind = Expectation.None, Note = none };
            yield return new("test_compound_reduce_lr_on_plateau2", "ReduceLROnPlateau(patience=5, cooldown=0, threshold_mode='abs', mode='min', threshold=0.1) + MultiStepLR(gamma=0.1, milestones=[3, 8, 12])", Half, 22,
                () => { var o = PlateauOpt(); var p = new ReduceLROnPlateau(o, patience: 5, cooldown: 0, rel: false, threshold: 0.1); return Protocols.Plateau(o, Range(22, i => 10 - i * 0.0165), 22, p, new MultiStepLR(o, new long[] { 3, 8, 12 }, 0.1)); })
            { Metrics = Range(22, i => 10 - i * 0.0165), Kind = Expectation.None, Note = none };
            yield return new("test_compound_reduce_lr_on_plateau3", "ReduceLROnPlateau(mode='max', patience=5, cooldown=5, threshold_mode='abs') + ExponentialLR(gamma=0.1)", Half, 22,
                () => { var o = PlateauOpt(); var p = new ReduceLROnPlateau(o, max: true, patience: 5, cooldown: 5, rel: false); return Protocols.Plateau(o, Cat(Rep(-0.8, 2), Rep(-0.234, 20)), 22, p, new ExponentialLR(o, 0.1)); })
            { Metrics = Cat(Rep(-0.8, 2), Rep(-0.234, 20)), Kind = Expectation.None, Note = none };
            yield return new("test_compound_reduce_lr_on_plateau4", "ReduceLROnPlateau(mode='max', patience=3, threshold_mode='rel', threshold=0.1) + CosineAnnealingLR(T_max=10, eta_min=1e-10); groups 0.05, 0.05", new[] { 0.05, 0.05 }, 10,
                () => { var o = PlateauOpt(0.05); var p = new ReduceLROnPlateau(o, max: true, patience: 3, threshold: 0.1); return Protocols.Plateau(o, Range(20, i => 1.5 * Math.Pow(1.025, i)), 10, p, new CosineAnnealingLR(o, 10, EtaMin)); })
            { Metrics = Range(20, i => 1.5 * Math.Pow(1.025, i)), Kind = Expectation.None, Note = none };
            yield return new("test_compound_reduce_lr_on_plateau5", "ReduceLROnPlateau(patience=5, cooldown=0, threshold_mode='abs', mode='min', threshold=0.1) + LinearLR(start_factor=0.4, total_iters=4)", Half, 22,
                () => { var o = PlateauOpt(); var p = new ReduceLROnPlateau(o, patience: 5, cooldown: 0, rel: false, threshold: 0.1); return Protocols.Plateau(o, Range(22, i => 10 - i * 0.0165), 22, p, new LinearLR(o, 0.4, 1.0, 4)); })
            { Metrics = Range(22, i => 10 - i * 0.0165), Kind = Expectation.None, Note = none };
        }

        private static IEnumerable<TorchCase> Cyclics()
        {
            double[] tri = { 1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3 };
            double[] triM = { 5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3 };
            double[] tri2 = { 1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.50, 1.75, 2.00, 1.75 };
            double[] tri2M = { 5.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 4.5, 4.0, 3.5, 3.0, 3.5, 4.0, 4.5, 5.0, 4.75, 4.5, 4.25, 4.0, 4.25 };
            double[] xs = { 0, 0.25, 0.5, 0.75, 1, 0.75, 0.50, 0.25, 0, 0.25, 0.5, 0.75, 1 };
            double[] ExpLr(double b, double m, double[] x) => x.Select((v, i) => b + v * (m - b) * Math.Pow(0.9, i)).ToArray();
            double[] ExpM(double b, double m, double[] x) => x.Select((v, i) => m - v * (m - b) * Math.Pow(0.9, i)).ToArray();
            double[] One(double v) => new[] { v };

            yield return new("test_cycle_lr_triangular_mode_one_lr", "CyclicLR(base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=True, base_momentum=1, max_momentum=5, mode='triangular')", Two, tri.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, tri.Length, new CyclicLR(o, One(1), One(5), 4, baseMomentum: One(1), maxMomentum: One(5))); })
            { ExpectedLr = G(tri, tri), ExpectedMomentum = G(triM, triM) };
            yield return new("test_cycle_lr_triangular_mode_one_lr_no_momentum", "CyclicLR(base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=False, mode='triangular')", Two, tri.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, tri.Length, new CyclicLR(o, One(1), One(5), 4, cycleMomentum: false)); })
            { ExpectedLr = G(tri, tri), ExpectedMomentum = G(Rep(0, tri.Length), Rep(0, tri.Length)), Note = "Momentum stays at SGD's default 0." };
            yield return new("test_cycle_lr_triangular2_mode_one_lr", "CyclicLR(base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=True, base_momentum=1, max_momentum=5, mode='triangular2')", Two, tri2.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, tri2.Length, new CyclicLR(o, One(1), One(5), 4, mode: Reference.CyclicMode.Triangular2, baseMomentum: One(1), maxMomentum: One(5))); })
            { ExpectedLr = G(tri2, tri2), ExpectedMomentum = G(tri2M, tri2M) };
            yield return new("test_cycle_lr_exp_range_mode_one_lr", "CyclicLR(base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=True, base_momentum=1, max_momentum=5, mode='exp_range', gamma=0.9)", Two, xs.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, xs.Length, new CyclicLR(o, One(1), One(5), 4, mode: Reference.CyclicMode.ExpRange, gamma: 0.9, baseMomentum: One(1), maxMomentum: One(5))); })
            { ExpectedLr = G(ExpLr(1, 5, xs), ExpLr(1, 5, xs)), ExpectedMomentum = G(ExpM(1, 5, xs), ExpM(1, 5, xs)) };
            yield return new("test_cycle_lr_triangular_mode", "CyclicLR(base_lr=[1, 2], max_lr=[5, 6], step_size_up=4, cycle_momentum=True, base_momentum=[1, 2], max_momentum=[5, 6], mode='triangular')", Two, tri.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, tri.Length, new CyclicLR(o, new double[] { 1, 2 }, new double[] { 5, 6 }, 4, baseMomentum: new double[] { 1, 2 }, maxMomentum: new double[] { 5, 6 })); })
            { ExpectedLr = G(tri, tri.Select(x => x + 1).ToArray()), ExpectedMomentum = G(triM, triM.Select(x => x + 1).ToArray()) };
            yield return new("test_cycle_lr_triangular2_mode", "CyclicLR(base_lr=[1, 3], max_lr=[5, 7], step_size_up=4, cycle_momentum=True, base_momentum=[1, 3], max_momentum=[5, 7], mode='triangular2')", Two, tri2.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, tri2.Length, new CyclicLR(o, new double[] { 1, 3 }, new double[] { 5, 7 }, 4, mode: Reference.CyclicMode.Triangular2, baseMomentum: new double[] { 1, 3 }, maxMomentum: new double[] { 5, 7 })); })
            { ExpectedLr = G(tri2, tri2.Select(x => x + 2).ToArray()), ExpectedMomentum = G(tri2M, tri2M.Select(x => x + 2).ToArray()) };
            yield return new("test_cycle_lr_exp_range_mode", "CyclicLR(base_lr=[1, 5], max_lr=[5, 12], step_size_up=4, cycle_momentum=True, base_momentum=[1, 5], max_momentum=[5, 12], mode='exp_range', gamma=0.9)", Two, xs.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, xs.Length, new CyclicLR(o, new double[] { 1, 5 }, new double[] { 5, 12 }, 4, mode: Reference.CyclicMode.ExpRange, gamma: 0.9, baseMomentum: new double[] { 1, 5 }, maxMomentum: new double[] { 5, 12 })); })
            { ExpectedLr = G(ExpLr(1, 5, xs), ExpLr(5, 12, xs)), ExpectedMomentum = G(ExpM(1, 5, xs), ExpM(5, 12, xs)) };
            double[] upDown = { 1.0, 2.0, 3.0, 4.0, 5.0, 13.0 / 3, 11.0 / 3, 9.0 / 3, 7.0 / 3, 5.0 / 3, 1.0 };
            double[] upDownM = { 5.0, 4.0, 3.0, 2.0, 1.0, 5.0 / 3, 7.0 / 3, 3.0, 11.0 / 3, 13.0 / 3, 5.0 };
            yield return new("test_cycle_lr_triangular_mode_step_size_up_down", "CyclicLR(base_lr=1, max_lr=5, step_size_up=4, step_size_down=6, cycle_momentum=True, base_momentum=1, max_momentum=5, mode='triangular')", Two, upDown.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, upDown.Length, new CyclicLR(o, One(1), One(5), 4, 6, baseMomentum: One(1), maxMomentum: One(5))); })
            { ExpectedLr = G(upDown, upDown), ExpectedMomentum = G(upDownM, upDownM) };
            double[] t2 = { 1.0, 3.0, 5.0, 13.0 / 3, 11.0 / 3, 9.0 / 3, 7.0 / 3, 5.0 / 3, 1.0, 2.0, 3.0, 8.0 / 3, 7.0 / 3, 6.0 / 3, 5.0 / 3, 4.0 / 3, 1.0, 3.0 / 2, 2.0, 11.0 / 6, 10.0 / 6, 9.0 / 6, 8.0 / 6, 7.0 / 6 };
            double[] t2M = { 5.0, 3.0, 1.0, 5.0 / 3, 7.0 / 3, 3.0, 11.0 / 3, 13.0 / 3, 5.0, 4.0, 3.0, 10.0 / 3, 11.0 / 3, 4.0, 13.0 / 3, 14.0 / 3, 5.0, 4.5, 4.0, 25.0 / 6, 13.0 / 3, 4.5, 14.0 / 3, 29.0 / 6 };
            yield return new("test_cycle_lr_triangular2_mode_step_size_up_down", "CyclicLR(base_lr=[1, 3], max_lr=[5, 7], step_size_up=2, step_size_down=6, cycle_momentum=True, base_momentum=[1, 3], max_momentum=[5, 7], mode='triangular2')", Two, t2.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, t2.Length, new CyclicLR(o, new double[] { 1, 3 }, new double[] { 5, 7 }, 2, 6, Reference.CyclicMode.Triangular2, baseMomentum: new double[] { 1, 3 }, maxMomentum: new double[] { 5, 7 })); })
            { ExpectedLr = G(t2, t2.Select(x => x + 2).ToArray()), ExpectedMomentum = G(t2M, t2M.Select(x => x + 2).ToArray()) };
            double[] xs2 = { 0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6, 3.0 / 6, 2.0 / 6, 1.0 / 6, 0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6 };
            yield return new("test_cycle_lr_exp_range_mode_step_size_up_down", "CyclicLR(base_lr=1, max_lr=5, step_size_up=2, step_size_down=6, cycle_momentum=True, base_momentum=1, max_momentum=5, mode='exp_range', gamma=0.9)", Two, xs2.Length,
                () => { var o = Opt(); return Protocols.Cycle(o, xs2.Length, new CyclicLR(o, One(1), One(5), 2, 6, Reference.CyclicMode.ExpRange, 0.9, baseMomentum: One(1), maxMomentum: One(5))); })
            { ExpectedLr = G(ExpLr(1, 5, xs2), ExpLr(1, 5, xs2)), ExpectedMomentum = G(ExpM(1, 5, xs2), ExpM(1, 5, xs2)) };
            yield return new("test_cycle_lr_with_momentumless_optimizer", "CyclicLR(base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=False, mode='triangular'); Adam, groups 0.05, 0.5", Two, tri.Length,
                () => { var o = TorchOptimizer.Adam(0.05, 0.5); return Protocols.Cycle(o, tri.Length, new CyclicLR(o, One(1), One(5), 4, cycleMomentum: false)); })
            { ExpectedLr = G(tri, tri), Note = "Adam has no 'momentum' key, so momentum is not checked." };
            yield return new("test_cycle_lr_cycle_momentum_with_beta1_optimizer", "CyclicLR(base_lr=1, max_lr=5, cycle_momentum=True); Adam (beta1 cycled)", new[] { 1e-3 }, 10,
                () => { var o = TorchOptimizer.Adam(1e-3); return Protocols.Cycle(o, 10, new CyclicLR(o, One(1), One(5)), useBeta1: true); })
            { Kind = Expectation.None, Note = "PyTorch asserts only that construction succeeds." };
            yield return new("test_cosine_then_cyclic", "CosineAnnealingLR(T_max=20, eta_min=0.1) for 21 steps, then CyclicLR(base_lr=0.1, max_lr=0.3, step_size_up=1, step_size_down=3); SGD(lr=0.5), one group", new[] { 0.5 }, 40,
                () =>
                {
                    var o = TorchOptimizer.Sgd(0.5);
                    var cosine = new CosineAnnealingLR(o, 20, 0.1);
                    var cyclic = new CyclicLR(o, One(0.1), One(0.3), 1, 3);
                    var lr = new double[40];
                    for (int i = 0; i < 40; i++)
                    {
                        if (i <= 20) cosine.Step();
                        else cyclic.Step();
                        lr[i] = o.Groups[0].Lr;
                    }
                    return new Observed(G(lr));
                })
            { Kind = Expectation.Property, Property = r => r.Lr[0][^1] <= 0.3, Note = "pytorch#21965: asserts the last rate <= max_lr." };
        }

        private static IEnumerable<TorchCase> OneCycles()
        {
            static double AnnealCos(double start, double end, double pct) => end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1);
            double[] linear = { 1, 13, 25, 21.5, 18, 14.5, 11, 7.5, 4, 0.5 };
            double[] linearM = { 22, 11.5, 1, 4, 7, 10, 13, 16, 19, 22 };
            double[] One(double v) => new[] { v };
            yield return new("test_onecycle_lr_linear_annealing", "OneCycleLR(max_lr=25, final_div_factor=2, base_momentum=1, max_momentum=22, total_steps=10, anneal_strategy='linear')", Two, 10,
                () => { var o = Opt(); return Protocols.Cycle(o, 10, new OneCycleLR(o, One(25), 10, cosAnneal: false, baseMomentum: One(1), maxMomentum: One(22), finalDivFactor: 2)); })
            { ExpectedLr = G(linear, linear), ExpectedMomentum = G(linearM, linearM) };
            double[] three = { 1, 9, 17, 25, 17, 9, 1, 0.75, 0.5, 0.25 };
            double[] threeM = { 22, 15, 8, 1, 8, 15, 22, 22, 22, 22 };
            yield return new("test_onecycle_lr_linear_annealing_three_phases", "OneCycleLR(max_lr=25, div_factor=25, base_momentum=1, max_momentum=22, total_steps=10, anneal_strategy='linear', pct_start=0.4, final_div_factor=4, three_phase=True)", Two, 10,
                () => { var o = Opt(); return Protocols.Cycle(o, 10, new OneCycleLR(o, One(25), 10, 0.4, false, baseMomentum: One(1), maxMomentum: One(22), divFactor: 25, finalDivFactor: 4, threePhase: true)); })
            { ExpectedLr = G(three, three), ExpectedMomentum = G(threeM, threeM) };
            double[] cos = Cat(new double[] { 1, 13, 25 }, Range(1, 7, k => AnnealCos(25, 0.5, k / 7.0)), new[] { 0.5 });
            double[] cosM = Cat(new double[] { 22, 11.5, 1 }, Range(1, 7, k => AnnealCos(1, 22, k / 7.0)), new double[] { 22 });
            foreach (string name in new[] { "test_onecycle_lr_cosine_annealing", "test_onecycle_lr_legacy_state_dict" })
            {
                yield return new(name, "OneCycleLR(max_lr=25, final_div_factor=2, base_momentum=1, max_momentum=22, total_steps=10)", Two, 10,
                    () => { var o = Opt(); return Protocols.Cycle(o, 10, new OneCycleLR(o, One(25), 10, baseMomentum: One(1), maxMomentum: One(22), finalDivFactor: 2)); })
                { ExpectedLr = G(cos, cos), ExpectedMomentum = G(cosM, cosM), Note = name.Contains("legacy") ? "Same schedule after loading a state_dict without _anneal_func_type." : "" };
            }
            yield return new("test_cycle_lr_with_adam", "OneCycleLR(max_lr=25, final_div_factor=2, base_momentum=1, max_momentum=22, total_steps=10, anneal_strategy='linear'); Adam (beta1 cycled)", Two, 10,
                () => { var o = TorchOptimizer.Adam(0.05, 0.5); return Protocols.Cycle(o, 10, new OneCycleLR(o, One(25), 10, cosAnneal: false, baseMomentum: One(1), maxMomentum: One(22), finalDivFactor: 2), useBeta1: true); })
            { ExpectedLr = G(linear, linear), ExpectedMomentum = G(linearM, linearM) };
        }

        private static IEnumerable<TorchCase> WarmRestarts()
        {
            foreach (int tMult in new[] { 1, 2, 4 })
            {
                var t0 = new List<double> { 0.05 };
                var t1 = new List<double> { 0.5 };
                int ti = 10, tcur = 0;
                for (int k = 1; k < 100; k++)
                {
                    tcur += 1;
                    if (tcur >= ti) { tcur -= ti; ti = tMult * ti; }
                    t0.Add(EtaMin + (0.05 - EtaMin) * (1 + Math.Cos(Math.PI * tcur / ti)) / 2);
                    t1.Add(EtaMin + (0.5 - EtaMin) * (1 + Math.Cos(Math.PI * tcur / ti)) / 2);
                }
                int m = tMult;
                yield return new($"test_CosineAnnealingWarmRestarts_lr1[T_mult={m}]", $"CosineAnnealingWarmRestarts(T_0=10, T_mult={m}, eta_min=1e-10); step() x 100", Two, 100,
                    () => { var o = Opt(); return Protocols.Test(o, 100, new CosineAnnealingWarmRestarts(o, 10, m, EtaMin)); })
                { ExpectedLr = G(t0.ToArray(), t1.ToArray()) };
            }
            foreach (int tMult in new[] { 1, 2, 4 })
            {
                var t0 = new List<double> { 0.05 };
                var t1 = new List<double> { 0.5 };
                double ti = 10, tcur = 0;
                for (int k = 1; k < 300; k++) // torch.arange(0.1, 30, 0.1) has 299 elements
                {
                    tcur = Math.Round(tcur + 0.1, 1);
                    if (tcur >= ti) { tcur -= ti; ti = tMult * ti; }
                    t0.Add(EtaMin + (0.05 - EtaMin) * (1 + Math.Cos(Math.PI * tcur / ti)) / 2);
                    t1.Add(EtaMin + (0.5 - EtaMin) * (1 + Math.Cos(Math.PI * tcur / ti)) / 2);
                }
                int m = tMult;
                yield return new($"test_CosineAnnealingWarmRestarts_lr2[T_mult={m}]", $"CosineAnnealingWarmRestarts(T_0=10, T_mult={m}, eta_min=1e-10); step(epoch) for epoch in 0, 0.1, ..., 29.9", Two, 300,
                    () => { var o = Opt(); return Protocols.AtEpochs(o, Enumerable.Range(0, 300).Select(k => k / 10.0), new CosineAnnealingWarmRestarts(o, 10, m, EtaMin)); })
                { ExpectedLr = G(t0.ToArray(), t1.ToArray()), Note = "round(float32 arange value, 1) is the double nearest k/10, as k / 10.0 here." };
            }
            var epochsFor = new[]
            {
                new double[] { 0, 1, 2, 3, 4, 5, 12, 27, 3, 4, 5, 6, 13 },
                new double[] { 0, 1, 2, 3, 4, 5, 25, 32, 33, 34, 80, 81, 3 },
                new[] { 0, 0.1, 0.2, 0.3, 1.3, 2.3, 17.5, 18.5, 19.5, 29.5, 30.5, 31.5, 50 },
            };
            var tCurs = new[]
            {
                new double[] { 1, 2, 3, 4, 5, 2, 7, 3, 4, 5, 6, 3 },
                new double[] { 1, 2, 3, 4, 5, 15, 2, 3, 4, 10, 11, 3 },
                new[] { 0.1, 0.2, 0.3, 1.3, 2.3, 7.5, 8.5, 9.5, 19.5, 20.5, 21.5, 10 },
            };
            var tIs = new[]
            {
                new double[] { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 },
                new double[] { 10, 10, 10, 10, 10, 20, 40, 40, 40, 80, 80, 10 },
                new double[] { 10, 10, 10, 10, 10, 30, 30, 30, 30, 30, 30, 90 },
            };
            int[] mults = { 1, 2, 3 };
            for (int j = 0; j < 3; j++)
            {
                int m = mults[j];
                double[] epochs = epochsFor[j];
                double[] Targets(double top) => Cat(new[] { top }, tCurs[j].Select((c, i) => EtaMin + (top - EtaMin) * (1 + Math.Cos(Math.PI * c / tIs[j][i])) / 2).ToArray());
                yield return new($"test_CosineAnnealingWarmRestarts_lr3[T_mult={m}]", $"CosineAnnealingWarmRestarts(T_0=10, T_mult={m}, eta_min=1e-10); interleaved step(epoch) at [{string.Join(", ", epochs.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]", Two, epochs.Length,
                    () => { var o = Opt(); return Protocols.AtEpochs(o, epochs, new CosineAnnealingWarmRestarts(o, 10, m, EtaMin)); })
                { ExplicitEpochs = epochs, ExpectedLr = G(Targets(0.05), Targets(0.5)) };
            }
            yield return new("test_CosineAnnealingWarmRestarts_T_cur_reset", "CosineAnnealingWarmRestarts(T_0=4); T_cur set to 7, 8, 9 before each step()", Two, 3,
                () =>
                {
                    var o = Opt();
                    var s = new CosineAnnealingWarmRestarts(o, 4);
                    var tcur = new List<double>();
                    foreach (int e in new[] { 7, 8, 9 })
                    {
                        s.TCur = e;
                        s.Step();
                        tcur.Add(s.TCur);
                    }
                    return new Observed(G(), Other: tcur.ToArray());
                })
            { ExpectedOther = new double[] { (7 + 1) % 4, (8 + 1) % 4, (9 + 1) % 4 }, Note = "Asserts T_cur, not a rate." };
        }

        private static IEnumerable<TorchCase> Checkpoints()
        {
            var classes = new (string Name, Func<TorchOptimizer, long, LrScheduler> Make)[]
            {
                ("ExponentialLR(gamma=0.999)", (o, l) => new ExponentialLR(o, 0.999, l)),
                ("LambdaLR(lr_lambda=lambda epoch: epoch // 30)", (o, l) => new LambdaLR(o, new Func<long, double>[] { e => Reference.Py.FloorDiv(e, 30) }, l)),
                ("MultiplicativeLR(lr_lambda=lambda epoch: 0.95)", (o, l) => new MultiplicativeLR(o, new Func<long, double>[] { _ => 0.95 }, l)),
                ("StepLR(step_size=30)", (o, l) => new StepLR(o, 30, lastEpoch: l)),
                ("MultiStepLR(milestones=[30, 80])", (o, l) => new MultiStepLR(o, new long[] { 30, 80 }, lastEpoch: l)),
                ("ConstantLR()", (o, l) => new ConstantLR(o, lastEpoch: l)),
                ("LinearLR()", (o, l) => new LinearLR(o, lastEpoch: l)),
                ("PolynomialLR()", (o, l) => new PolynomialLR(o, lastEpoch: l)),
                ("CosineAnnealingLR(T_max=10)", (o, l) => new CosineAnnealingLR(o, 10, lastEpoch: l)),
                ("CosineAnnealingWarmRestarts(T_0=20)", (o, l) => new CosineAnnealingWarmRestarts(o, 20, lastEpoch: l)),
                ("CyclicLR(base_lr=0.01, max_lr=0.1)", (o, l) => new CyclicLR(o, new[] { 0.01 }, new[] { 0.1 }, lastEpoch: l)),
                ("OneCycleLR(max_lr=0.01, total_steps=10)", (o, l) => new OneCycleLR(o, new[] { 0.01 }, 10, lastEpoch: l)),
            };
            foreach (var (config, make) in classes)
            {
                yield return new($"test_lr_scheduler_checkpoint[{config}]", config + "; AdamW(lr=1e-3); one step, then a new scheduler with last_epoch=0 on the restored optimizer", new[] { 1e-3 }, 1,
                    () => { var o = TorchOptimizer.Adam(1e-3); make(o, -1).Step(); var s2 = make(o.Clone(), 0); return new Observed(G(new[] { s2.LastLr[0] })); })
                {
                    Kind = Expectation.SelfConsistent,
                    Compare = () => { var o = TorchOptimizer.Adam(1e-3); make(o, -1).Step(); return Protocols.Now(o); },
                    Note = "Resume: the initial step of a scheduler built with last_epoch=0 must not move the restored rate.",
                };
            }
        }
    }
}
