using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using CoreCyclicMode = ScheduleDsl.CyclicMode;

namespace ScheduleDsl.Tests.PyTorch
{
    /// <summary>Whether today's public API (a <see cref="ScheduleDefinition"/> run by <c>new Schedule(definition)</c>)
    /// can express a catalogued PyTorch configuration.</summary>
    internal enum Coverage
    {
        /// <summary>Every group the configuration runs gives PyTorch's values.</summary>
        Yes,
        /// <summary>Only group 0 can be expressed (e.g. PyTorch's absolute eta_min is scaled per group by the core).</summary>
        GroupZeroOnly,
        /// <summary>Expressible only by a workaround (a rescaled peak, <c>Compiled.FactorAt(t)</c> for explicit epochs).</summary>
        Workaround,
        /// <summary>Not expressible today: the to-do of issue 11.</summary>
        No,
        /// <summary>Expressed, with a documented deliberate difference from PyTorch (docs/schedule-semantics.md), measured by a test.</summary>
        DeliberateDifference,
        /// <summary>The test checks PyTorch machinery (resume protocol, internal counters), not a schedule.</summary>
        NotApplicable,
    }

    /// <summary>How the core is driven to reproduce a catalogued run.</summary>
    internal enum Drive
    {
        /// <summary>Index k = rate after k <c>Advance()</c> calls (PyTorch's _test, _test_with_epoch, _test_cycle_lr).</summary>
        PerStep,
        /// <summary>Index k = rate after k + 1 <c>Advance()</c> calls (the chainable side of the closed-form tests).</summary>
        FromStepOne,
        /// <summary><c>SetTime(t)</c> at the case's explicit epochs, then read (PyTorch's <c>step(epoch)</c>).</summary>
        AtTimes,
        /// <summary>Built at tick 1 in one call (<c>new Schedule(definition, startStep: 1)</c>), then read: PyTorch's resume with <c>last_epoch=0</c>.</summary>
        ResumeAtOne,
        /// <summary>Each epoch: <c>ReportMetric(metric)</c>, then <c>Advance()</c>, then read.</summary>
        Plateau,
    }

    /// <summary>The mapping of one catalogued configuration to ScheduleDsl.</summary>
    internal sealed record CoreCase(string Test, Coverage Status, string Note)
    {
        public Func<ScheduleDefinition>? Definition { get; init; }
        public Drive Drive { get; init; } = Drive.PerStep;
        public int? StepsPerEpoch { get; init; }
        public double[]? Times { get; init; }
        /// <summary>The base rate given to <c>GroupRate</c> per group (default: the case's initial group rates).</summary>
        public double[]? Bases { get; init; }
        /// <summary>(base, max) momentum when the case checks momentum.</summary>
        public (double Base, double Max)? Momentum { get; init; }
        /// <summary>Per-group (base, max) momentum (PyTorch's lists), read with each group's pair; overrides <see cref="Momentum"/>.</summary>
        public (double Base, double Max)[]? GroupMomentum { get; init; }
        /// <summary>The delegates bound to the definition's custom factors (<c>customFactors:</c>).</summary>
        public Func<IReadOnlyDictionary<string, RuntimeFactor>>? CustomFactors { get; init; }
        /// <summary>Per-group values (<c>groups:</c>); the rates are then read with <c>RateOfGroup(g)</c>.</summary>
        public Func<IReadOnlyList<ParamGroup>>? Groups { get; init; }
        /// <summary>Only group 0 is compared (true for <see cref="Coverage.GroupZeroOnly"/>).</summary>
        public bool GroupZero { get; init; } = Status == Coverage.GroupZeroOnly;
        public override string ToString() => Test;
    }

    internal static class CoreMapping
    {
        private static ScheduleDefinition E(double lr, params ScheduleComponent[] c) => ScheduleDefinition.Create(lr, TimeUnit.Epochs, null, c);
        private static ScheduleDefinition S(double lr, double? steps, params ScheduleComponent[] c) => ScheduleDefinition.Create(lr, TimeUnit.Steps, steps, c);
        private static EquatableArray<double> Ms(params double[] m) => new(m);
        // PyTorch's per-group semantics: eta_min / min_lr the same absolute rate for every group.
        private static ScheduleDefinition Abs(ScheduleDefinition d) => d with { Minimums = MinimumScaling.Absolute };
        private static IReadOnlyDictionary<string, RuntimeFactor> Bind(string name, RuntimeFactor f) => new Dictionary<string, RuntimeFactor> { [name] = f };
        private const string AbsoluteNote = "Minimums = MinimumScaling.Absolute (PyTorch's eta_min for every group)";

