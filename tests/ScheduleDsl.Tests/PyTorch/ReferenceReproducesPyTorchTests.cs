using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Tests.PyTorch.Reference;
using Xunit;
using Xunit.Sdk;

namespace ScheduleDsl.Tests.PyTorch
{
    /// <summary>Validates the reference on its own: it reproduces every expectation of PyTorch's
    /// test_lrscheduler.py (literal lists to 1e-12 + 1e-9 x |expected|).</summary>
    public class ReferenceReproducesPyTorchTests
    {
        internal static IEnumerable<object[]> Cases(Expectation kind) =>
            TorchTestCatalogue.All.Where(c => c.Kind == kind).Select(c => new object[] { c.Test });

        public static IEnumerable<object[]> LiteralCases => Cases(Expectation.Literal);
        public static IEnumerable<object[]> SelfConsistentCases => Cases(Expectation.SelfConsistent);
        public static IEnumerable<object[]> PropertyCases => Cases(Expectation.Property);
        public static IEnumerable<object[]> UnassertedCases => Cases(Expectation.None);

        internal static bool Close(double expected, double actual, double slack = 0) =>
            Math.Abs(expected - actual) <= 1e-12 + 1e-9 * Math.Abs(expected) + slack || expected.Equals(actual);

        /// <summary>Compares the first <paramref name="count"/> values of each expected group list (PyTorch zips groups with targets).</summary>
        internal static void AssertGroups(string what, double[][] expected, double[][] actual, int count, double slack = 0)
        {
            Assert.True(actual.Length >= expected.Length, $"{what}: {expected.Length} target lists but {actual.Length} groups.");
            for (int g = 0; g < expected.Length; g++)
            {
                Assert.True(actual[g].Length >= count, $"{what}: group {g} has {actual[g].Length} values, {count} checked.");
                Assert.True(expected[g].Length >= count, $"{what}: the target list of group {g} has {expected[g].Length} values, {count} checked.");
                for (int k = 0; k < count; k++)
                {
                    if (!Close(expected[g][k], actual[g][k], slack))
                        throw new XunitException($"{what}: group {g}, index {k}: expected {expected[g][k]:R}, got {actual[g][k]:R} (difference {Math.Abs(expected[g][k] - actual[g][k]):R}, slack {slack:R}).");
                }
            }
        }

        [Theory]
        [MemberData(nameof(LiteralCases))]
        public void Reference_reproduces_the_literal_targets(string test)
        {
            TorchCase c = TorchTestCatalogue.Get(test);
            Observed o = c.Run();
            if (c.ExpectedLr is { } lr) AssertGroups(test + " lr", lr, o.Lr, c.Epochs, c.LiteralSlack);
            if (c.ExpectedMomentum is { } m) AssertGroups(test + " momentum", m, o.Momentum!, c.Epochs);
            if (c.ExpectedOther is { } other) AssertGroups(test, new[] { other }, new[] { o.Other! }, other.Length);
            Assert.True(c.ExpectedLr is not null || c.ExpectedOther is not null, $"{test}: a literal case without targets.");
        }

        /// <summary>The slack a few literal lists need is real (the reference departs from them), not a blanket
        /// allowance: without it they fail, and the reference still matches each list's first value exactly.</summary>
        [Fact]
        public void Slack_is_needed_exactly_where_it_is_declared()
        {
            foreach (TorchCase c in TorchTestCatalogue.All.Where(c => c.LiteralSlack > 0))
            {
                Observed o = c.Run();
                Assert.Throws<XunitException>(() => AssertGroups(c.Test, c.ExpectedLr!, o.Lr, c.Epochs));
                Assert.False(string.IsNullOrEmpty(c.Note));
            }
        }