        private const string Phases = "[Steps] [LearningRate(0.5)] [Cosine(MinLr = 0.1, Period = 20, Until = 22)] [Cyclic(0.1, 1, StepSizeDown = 3, MaxLr = 0.3, From = 22, StartAt = 1)]. PyTorch's test steps both schedulers by hand after building them: the cosine runs 21 steps (the last one its T_max+1 value 0.1 + 0.4 (1 - cos(pi/20)) / 2, which the closed form gives), and the CyclicLR spent its epoch 0 at construction, so it enters at its epoch 1 at step 22 (StartAt = 1). SequentialLR([cosine, cyclic], milestones=[21]) is the windows Until = 21, From = 21 without StartAt (WindowedMomentumTests); Cosine_then_cyclic_needs_StartAt pins the difference.";
        private const string CosineChain = "deliberate difference (docs/schedule-semantics.md): PyTorch's chainable cosine subtracts and re-adds the absolute eta_min around the other schedulers' factors (a recursion); the core multiplies closed forms. Measured by Chained_cosine_differs_by_at_most_twice_eta_min: the file's targets (the closed-form product) are met for group 0, PyTorch's values within 2 x eta_min (2e-10), above 1e-12 + 1e-9|x|";
        private const string Resume = "Tests PyTorch's resume protocol for ReduceLROnPlateau (a new scheduler on the restored optimizer keeps the restored rate); the core resumes through ScheduleState or new Schedule(definition, startStep: k).";

        public static IReadOnlyList<CoreCase> All { get; } = Build().ToList();

        public static CoreCase Get(string test) => All.Single(c => c.Test == test);

        private static IEnumerable<CoreCase> Build()
        {
            // StepLR / MultiStepLR
            foreach (string t in new[] { "test_step_lr" })
                yield return new(t, Coverage.Yes, "[StepDecay(3)]") { Definition = () => E(0.05, new StepDecayShape(3, 0.1)) };
            yield return new("test_get_last_lr_step_lr", Coverage.Yes, "[StepDecay(3)]") { Definition = () => E(0.1, new StepDecayShape(3, 0.1)) };
            foreach (string t in new[] { "test_get_last_lr_multi_step_lr", "test_multi_step_lr", "test_multi_step_lr_with_epoch" })
                yield return new(t, Coverage.Yes, "[MultiStep(2, 5, 9)]") { Definition = () => E(0.05, new MultiStepShape(Ms(2, 5, 9), 0.1)) };

            // ConstantLR / LinearLR
            foreach (string t in new[] { "test_get_last_lr_constantlr", "test_constantlr", "test_constantlr_with_epoch" })
                yield return new(t, Coverage.Yes, "[Warmup(5, Kind = Constant, StartFactor = 0.5)]") { Definition = () => E(0.05, new WarmupPhase(5, WarmupKind.Constant, 0.5)) };
            yield return new("test_get_last_lr_linearlr", Coverage.Yes, "[LinearDecay(StartFactor = 0.25, EndFactor = 0.6, TotalIters = 4)]")
            { Definition = () => E(0.05, new LinearDecayShape(0.25, 0.6, 4)) };
            foreach (string t in new[] { "test_linearlr", "test_linearlr_with_epoch" })
                yield return new(t, Coverage.Yes, "[Warmup(4, StartFactor = 0.5)]") { Definition = () => E(0.05, new WarmupPhase(4, WarmupKind.Linear, 0.5)) };

            // ExponentialLR / PolynomialLR / CosineAnnealingLR
            yield return new("test_exp_lr", Coverage.Yes, "[Exponential(0.9)]") { Definition = () => E(0.05, new ExponentialShape(0.9)) };
            yield return new("test_poly_lr", Coverage.Yes, "[Polynomial(Power = 0.9, TotalIters = 5)]") { Definition = () => E(0.05, new PolynomialShape(0.9, 0, 5)) };
            yield return new("test_cos_anneal_lr", Coverage.Yes, "[LearningRate(0.05, Minimums = Absolute)] [Cosine(MinLr = 1e-10, Period = 10)]; " + AbsoluteNote) { Definition = () => Abs(E(0.05, new CosineShape(1e-10, 10))) };

            // closed form vs chainable: the core is compared with the chainable run at epochs 1..20
            yield return new("test_closed_form_step_lr", Coverage.Yes, "[StepDecay(3)]") { Definition = () => E(0.05, new StepDecayShape(3, 0.1)), Drive = Drive.FromStepOne };
            yield return new("test_closed_form_linearlr", Coverage.Yes, "[LinearDecay(StartFactor = 1/3, EndFactor = 0.7, TotalIters = 4)]") { Definition = () => E(0.05, new LinearDecayShape(1.0 / 3, 0.7, 4)), Drive = Drive.FromStepOne };
            yield return new("test_closed_form_constantlr", Coverage.Yes, "[Warmup(4, Kind = Constant, StartFactor = 1/3)]") { Definition = () => E(0.05, new WarmupPhase(4, WarmupKind.Constant, 1.0 / 3)), Drive = Drive.FromStepOne };
            yield return new("test_closed_form_multi_step_lr", Coverage.Yes, "[MultiStep(2, 5, 9)]") { Definition = () => E(0.05, new MultiStepShape(Ms(2, 5, 9), 0.1)), Drive = Drive.FromStepOne };
            yield return new("test_closed_form_exp_lr", Coverage.Yes, "[Exponential(0.9)]") { Definition = () => E(0.05, new ExponentialShape(0.9)), Drive = Drive.FromStepOne };
            yield return new("test_closed_form_poly_lr", Coverage.Yes, "[Polynomial(Power = 0.9, TotalIters = 5)]") { Definition = () => E(0.05, new PolynomialShape(0.9, 0, 5)), Drive = Drive.FromStepOne };
            yield return new("test_closed_form_cos_anneal_lr", Coverage.Yes, "[LearningRate(0.05, Minimums = Absolute)] [Cosine(MinLr = 1e-10, Period = 5)] past its period (no horizon: the cosine rises again); " + AbsoluteNote)
            { Definition = () => Abs(E(0.05, new CosineShape(1e-10, 5))), Drive = Drive.FromStepOne };
            yield return new("test_cos_anneal_lr_continue", Coverage.Yes, "[LearningRate(0.05, Minimums = Absolute)] [Cosine(MinLr = 0.1, Period = 5)] above the peak 0.05: a rising cosine, computed (warning SDL0017); " + AbsoluteNote)
            { Definition = () => Abs(E(0.05, new CosineShape(0.1, 5))), Drive = Drive.FromStepOne };

            foreach (var (t, note, def) in new (string, string, Func<ScheduleDefinition>)[]
            {
                ("test_step_lr_is_constant_for_constant_epoch", "[StepDecay(2)]", () => E(0.05, new StepDecayShape(2, 0.1))),
                ("test_exponential_lr_is_constant_for_constant_epoch", "[Exponential(0.9)]", () => E(0.05, new ExponentialShape(0.9))),
                ("test_constantlr_is_constant_for_constant_epoch", "[Warmup(5, Kind = Constant, StartFactor = 1/3)]", () => E(0.05, new WarmupPhase(5, WarmupKind.Constant, 1.0 / 3))),
                ("test_linear_linearlr_is_constant_for_constant_epoch", "[Warmup(5, StartFactor = 1/3)]", () => E(0.05, new WarmupPhase(5, WarmupKind.Linear, 1.0 / 3))),
                ("test_polynomial_lr_is_constant_for_constant_epoch", "[Polynomial(Power = 0.9, TotalIters = 5)]", () => E(0.05, new PolynomialShape(0.9, 0, 5))),
            })
                yield return new(t, Coverage.Yes, note + "; step(2) repeated = SetTime(2) repeated") { Definition = def, Drive = Drive.AtTimes, Times = Enumerable.Repeat(2.0, 10).ToArray() };

            // ReduceLROnPlateau
            yield return new("test_reduce_lr_on_plateau1", Coverage.Yes, "[ReduceOnPlateau(ThresholdMode = Abs, Threshold = 0.01, Patience = 5, Cooldown = 5)]")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.01, ThresholdMode.Abs, 5)), Drive = Drive.Plateau };
            yield return new("test_reduce_lr_on_plateau2", Coverage.Yes, "[ReduceOnPlateau(Patience = 5, ThresholdMode = Abs, Threshold = 0.1)]")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.1, ThresholdMode.Abs, 0)), Drive = Drive.Plateau };
            yield return new("test_reduce_lr_on_plateau3", Coverage.Yes, "[ReduceOnPlateau(Mode = Max, Patience = 5, Cooldown = 5, ThresholdMode = Abs)]")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Max, 0.1, 5, 1e-4, ThresholdMode.Abs, 5)), Drive = Drive.Plateau };
            yield return new("test_reduce_lr_on_plateau4", Coverage.Yes, "[ReduceOnPlateau(Mode = Max, Patience = 3, Threshold = 0.1)]")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Max, 0.1, 3, 0.1, ThresholdMode.Rel)), Drive = Drive.Plateau };
            yield return new("test_reduce_lr_on_plateau5", Coverage.Yes, "[ReduceOnPlateau(Mode = Max, Threshold = 0.1, Patience = 5, Cooldown = 5)]")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Max, 0.1, 5, 0.1, ThresholdMode.Rel, 5)), Drive = Drive.Plateau };
            yield return new("test_reduce_lr_on_plateau6", Coverage.Yes, "[ReduceOnPlateau(Threshold = 0.1)]")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Min, 0.1, 10, 0.1, ThresholdMode.Rel)), Drive = Drive.Plateau };
            yield return new("test_reduce_lr_on_plateau7", Coverage.Yes, "[ReduceOnPlateau(Threshold = 0.1, Patience = 5, Cooldown = 5)]")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.1, ThresholdMode.Rel, 5)), Drive = Drive.Plateau };
            yield return new("test_reduce_lr_on_plateau8", Coverage.Yes, "[LearningRate(0.5, Minimums = Absolute)] [ReduceOnPlateau(Mode = Max, Threshold = 0.1, Patience = 5, Cooldown = 5)] with groups: new ParamGroup(0.5) { PlateauMinLr = 0.4 }, new ParamGroup(0.5) { PlateauMinLr = 0.3 }")
            {
                Definition = () => Abs(E(0.5, new PlateauReduction(PlateauMode.Max, 0.1, 5, 0.1, ThresholdMode.Rel, 5))),
                Groups = () => new[] { new ParamGroup(0.5) { PlateauMinLr = 0.4 }, new ParamGroup(0.5) { PlateauMinLr = 0.3 } },
                Drive = Drive.Plateau,
            };
            yield return new("test_reduce_lr_on_plateau_get_last_lr_before_step", Coverage.Yes, "[ReduceOnPlateau]: the rate before any metric")
            { Definition = () => E(0.5, new PlateauReduction()) };
            yield return new("test_add_param_group_does_not_break_reduce_lr_on_plateau[min_lr=scalar]", Coverage.Yes, "as plateau7 for group 0 (the only one checked); the core's GroupRate takes any base rate, so adding a group needs nothing")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.1, ThresholdMode.Rel, 5)), Drive = Drive.Plateau };
            yield return new("test_add_param_group_does_not_break_reduce_lr_on_plateau[min_lr=list]", Coverage.Yes, "as plateau7 with MinLr = 1e-5 for group 0 (the only one checked); the per-group list itself is not expressible")
            { Definition = () => E(0.5, new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.1, ThresholdMode.Rel, 5, 1e-5)), Drive = Drive.Plateau };
            yield return new("test_lr_scheduler_checkpoint_on_plateau", Coverage.NotApplicable, Resume);

            // SequentialLR
            yield return new("test_sequentiallr1", Coverage.Yes, "[Exponential(0.8, Until = 3)] [StepDecay(4, From = 3)]")
            { Definition = () => E(0.05, new ExponentialShape(0.8) { Until = 3 }, new StepDecayShape(4, 0.1) { From = 3 }) };
            yield return new("test_sequentiallr2", Coverage.Yes, "[Warmup(3, Kind = Constant, StartFactor = 0.1)] [Exponential(0.9)]")
            { Definition = () => E(0.05, new WarmupPhase(3, WarmupKind.Constant, 0.1), new ExponentialShape(0.9)) };
            foreach (string t in new[] { "test_sequentiallr3", "test_get_last_lr_sequentiallr" })
                yield return new(t, Coverage.Yes, "[ConstantFactor(0.1, TotalIters = 3, Until = 3)] [Exponential(0.8, From = 3, Until = 6)] [StepDecay(2, From = 6)]")
                { Definition = () => E(0.05, new ConstantFactorShape(0.1, 3) { Until = 3 }, new ExponentialShape(0.8) { From = 3, Until = 6 }, new StepDecayShape(2, 0.1) { From = 6 }) };
            yield return new("test_sequentiallr4", Coverage.Yes, "[ConstantFactor(1, Until = 10)] [ConstantFactor(0.1, From = 10)] (the same family twice, in two windows)")
            { Definition = () => E(0.1, new ConstantFactorShape(1) { Until = 10 }, new ConstantFactorShape(0.1) { From = 10 }) };
            yield return new("test_sequentiallr5", Coverage.Yes, "[LinearFactor(0.1, Until = 5)] [ConstantFactor(0.1, Until = 5)] [ConstantFactor(0.5, From = 5)] (a chained phase: two factors in one window)")
            { Definition = () => E(0.05, new LinearFactorShape(0.1) { Until = 5 }, new ConstantFactorShape(0.1) { Until = 5 }, new ConstantFactorShape(0.5) { From = 5 }) };
            yield return new("test_sequentiallr_no_warnings", Coverage.Yes, "[LinearFactor(0.5, EndFactor = 0.1, Until = 5)] [Exponential(0.9, From = 5)] (a ramp going down)")
            { Definition = () => E(0.05, new LinearFactorShape(0.5, 0.1) { Until = 5 }, new ExponentialShape(0.9) { From = 5 }) };
            yield return new("test_sequentiallr_does_not_alias_lr_and_initial_lr", Coverage.Yes,
                "[LearningRate(2.0)] [LinearFactor(0.1, EndFactor = 0.8, TotalIters = 4, Until = 4)] [LinearFactor(0.8, EndFactor = 0.1, TotalIters = 4, From = 4)] (a ramp ending below 1, then one going down)")
            { Definition = () => E(2.0, new LinearFactorShape(0.1, 0.8, 4) { Until = 4 }, new LinearFactorShape(0.8, 0.1, 4) { From = 4 }) };

            // ChainedScheduler
            yield return new("test_chained_lr1", Coverage.Yes, "[StepDecay(3)]") { Definition = () => E(0.05, new StepDecayShape(3, 0.1)) };
            yield return new("test_chained_lr2", Coverage.Yes, "[Warmup(3, StartFactor = 0.4)]") { Definition = () => E(0.05, new WarmupPhase(3, WarmupKind.Linear, 0.4)) };
            yield return new("test_chained_lr3", Coverage.Yes, "[LinearDecay(0.4, 1, TotalIters = 3)] [MultiStep(4, 8, 10)] (a shape, so the milestones are not shifted by a prefix)")
            { Definition = () => E(0.05, new LinearDecayShape(0.4, 1, 3), new MultiStepShape(Ms(4, 8, 10), 0.1)) };
            yield return new("test_chained_lr4", Coverage.Yes, "[Exponential(0.9)] [ConstantFactor(0.2, TotalIters = 4)] [StepDecay(3)]")
            { Definition = () => E(0.05, new ExponentialShape(0.9), new ConstantFactorShape(0.2, 4), new StepDecayShape(3, 0.1)) };
            yield return new("test_chained_lr5", Coverage.Yes, "[Polynomial(Power = 0.9, TotalIters = 5)] [ConstantFactor(0.1)]")
            { Definition = () => E(0.05, new PolynomialShape(0.9, 0, 5), new ConstantFactorShape(0.1)) };
            yield return new("test_chained_lr2_get_last_lr_before_step", Coverage.Yes, "[LinearDecay(0.4, 1, TotalIters = 3)] [MultiStep(4, 8, 10)]: the rate before a step")
            { Definition = () => E(0.05, new LinearDecayShape(0.4, 1, 3), new MultiStepShape(Ms(4, 8, 10), 0.1)) };

            // compound (schedulers stepped in turn)
            yield return new("test_compound_step_and_multistep_lr", Coverage.Yes, "[StepDecay(3)] [MultiStep(2, 5, 9)]")
            { Definition = () => E(0.05, new StepDecayShape(3, 0.1), new MultiStepShape(Ms(2, 5, 9), 0.1)) };
            yield return new("test_compound_step_and_exp_lr", Coverage.Yes, "[StepDecay(3)] [Exponential(0.9)]")
            { Definition = () => E(0.05, new StepDecayShape(3, 0.1), new ExponentialShape(0.9)) };
            yield return new("test_compound_exp_and_multistep_lr", Coverage.Yes, "[MultiStep(2, 5, 9)] [Exponential(0.9)]")
            { Definition = () => E(0.05, new MultiStepShape(Ms(2, 5, 9), 0.1), new ExponentialShape(0.9)) };
            yield return new("test_compound_exp_and_linearlr", Coverage.Yes, "[LinearDecay(0.4, 0.9, TotalIters = 4)] [Exponential(0.9)]")
            { Definition = () => E(0.05, new LinearDecayShape(0.4, 0.9, 4), new ExponentialShape(0.9)) };
            yield return new("test_compound_step_and_constantlr", Coverage.Yes, "[StepDecay(3)] [ConstantFactor(0.4, TotalIters = 4)]")
            { Definition = () => E(0.05, new StepDecayShape(3, 0.1), new ConstantFactorShape(0.4, 4)) };
            yield return new("test_compound_linearlr_and_multistep_lr", Coverage.Yes, "[MultiStep(2, 5, 9)] [LinearDecay(0.4, 1, TotalIters = 4)]")
            { Definition = () => E(0.05, new MultiStepShape(Ms(2, 5, 9), 0.1), new LinearDecayShape(0.4, 1, 4)) };
            const string cosAbs = "[LearningRate(0.05, Minimums = Absolute)] [Cosine(1e-10, 10)] ";
            yield return new("test_compound_cosanneal_and_step_lr", Coverage.DeliberateDifference, cosAbs + "[StepDecay(3)]: " + CosineChain)
            { Definition = () => Abs(E(0.05, new CosineShape(1e-10, 10), new StepDecayShape(3, 0.1))) };
            yield return new("test_compound_cosanneal_and_multistep_lr", Coverage.DeliberateDifference, cosAbs + "[MultiStep(2, 5, 9)]: " + CosineChain)
            { Definition = () => Abs(E(0.05, new CosineShape(1e-10, 10), new MultiStepShape(Ms(2, 5, 9), 0.1))) };
            yield return new("test_compound_cosanneal_and_linearlr", Coverage.Yes, "[LearningRate(0.05, Minimums = Absolute)] [LinearDecay(0.4, 1, TotalIters = 4)] [Cosine(1e-10, 10)]; "
                + AbsoluteNote + ". The chained cosine's recursion (see the other compound cosine tests) stays within 1e-12 + 1e-9|x| of the closed-form product here: LinearLR is stepped first and ends at 1.")
            { Definition = () => Abs(E(0.05, new LinearDecayShape(0.4, 1, 4), new CosineShape(1e-10, 10))) };
            yield return new("test_compound_cosanneal_and_exp_lr", Coverage.DeliberateDifference, cosAbs + "[Exponential(0.1)]: " + CosineChain)
            { Definition = () => Abs(E(0.05, new CosineShape(1e-10, 10), new ExponentialShape(0.1))) };
            yield return new("test_compound_reduce_lr_on_plateau1", Coverage.Yes, "[StepDecay(3)] [ReduceOnPlateau(ThresholdMode = Abs, Threshold = 0.01, Patience = 5, Cooldown = 5)]")
            { Definition = () => E(0.5, new StepDecayShape(3, 0.1), new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.01, ThresholdMode.Abs, 5)), Drive = Drive.Plateau };
            yield return new("test_compound_reduce_lr_on_plateau2", Coverage.Yes, "[MultiStep(3, 8, 12)] [ReduceOnPlateau(Patience = 5, ThresholdMode = Abs, Threshold = 0.1)]")
            { Definition = () => E(0.5, new MultiStepShape(Ms(3, 8, 12), 0.1), new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.1, ThresholdMode.Abs, 0)), Drive = Drive.Plateau };
            yield return new("test_compound_reduce_lr_on_plateau3", Coverage.Yes, "[Exponential(0.1)] [ReduceOnPlateau(Mode = Max, Patience = 5, Cooldown = 5, ThresholdMode = Abs)]")
            { Definition = () => E(0.5, new ExponentialShape(0.1), new PlateauReduction(PlateauMode.Max, 0.1, 5, 1e-4, ThresholdMode.Abs, 5)), Drive = Drive.Plateau };
            yield return new("test_compound_reduce_lr_on_plateau4", Coverage.Yes, "[Cosine(1e-10, 10)] [ReduceOnPlateau(Mode = Max, Patience = 3, Threshold = 0.1)] (both groups at the peak 0.05, so eta_min is not rescaled)")
            { Definition = () => E(0.05, new CosineShape(1e-10, 10), new PlateauReduction(PlateauMode.Max, 0.1, 3, 0.1, ThresholdMode.Rel)), Drive = Drive.Plateau };
            yield return new("test_compound_reduce_lr_on_plateau5", Coverage.Yes, "[LinearDecay(0.4, 1, TotalIters = 4)] [ReduceOnPlateau(Patience = 5, ThresholdMode = Abs, Threshold = 0.1)]")
            { Definition = () => E(0.5, new LinearDecayShape(0.4, 1, 4), new PlateauReduction(PlateauMode.Min, 0.1, 5, 0.1, ThresholdMode.Abs, 0)), Drive = Drive.Plateau };

            // CyclicLR (peak = max_lr; both groups run at the same rates, so their base rate is max_lr)
            ScheduleDefinition Cyc(double up, double? down, CoreCyclicMode mode, double gamma = 1.0) => S(5, null, new CyclicShape(1, up, down, mode, gamma));
            double[] fives = { 5, 5 };
            yield return new("test_cycle_lr_triangular_mode_one_lr", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 4)] with momentum (1, 5)")
            { Definition = () => Cyc(4, null, CoreCyclicMode.Triangular), Bases = fives, Momentum = (1, 5) };
            yield return new("test_cycle_lr_triangular_mode_one_lr_no_momentum", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 4)] (momentum not cycled)")
            { Definition = () => Cyc(4, null, CoreCyclicMode.Triangular), Bases = fives };
            yield return new("test_cycle_lr_triangular2_mode_one_lr", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 4, Mode = Triangular2)] with momentum (1, 5)")
            { Definition = () => Cyc(4, null, CoreCyclicMode.Triangular2), Bases = fives, Momentum = (1, 5) };
            yield return new("test_cycle_lr_exp_range_mode_one_lr", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 4, Mode = ExpRange, Gamma = 0.9)] with momentum (1, 5)")
            { Definition = () => Cyc(4, null, CoreCyclicMode.ExpRange, 0.9), Bases = fives, Momentum = (1, 5) };
            yield return new("test_cycle_lr_triangular_mode", Coverage.Yes, "[LearningRate(5, Minimums = Absolute)] [Cyclic(1, 4)] with groups: new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(6) { CyclicBaseLr = 2 }; momentum (1, 5) and (2, 6)")
            {
                Definition = () => Abs(Cyc(4, null, CoreCyclicMode.Triangular)),
                Groups = () => new[] { new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(6) { CyclicBaseLr = 2 } },
                GroupMomentum = new (double, double)[] { (1, 5), (2, 6) },
            };
            yield return new("test_cycle_lr_triangular2_mode", Coverage.Yes, "[LearningRate(5, Minimums = Absolute)] [Cyclic(1, 4, Mode = Triangular2)] with groups: new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(7) { CyclicBaseLr = 3 }; momentum (1, 5) and (3, 7)")
            {
                Definition = () => Abs(Cyc(4, null, CoreCyclicMode.Triangular2)),
                Groups = () => new[] { new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(7) { CyclicBaseLr = 3 } },
                GroupMomentum = new (double, double)[] { (1, 5), (3, 7) },
            };
            yield return new("test_cycle_lr_exp_range_mode", Coverage.Yes, "[LearningRate(5, Minimums = Absolute)] [Cyclic(1, 4, Mode = ExpRange, Gamma = 0.9)] with groups: new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(12) { CyclicBaseLr = 5 }; momentum (1, 5) and (5, 12)")
            {
                Definition = () => Abs(Cyc(4, null, CoreCyclicMode.ExpRange, 0.9)),
                Groups = () => new[] { new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(12) { CyclicBaseLr = 5 } },
                GroupMomentum = new (double, double)[] { (1, 5), (5, 12) },
            };
            yield return new("test_cycle_lr_triangular_mode_step_size_up_down", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 4, StepSizeDown = 6)] with momentum (1, 5)")
            { Definition = () => Cyc(4, 6, CoreCyclicMode.Triangular), Bases = fives, Momentum = (1, 5) };
            yield return new("test_cycle_lr_triangular2_mode_step_size_up_down", Coverage.Yes, "[LearningRate(5, Minimums = Absolute)] [Cyclic(1, 2, StepSizeDown = 6, Mode = Triangular2)] with groups: new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(7) { CyclicBaseLr = 3 }; momentum (1, 5) and (3, 7)")
            {
                Definition = () => Abs(Cyc(2, 6, CoreCyclicMode.Triangular2)),
                Groups = () => new[] { new ParamGroup(5) { CyclicBaseLr = 1 }, new ParamGroup(7) { CyclicBaseLr = 3 } },
                GroupMomentum = new (double, double)[] { (1, 5), (3, 7) },
            };
            yield return new("test_cycle_lr_exp_range_mode_step_size_up_down", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 2, StepSizeDown = 6, Mode = ExpRange, Gamma = 0.9)] with momentum (1, 5)")
            { Definition = () => Cyc(2, 6, CoreCyclicMode.ExpRange, 0.9), Bases = fives, Momentum = (1, 5) };
            yield return new("test_cycle_lr_with_momentumless_optimizer", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 4)] (Adam, momentum not cycled)")
            { Definition = () => Cyc(4, null, CoreCyclicMode.Triangular), Bases = fives };
            yield return new("test_cycle_lr_cycle_momentum_with_beta1_optimizer", Coverage.Yes, "[LearningRate(5)] [Cyclic(1, 2000)] with beta1 cycled (0.8, 0.9)")
            { Definition = () => Cyc(2000, null, CoreCyclicMode.Triangular), Bases = new double[] { 5 }, Momentum = (0.8, 0.9) };
            yield return new("test_cosine_then_cyclic", Coverage.Yes, Phases)
            {
                Definition = () => S(0.5, null, new CosineShape(0.1, 20) { Until = 22 }, new CyclicShape(0.1, 1, 3) { MaxLr = 0.3, From = 22, StartAt = 1 }),
                Drive = Drive.FromStepOne,
            };

            // OneCycleLR (steps; peak = max_lr)
            yield return new("test_onecycle_lr_linear_annealing", Coverage.Yes, "[Steps(10)] [LearningRate(25)] [OneCycle(Anneal = Linear, FinalDivFactor = 2)] with momentum (1, 22)")
            { Definition = () => S(25, 10, new OneCycleShape(0.3, AnnealStrategy.Linear, 25, 2)), Bases = new double[] { 25, 25 }, Momentum = (1, 22) };
            yield return new("test_onecycle_lr_linear_annealing_three_phases", Coverage.Yes, "[Steps(10)] [LearningRate(25)] [OneCycle(PctStart = 0.4, Anneal = Linear, FinalDivFactor = 4, ThreePhase = true)] with momentum (1, 22)")
            { Definition = () => S(25, 10, new OneCycleShape(0.4, AnnealStrategy.Linear, 25, 4, true)), Bases = new double[] { 25, 25 }, Momentum = (1, 22) };
            foreach (string t in new[] { "test_onecycle_lr_cosine_annealing", "test_onecycle_lr_legacy_state_dict" })
                yield return new(t, Coverage.Yes, "[Steps(10)] [LearningRate(25)] [OneCycle(FinalDivFactor = 2)] with momentum (1, 22)")
                { Definition = () => S(25, 10, new OneCycleShape(0.3, AnnealStrategy.Cos, 25, 2)), Bases = new double[] { 25, 25 }, Momentum = (1, 22) };
            yield return new("test_cycle_lr_with_adam", Coverage.Yes, "[Steps(10)] [LearningRate(25)] [OneCycle(Anneal = Linear, FinalDivFactor = 2)] with beta1 (1, 22)")
            { Definition = () => S(25, 10, new OneCycleShape(0.3, AnnealStrategy.Linear, 25, 2)), Bases = new double[] { 25, 25 }, Momentum = (1, 22) };

            // LambdaLR / MultiplicativeLR
            yield return new("test_lambda_lr", Coverage.Yes, "new CustomShape(\"Lambda\") with groups: new ParamGroup(0.05) { CustomFactors = { [\"Lambda\"] = RuntimeFactor.OfTime(x => 0.9^x) } }, new ParamGroup(0.4) { ... 0.8^x }")
            {
                Definition = () => E(0.05, new CustomShape("Lambda")),
                Groups = () => new[]
                {
                    new ParamGroup(0.05) { CustomFactors = Bind("Lambda", RuntimeFactor.OfTime(x => Math.Pow(0.9, x))) },
                    new ParamGroup(0.4) { CustomFactors = Bind("Lambda", RuntimeFactor.OfTime(x => Math.Pow(0.8, x))) },
                },
            };
            yield return new("test_multiplicative_lr", Coverage.Yes, "new CustomShape(\"Lambda\") with groups: new ParamGroup(0.05) { CustomFactors = { [\"Lambda\"] = RuntimeFactor.Multiplicative(_ => 0.9) } }, new ParamGroup(0.4) { ... 0.8 }")
            {
                Definition = () => E(0.05, new CustomShape("Lambda")),
                Groups = () => new[]
                {
                    new ParamGroup(0.05) { CustomFactors = Bind("Lambda", RuntimeFactor.Multiplicative(_ => 0.9)) },
                    new ParamGroup(0.4) { CustomFactors = Bind("Lambda", RuntimeFactor.Multiplicative(_ => 0.8)) },
                },
            };

            // CosineAnnealingWarmRestarts
            foreach (int m in new[] { 1, 2, 4 })
                yield return new($"test_CosineAnnealingWarmRestarts_lr1[T_mult={m}]", Coverage.Yes, $"[LearningRate(0.05, Minimums = Absolute)] [CosineRestarts(10, TMult = {m}, MinLr = 1e-10)]; " + AbsoluteNote)
                { Definition = () => Abs(E(0.05, new CosineRestartsShape(10, m, 1e-10))) };
            foreach (int m in new[] { 1, 2, 4 })
                yield return new($"test_CosineAnnealingWarmRestarts_lr2[T_mult={m}]", Coverage.Yes, $"[LearningRate(0.05, Minimums = Absolute)] [CosineRestarts(10, TMult = {m}, MinLr = 1e-10)] stepped with stepsPerEpoch = 10; " + AbsoluteNote)
                { Definition = () => Abs(E(0.05, new CosineRestartsShape(10, m, 1e-10))), StepsPerEpoch = 10 };
            foreach (int m in new[] { 1, 2, 3 })
                yield return new($"test_CosineAnnealingWarmRestarts_lr3[T_mult={m}]", Coverage.Yes, $"[LearningRate(0.05, Minimums = Absolute)] [CosineRestarts(10, TMult = {m}, MinLr = 1e-10)], SetTime(epoch) at each explicit epoch; " + AbsoluteNote)
                { Definition = () => Abs(E(0.05, new CosineRestartsShape(10, m, 1e-10))), Drive = Drive.AtTimes };
            yield return new("test_CosineAnnealingWarmRestarts_T_cur_reset", Coverage.NotApplicable, "Sets PyTorch's internal T_cur counter.");

            // Resuming with last_epoch=0 after one step = a schedule built at tick 1 in one call.
            foreach (TorchCase c in TorchTestCatalogue.All.Where(c => c.Test.StartsWith("test_lr_scheduler_checkpoint[", StringComparison.Ordinal)))
                yield return Checkpoint(c.Test);
        }

        private const string ResumeNote = "new Schedule(definition, startStep: 1): PyTorch's scheduler rebuilt with last_epoch=0 on the restored optimizer";

        private static CoreCase Checkpoint(string test)
        {
            string config = test.Substring("test_lr_scheduler_checkpoint[".Length).TrimEnd(']');
            CoreCase Case(string attributes, Func<ScheduleDefinition> d) => new(test, Coverage.Yes, attributes + "; " + ResumeNote) { Definition = d, Drive = Drive.ResumeAtOne };
            const double Lr = 1e-3;
            return config switch
            {
                "ExponentialLR(gamma=0.999)" => Case("[Exponential(0.999)]", () => E(Lr, new ExponentialShape(0.999))),
                "LambdaLR(lr_lambda=lambda epoch: epoch // 30)" => Case("new CustomShape(\"Lambda\"), customFactors: RuntimeFactor.OfTime(e => Math.Floor(e / 30))", () => E(Lr, new CustomShape("Lambda")))
                    with { CustomFactors = () => Bind("Lambda", RuntimeFactor.OfTime(e => Math.Floor(e / 30))) },
                "MultiplicativeLR(lr_lambda=lambda epoch: 0.95)" => Case("new CustomShape(\"Lambda\"), customFactors: RuntimeFactor.Multiplicative(_ => 0.95)", () => E(Lr, new CustomShape("Lambda")))
                    with { CustomFactors = () => Bind("Lambda", RuntimeFactor.Multiplicative(_ => 0.95)) },
                "StepLR(step_size=30)" => Case("[StepDecay(30)]", () => E(Lr, new StepDecayShape(30, 0.1))),
                "MultiStepLR(milestones=[30, 80])" => Case("[MultiStep(30, 80)]", () => E(Lr, new MultiStepShape(Ms(30, 80), 0.1))),
                "ConstantLR()" => Case("[Warmup(5, Kind = Constant, StartFactor = 1/3)]", () => E(Lr, new WarmupPhase(5, WarmupKind.Constant, 1.0 / 3))),
                "LinearLR()" => Case("[Warmup(5, StartFactor = 1/3)]", () => E(Lr, new WarmupPhase(5, WarmupKind.Linear, 1.0 / 3))),
                "PolynomialLR()" => Case("[Polynomial(TotalIters = 5)]", () => E(Lr, new PolynomialShape(1, 0, 5))),
                "CosineAnnealingLR(T_max=10)" => Case("[Cosine(Period = 10)]", () => E(Lr, new CosineShape(0, 10))),
                "CosineAnnealingWarmRestarts(T_0=20)" => Case("[CosineRestarts(20)]", () => E(Lr, new CosineRestartsShape(20, 1, 0))),
                "CyclicLR(base_lr=0.01, max_lr=0.1)" => Case("[LearningRate(0.1), Steps] [Cyclic(0.01, 2000)], base rate 0.1", () => S(0.1, null, new CyclicShape(0.01, 2000))) with { Bases = new[] { 0.1 } },
                "OneCycleLR(max_lr=0.01, total_steps=10)" => Case("[LearningRate(0.01), Steps(10)] [OneCycle], base rate 0.01", () => S(0.01, 10, new OneCycleShape())) with { Bases = new[] { 0.01 } },
                _ => throw new InvalidOperationException("unmapped checkpoint configuration " + config),
            };
        }
    }
}