        /// <summary>test_cos_anneal_lr's group 2 with PyTorch's absolute eta_min matches strictly: the departure from
        /// the file's list is exactly the scaled eta_min.</summary>
        [Fact]
        public void Cosine_group_two_uses_the_absolute_eta_min()
        {
            Observed o = TorchTestCatalogue.Get("test_cos_anneal_lr").Run();
            double[] absolute = Enumerable.Range(0, 10).Select(x => 1e-10 + (0.5 - 1e-10) * (1 + Math.Cos(Math.PI * x / 10)) / 2).ToArray();
            AssertGroups("group 2", new[] { absolute }, new[] { o.Lr[1] }, 10);
        }

        [Theory]
        [MemberData(nameof(SelfConsistentCases))]
        public void Reference_is_self_consistent_where_the_test_compares_two_runs(string test)
        {
            TorchCase c = TorchTestCatalogue.Get(test);
            Observed actual = c.Run(), expected = c.Compare!();
            AssertGroups(test, expected.Lr, actual.Lr, actual.Lr[0].Length);
        }

        [Theory]
        [MemberData(nameof(PropertyCases))]
        public void Reference_has_the_asserted_property(string test)
        {
            TorchCase c = TorchTestCatalogue.Get(test);
            Assert.True(c.Property!(c.Run()), $"{test}: {c.Note}");
        }

        [Theory]
        [MemberData(nameof(UnassertedCases))]
        public void Reference_runs_the_configurations_PyTorch_does_not_assert(string test)
        {
            TorchCase c = TorchTestCatalogue.Get(test);
            Observed o = c.Run();
            Assert.All(o.Lr, g => Assert.Equal(c.Epochs, g.Length));
            Assert.All(o.Lr.SelectMany(g => g), v => Assert.True(double.IsFinite(v) && v >= 0, $"{test}: rate {v}"));
        }

        [Fact]
        public void Catalogue_names_are_unique_and_cover_every_scheduler_class()
        {
            Assert.Equal(TorchTestCatalogue.All.Count, TorchTestCatalogue.All.Select(c => c.Test).Distinct().Count());
            string[] classes = { "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR",
                "CosineAnnealingLR", "ReduceLROnPlateau", "CyclicLR", "OneCycleLR", "CosineAnnealingWarmRestarts", "SequentialLR", "ChainedScheduler" };
            foreach (string cls in classes)
                Assert.Contains(TorchTestCatalogue.All, c => c.Config.Contains(cls + "("));
        }

        // ---- quirks pinned independently of the file ----

        [Fact]
        public void Warm_restarts_period_uses_pythons_log_which_rounds_down_at_243()
        {
            // int(math.log(243, 3)) is 4 in Python (log(243)/log(3) = 4.999...): epoch 121 of T_0=1, T_mult=3
            // lands at the end of the previous period, i.e. at eta_min, not at the restart.
            Assert.True(Py.Log(243, 3) < 5);
            var o = TorchOptimizer.Sgd(1.0);
            var s = new CosineAnnealingWarmRestarts(o, 1, 3, 0.0);
            s.Step(121);
            Assert.Equal(81, s.Ti);
            Assert.Equal(81.0, s.TCur, 12);
            Assert.True(o.Groups[0].Lr < 1e-15);
        }

        [Fact]
        public void Chainable_cosine_adds_the_special_step_after_each_minimum()
        {
            // T_max=2: at last_epoch 3, (3 - 1 - 2) % 4 == 0 takes the branch that avoids 0/0.
            var o = TorchOptimizer.Sgd(1.0);
            var s = new CosineAnnealingLR(o, 2, 0.0);
            s.Step(); s.Step(); s.Step();
            Assert.Equal(0.5, o.Groups[0].Lr, 15);
        }

        [Fact]
        public void Resuming_without_initial_lr_is_refused_as_in_pytorch()
        {
            var o = TorchOptimizer.Sgd(0.1);
            var e = Assert.Throws<KeyNotFoundException>(() => new StepLR(o, 3, 0.1, lastEpoch: 1));
            Assert.Contains("initial_lr", e.Message);
        }

        [Fact]
        public void Plateau_list_of_minimums_refuses_an_added_group()
        {
            // test_add_param_group_errors_reduce_lr_on_plateau
            var o = TorchOptimizer.Sgd(0.05, 0.5);
            var p = new ReduceLROnPlateau(o, threshold: 1e-5, patience: 0, cooldown: 0, minLrs: new[] { 1e-5, 1e-4 });
            o.AddParamGroup(0.05);
            p.Step(1);
            var e = Assert.Throws<InvalidOperationException>(() => p.Step(1.3));
            Assert.Contains("number of param groups", e.Message);
        }
    
        [Fact]
        public void MultiStep_counts_a_repeated_milestone_twice_in_both_forms()
        {
            // milestones are a Counter: [2, 2, 5] applies gamma^2 at epoch 2 (chainable) and bisect_right counts both (closed form).
            var o = TorchOptimizer.Sgd(1.0);
            var s = new MultiStepLR(o, new long[] { 2, 5, 2 }, 0.5);
            s.Step(); s.Step();
            Assert.Equal(0.25, o.Groups[0].Lr);
            var c = TorchOptimizer.Sgd(1.0);
            new MultiStepLR(c, new long[] { 2, 5, 2 }, 0.5).Step(5);
            Assert.Equal(0.125, c.Groups[0].Lr);
        }

        [Fact]
        public void Custom_scale_fn_reproduces_the_built_in_modes()
        {
            // triangular2 is scale_fn 1/2^(x-1) on the cycle number; exp_range is gamma^x on the iteration.
            double[] Run(Func<TorchOptimizer, LrScheduler> make)
            {
                var o = TorchOptimizer.Sgd(0.05);
                return Protocols.Cycle(o, 30, make(o)).Lr[0];
            }
            double[] one = { 1 }, five = { 5 };
            Assert.Equal(Run(o => new CyclicLR(o, one, five, 4, mode: Reference.CyclicMode.Triangular2)),
                Run(o => new CyclicLR(o, one, five, 4, scaleFn: x => 1 / Math.Pow(2.0, x - 1), scaleModeCycle: true)));
            Assert.Equal(Run(o => new CyclicLR(o, one, five, 3, 5, Reference.CyclicMode.ExpRange, 0.9)),
                Run(o => new CyclicLR(o, one, five, 3, 5, scaleFn: x => Math.Pow(0.9, x), scaleModeCycle: false)));
            // The same function on the cycle number instead of the iteration gives other rates.
            Assert.NotEqual(Run(o => new CyclicLR(o, one, five, 3, 5, Reference.CyclicMode.ExpRange, 0.9)),
                Run(o => new CyclicLR(o, one, five, 3, 5, scaleFn: x => Math.Pow(0.9, x), scaleModeCycle: true)));
        }

        [Fact]
        public void SequentialLR_hands_over_with_the_closed_form_at_zero_after_undoing_construction_steps()
        {
            // ConstantLR(0.5) built second halves the rate at construction; SequentialLR resets the rate to initial_lr,
            // undoes every construction step, and at the milestone calls _update_lr(0) on the second scheduler.
            var o = TorchOptimizer.Sgd(1.0);
            var first = new ExponentialLR(o, 0.5);
            var second = new ConstantLR(o, 0.5, 2);
            Assert.Equal(0.5, o.Groups[0].Lr);
            var seq = new SequentialLR(o, new LrScheduler[] { first, second }, new long[] { 2 });
            Assert.Equal(1.0, o.Groups[0].Lr);
            Assert.Equal(-1, second.LastEpoch);
            seq.Step(); // exponential
            seq.Step(); // milestone: closed form of ConstantLR at epoch 0 from base_lr
            Assert.Equal(0.5, o.Groups[0].Lr);
            Assert.Equal(0, second.LastEpoch);
            seq.Step(); seq.Step(); // ConstantLR reaches total_iters: rate / factor
            Assert.Equal(1.0, o.Groups[0].Lr);
        }
    }
}
