using System;
using System.Linq;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using ScheduleDsl.Validation;
using Xunit;

namespace ScheduleDsl.Tests.Validation
{
    /// <summary>Every rule of ScheduleRules: kind, severity, location (component, index, parameter, element)
    /// and the exact message; errors also fail Compile() with ParamName "Component.Parameter".</summary>
    public class ScheduleRulesTests
    {
        private const double Peak = 0.1;

        private static ScheduleDefinition Steps(double? horizon, params ScheduleComponent[] c) => ScheduleDefinition.Create(Peak, TimeUnit.Steps, horizon, c);
        private static ScheduleDefinition S(params ScheduleComponent[] c) => Steps(100, c);
        private static EquatableArray<double> Ms(params double[] m) => new(m);

        public static TheoryData<string, ScheduleDefinition, RuleKind, string, int, string?, int, string> Cases() => new()
        {
            // The schedule's own settings.
            { "rate 0", ScheduleDefinition.Create(0, TimeUnit.Steps, 100), RuleKind.InvalidArgument, "LearningRate", -1, "Rate", -1, "LearningRate.Rate = 0: must be a finite number greater than 0." },
            { "rate NaN", ScheduleDefinition.Create(double.NaN, TimeUnit.Steps, 100), RuleKind.InvalidArgument, "LearningRate", -1, "Rate", -1, "LearningRate.Rate = NaN: must be a finite number greater than 0." },
            { "rate inf", ScheduleDefinition.Create(double.PositiveInfinity, TimeUnit.Steps, 100), RuleKind.InvalidArgument, "LearningRate", -1, "Rate", -1, "LearningRate.Rate = Infinity: must be a finite number greater than 0." },
            { "steps", Steps(-5), RuleKind.InvalidArgument, "Steps", -1, "Count", -1, "Steps.Count = -5: must be a finite number greater than 0." },
            { "epochs inf", ScheduleDefinition.Create(Peak, TimeUnit.Epochs, double.PositiveInfinity), RuleKind.InvalidArgument, "Epochs", -1, "Count", -1, "Epochs.Count = Infinity: must be a finite number greater than 0." },
            { "floor high", S() with { Floor = 0.2 }, RuleKind.InvalidArgument, "Floor", -1, "Rate", -1, "Floor.Rate = 0.2: must not exceed the peak learning rate 0.1." },
            { "floor neg", S() with { Floor = -1 }, RuleKind.InvalidArgument, "Floor", -1, "Rate", -1, "Floor.Rate = -1: must be a finite rate >= 0." },
            // Structure.
            // Issue 11: a repeated shape chains (PyTorch ChainedScheduler); a second warmup needs a window, a second plateau is refused.
            { "twice", S(new WarmupPhase(5), new WarmupPhase(5)), RuleKind.ConflictingComponents, "Warmup", 1, null, -1, "Warmup is declared twice; give the second one a window (From/Until) to run it later." },
            { "plateau twice", S(new PlateauReduction(), new PlateauReduction()), RuleKind.ConflictingComponents, "ReduceOnPlateau", 1, null, -1, "ReduceOnPlateau is declared twice; declare it once." },
            // Windows.
            { "empty window", S(new ExponentialShape(0.9) { From = 5, Until = 5 }), RuleKind.InvalidArgument, "Exponential", 0, "Until", -1, "Exponential.Until = 5: must be greater than From = 5 (an empty window never applies)." },
            { "from neg", S(new ExponentialShape(0.9) { From = -1 }), RuleKind.InvalidArgument, "Exponential", 0, "From", -1, "Exponential.From = -1: must be a finite number >= 0." },
            { "until NaN", S(new ExponentialShape(0.9) { Until = double.NaN }), RuleKind.InvalidArgument, "Exponential", 0, "Until", -1, "Exponential.Until = NaN: must be a finite number greater than 0 (leave it out for an open-ended window)." },
            { "plateau window", S(new PlateauReduction() { From = 3 }), RuleKind.InvalidArgument, "ReduceOnPlateau", 0, "From", -1, "ReduceOnPlateau.From = 3: reduction on plateau applies to the whole schedule and takes no window." },
            { "start at neg", S(new ExponentialShape(0.9) { From = 3, StartAt = -1 }), RuleKind.InvalidArgument, "Exponential", 0, "StartAt", -1, "Exponential.StartAt = -1: must be a finite number at least 0." },
            { "start at inf", S(new ExponentialShape(0.9) { From = 3, StartAt = double.PositiveInfinity }), RuleKind.InvalidArgument, "Exponential", 0, "StartAt", -1, "Exponential.StartAt = Infinity: must be a finite number at least 0." },
            { "start at, no window", S(new ExponentialShape(0.9) { StartAt = 1 }), RuleKind.InvalidArgument, "Exponential", 0, "StartAt", -1, "Exponential.StartAt = 1: shifts the component's time inside a window; give it a window (From/Until)." },
            { "start at warmup", S(new WarmupPhase(5) { From = 0, StartAt = 1 }), RuleKind.InvalidArgument, "Warmup", 0, "StartAt", -1, "Warmup.StartAt = 1: a warmup or hold entered part way is a shorter one; shorten it instead." },
            { "oc window", S(new OneCycleShape(0.015) { Until = 50 }), RuleKind.InvalidArgument, "OneCycle", 0, "PctStart", -1, "OneCycle.PctStart = 0.015: its warmup phase ends at PctStart * 50 - 1 <= 0 steps; raise it or the horizon." },
            { "const factor", S(new ConstantFactorShape(1.5)), RuleKind.InvalidArgument, "ConstantFactor", 0, "Factor", -1, "ConstantFactor.Factor = 1.5: must lie between 0 and 1." },
            { "const iters", S(new ConstantFactorShape(0.5, 0)), RuleKind.InvalidArgument, "ConstantFactor", 0, "TotalIters", -1, "ConstantFactor.TotalIters = 0: must be a finite number greater than 0." },
            { "linf start", S(new LinearFactorShape(0)), RuleKind.InvalidArgument, "LinearFactor", 0, "StartFactor", -1, "LinearFactor.StartFactor = 0: must be greater than 0 and at most 1." },
            { "linf end", S(new LinearFactorShape(0.5, 1.5)), RuleKind.InvalidArgument, "LinearFactor", 0, "EndFactor", -1, "LinearFactor.EndFactor = 1.5: must lie between 0 and 1." },
            { "linf iters", S(new LinearFactorShape(0.5, 1, double.NaN)), RuleKind.InvalidArgument, "LinearFactor", 0, "TotalIters", -1, "LinearFactor.TotalIters = NaN: must be a finite number greater than 0." },
            { "two wholes", S(new OneCycleShape(), new WsdShape(10, 10)), RuleKind.ConflictingComponents, "Wsd", 1, null, -1, "Wsd cannot be combined with OneCycle: each defines the whole schedule." },
            { "whole + warmup", S(new WarmupPhase(5), new OneCycleShape()), RuleKind.ConflictingComponents, "Warmup", 0, null, -1, "Warmup cannot be combined with OneCycle, which defines the whole schedule (its own warmup included); remove one of them." },
            { "no horizon", Steps(null, new CosineShape()), RuleKind.MissingHorizon, "Cosine", 0, null, -1, "Cosine needs the schedule's horizon: declare [Epochs(n)] or [Steps(n)], or give its length explicitly." },
            { "prefix", S(new WarmupPhase(60), new HoldPhase(40), new CosineShape()), RuleKind.PrefixExceedsHorizon, "Hold", 1, null, -1, "Warmup and hold last 100 but the horizon is 100: nothing would be left for the decay; shorten them or lengthen the horizon." },
            // Arguments, family by family.
            { "warmup len", S(new WarmupPhase(0)), RuleKind.InvalidArgument, "Warmup", 0, "Length", -1, "Warmup.Length = 0: must be a finite number greater than 0." },
            { "warmup start", S(new WarmupPhase(5, WarmupKind.Linear, 1.5)), RuleKind.InvalidArgument, "Warmup", 0, "StartFactor", -1, "Warmup.StartFactor = 1.5: must lie between 0 and 1." },
            { "warmup exp", S(new WarmupPhase(5, WarmupKind.Exponential, 0)), RuleKind.InvalidArgument, "Warmup", 0, "StartFactor", -1, "Warmup.StartFactor = 0: an exponential warmup needs a start factor greater than 0." },
            { "hold", S(new HoldPhase(-1)), RuleKind.InvalidArgument, "Hold", 0, "Length", -1, "Hold.Length = -1: must be a finite number greater than 0." },
            { "step size", S(new StepDecayShape(0)), RuleKind.InvalidArgument, "StepDecay", 0, "StepSize", -1, "StepDecay.StepSize = 0: must be a finite number greater than 0." },
            { "step gamma", S(new StepDecayShape(10, 0)), RuleKind.InvalidArgument, "StepDecay", 0, "Gamma", -1, "StepDecay.Gamma = 0: must be a finite number greater than 0." },
            { "ms none", S(new MultiStepShape(Ms())), RuleKind.InvalidArgument, "MultiStep", 0, "Milestones", -1, "MultiStep.Milestones = (none): at least one milestone is required." },
            { "ms neg", S(new MultiStepShape(Ms(10, -3))), RuleKind.InvalidArgument, "MultiStep", 0, "Milestones", 1, "MultiStep.Milestones[1] = -3: must be a finite number >= 0." },
            { "ms NaN", S(new MultiStepShape(Ms(double.NaN))), RuleKind.InvalidArgument, "MultiStep", 0, "Milestones", 0, "MultiStep.Milestones[0] = NaN: must be a finite number >= 0." },
            { "ms order", S(new MultiStepShape(Ms(20, 10))), RuleKind.MilestonesNotIncreasing, "MultiStep", 0, "Milestones", 1, "MultiStep.Milestones[1] = 10: milestones must not decrease, but the previous one is 20." },
            { "ms gamma", S(new MultiStepShape(Ms(10), -0.5)), RuleKind.InvalidArgument, "MultiStep", 0, "Gamma", -1, "MultiStep.Gamma = -0.5: must be a finite number greater than 0." },
            { "exp gamma", S(new ExponentialShape(0)), RuleKind.InvalidArgument, "Exponential", 0, "Gamma", -1, "Exponential.Gamma = 0: must be a finite number greater than 0." },
            { "exp steps", S(new ExponentialShape(0.9, double.NaN)), RuleKind.InvalidArgument, "Exponential", 0, "DecaySteps", -1, "Exponential.DecaySteps = NaN: must be a finite number greater than 0." },
            { "poly power", S(new PolynomialShape(0)), RuleKind.InvalidArgument, "Polynomial", 0, "Power", -1, "Polynomial.Power = 0: must be a finite number greater than 0." },
            { "poly end", S(new PolynomialShape(1, 0.2)), RuleKind.InvalidArgument, "Polynomial", 0, "EndLr", -1, "Polynomial.EndLr = 0.2: must not exceed the peak learning rate 0.1." },
            { "poly iters", S(new PolynomialShape(1, 0, 0)), RuleKind.InvalidArgument, "Polynomial", 0, "TotalIters", -1, "Polynomial.TotalIters = 0: must be a finite number greater than 0." },
            { "invtime rate", S(new InverseTimeShape(-1)), RuleKind.InvalidArgument, "InverseTime", 0, "DecayRate", -1, "InverseTime.DecayRate = -1: must be a finite number >= 0." },
            { "invtime steps", S(new InverseTimeShape(1, 0)), RuleKind.InvalidArgument, "InverseTime", 0, "DecaySteps", -1, "InverseTime.DecaySteps = 0: must be a finite number greater than 0." },
            { "invsqrt", S(new InverseSqrtShape(0)), RuleKind.InvalidArgument, "InverseSqrt", 0, "Timescale", -1, "InverseSqrt.Timescale = 0: must be a finite number greater than 0." },
            { "lin start", S(new LinearDecayShape(-1)), RuleKind.InvalidArgument, "LinearDecay", 0, "StartFactor", -1, "LinearDecay.StartFactor = -1: must be a finite number >= 0." },
            { "lin end", S(new LinearDecayShape(1, double.NaN)), RuleKind.InvalidArgument, "LinearDecay", 0, "EndFactor", -1, "LinearDecay.EndFactor = NaN: must be a finite number >= 0." },
            { "lin iters", S(new LinearDecayShape(1, 0, -2)), RuleKind.InvalidArgument, "LinearDecay", 0, "TotalIters", -1, "LinearDecay.TotalIters = -2: must be a finite number greater than 0." },
            { "cos min", S(new CosineShape(-0.2)), RuleKind.InvalidArgument, "Cosine", 0, "MinLr", -1, "Cosine.MinLr = -0.2: must be a finite number >= 0." },
            { "cos period", S(new CosineShape(0, double.PositiveInfinity)), RuleKind.InvalidArgument, "Cosine", 0, "Period", -1, "Cosine.Period = Infinity: must be a finite number greater than 0." },
            { "rst t0", S(new CosineRestartsShape(0)), RuleKind.InvalidArgument, "CosineRestarts", 0, "T0", -1, "CosineRestarts.T0 = 0: must be a finite number greater than 0." },
            { "rst mult", S(new CosineRestartsShape(10, 0)), RuleKind.InvalidArgument, "CosineRestarts", 0, "TMult", -1, "CosineRestarts.TMult = 0: must be an integer >= 1." },
            { "rst min", S(new CosineRestartsShape(10, 1, -1)), RuleKind.InvalidArgument, "CosineRestarts", 0, "MinLr", -1, "CosineRestarts.MinLr = -1: must be a finite rate >= 0." },
            { "cyc base", S(new CyclicShape(0.5, 10)), RuleKind.InvalidArgument, "Cyclic", 0, "BaseLr", -1, "Cyclic.BaseLr = 0.5: must not exceed the peak learning rate 0.1." },
            { "cyc up", S(new CyclicShape(0.01, 0)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeUp", -1, "Cyclic.StepSizeUp = 0: must be a finite number greater than 0." },
            { "cyc down", S(new CyclicShape(0.01, 10, 0)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeDown", -1, "Cyclic.StepSizeDown = 0: must be a finite number greater than 0." },
            { "cyc gamma", S(new CyclicShape(0.01, 10, null, CyclicMode.ExpRange, 0)), RuleKind.InvalidArgument, "Cyclic", 0, "Gamma", -1, "Cyclic.Gamma = 0: must be a finite number greater than 0." },
            { "oc pct", S(new OneCycleShape(1.0)), RuleKind.InvalidArgument, "OneCycle", 0, "PctStart", -1, "OneCycle.PctStart = 1: must lie strictly between 0 and 1." },
            { "oc pct short", S(new OneCycleShape(0.005)), RuleKind.InvalidArgument, "OneCycle", 0, "PctStart", -1, "OneCycle.PctStart = 0.005: its warmup phase ends at PctStart * 100 - 1 <= 0 steps; raise it or the horizon." },
            { "oc three", S(new OneCycleShape(0.6, ThreePhase: true)), RuleKind.InvalidArgument, "OneCycle", 0, "PctStart", -1, "OneCycle.PctStart = 0.6: a three-phase cycle needs 2 * PctStart * total - 2 < total - 1 (PctStart below about 0.5)." },
            { "oc div", S(new OneCycleShape(DivFactor: 0)), RuleKind.InvalidArgument, "OneCycle", 0, "DivFactor", -1, "OneCycle.DivFactor = 0: must be a finite number greater than 0." },
            { "oc final", S(new OneCycleShape(FinalDivFactor: -1)), RuleKind.InvalidArgument, "OneCycle", 0, "FinalDivFactor", -1, "OneCycle.FinalDivFactor = -1: must be a finite number greater than 0." },
            { "oc epochs", ScheduleDefinition.Create(Peak, TimeUnit.Epochs, 100, new OneCycleShape()), RuleKind.InvalidArgument, "OneCycle", 0, null, -1, "OneCycle counts optimizer steps (its phases end at PctStart * T - 1 and T - 1 steps): declare the schedule with [Steps(epochs * stepsPerEpoch)] instead of [Epochs]." },
            { "oc no horizon", Steps(null, new OneCycleShape()), RuleKind.MissingHorizon, "OneCycle", 0, null, -1, "OneCycle needs the schedule's horizon: declare [Epochs(n)] or [Steps(n)], or give its length explicitly." },
            { "wsd warmup", S(new WsdShape(-1, 10)), RuleKind.InvalidArgument, "Wsd", 0, "WarmupLength", -1, "Wsd.WarmupLength = -1: must be a finite number >= 0." },
            { "wsd stable", S(new WsdShape(10, double.NaN, 50)), RuleKind.InvalidArgument, "Wsd", 0, "StableLength", -1, "Wsd.StableLength = NaN: must be a finite number >= 0." },
            { "wsd decay", S(new WsdShape(10, 10, 0)), RuleKind.InvalidArgument, "Wsd", 0, "DecayLength", -1, "Wsd.DecayLength = 0: must be a finite number greater than 0." },
            { "wsd ratio", S(new WsdShape(10, 10, MinLrRatio: 2)), RuleKind.InvalidArgument, "Wsd", 0, "MinLrRatio", -1, "Wsd.MinLrRatio = 2: must lie between 0 and 1." },
            { "wsd cycles", S(new WsdShape(10, 10, NumCycles: 0)), RuleKind.InvalidArgument, "Wsd", 0, "NumCycles", -1, "Wsd.NumCycles = 0: must be a finite number greater than 0." },
            { "wsd prefix", S(new WsdShape(50, 50)), RuleKind.PrefixExceedsHorizon, "Wsd", 0, "StableLength", -1, "Wsd warmup and stable phases last 100 but the horizon is 100: no time is left to decay." },
            { "pl factor", S(new PlateauReduction(Factor: 1)), RuleKind.InvalidArgument, "ReduceOnPlateau", 0, "Factor", -1, "ReduceOnPlateau.Factor = 1: must lie strictly between 0 and 1." },
            { "pl patience", S(new PlateauReduction(Patience: -1)), RuleKind.InvalidArgument, "ReduceOnPlateau", 0, "Patience", -1, "ReduceOnPlateau.Patience = -1: must be >= 0." },
            { "pl threshold", S(new PlateauReduction(Threshold: -1)), RuleKind.InvalidArgument, "ReduceOnPlateau", 0, "Threshold", -1, "ReduceOnPlateau.Threshold = -1: must be a finite number >= 0." },
            { "pl cooldown", S(new PlateauReduction(Cooldown: -1)), RuleKind.InvalidArgument, "ReduceOnPlateau", 0, "Cooldown", -1, "ReduceOnPlateau.Cooldown = -1: must be >= 0." },
            { "pl min", S(new PlateauReduction(MinLr: 0.2)), RuleKind.InvalidArgument, "ReduceOnPlateau", 0, "MinLr", -1, "ReduceOnPlateau.MinLr = 0.2: must not exceed the peak learning rate 0.1." },
            { "pl eps", S(new PlateauReduction(Eps: double.NegativeInfinity)), RuleKind.InvalidArgument, "ReduceOnPlateau", 0, "Eps", -1, "ReduceOnPlateau.Eps = -Infinity: must be a finite number >= 0." },
            // Derived quantities (issue 14): an accepted declaration never evaluates to NaN or infinity.
            { "prefix overflow", S(new WarmupPhase(1e308), new HoldPhase(1e308)), RuleKind.InvalidArgument, "Hold", 1, "Length", -1, "Hold.Length = 1E+308: the warmup and hold lengths add up to more than a double can hold (1E+308 + 1E+308); shorten them." },
            { "cyc length overflow", S(new CyclicShape(0, 1e308)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeUp", -1, "Cyclic.StepSizeUp = 1E+308: the cycle length StepSizeUp + StepSizeDown overflows to infinity." },
            { "cyc down overflow", S(new CyclicShape(0, 1e308, 1e308)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeDown", -1, "Cyclic.StepSizeDown = 1E+308: the cycle length StepSizeUp + StepSizeDown overflows to infinity." },
            { "cyc up eps", S(new CyclicShape(0.01, double.Epsilon)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeUp", -1, "Cyclic.StepSizeUp = 5E-324: is too short: 100 / StepSizeUp overflows to infinity (the rate would be NaN)." },
            { "cyc down eps", S(new CyclicShape(0.01, 10, double.Epsilon)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeDown", -1, "Cyclic.StepSizeDown = 5E-324: is too short: 100 / StepSizeDown overflows to infinity (the rate would be NaN)." },
            { "cyc ratio", S(new CyclicShape(0.01, 1e-300, 1e300)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeUp", -1, "Cyclic.StepSizeUp = 1E-300: is too small next to StepSizeDown: StepSizeUp / (StepSizeUp + StepSizeDown) rounds to 0." },
            { "cyc growth", S(new CyclicShape(0.01, 10, null, CyclicMode.ExpRange, 1e10)), RuleKind.InvalidArgument, "Cyclic", 0, "Gamma", -1, "Cyclic.Gamma = 10000000000: grows without bound: Gamma^100 (at time 100) overflows to infinity; use a value <= 1, a shorter horizon or PastHorizon(Hold)." },
            { "invtime eps", S(new InverseTimeShape(1, double.Epsilon)), RuleKind.InvalidArgument, "InverseTime", 0, "DecaySteps", -1, "InverseTime.DecaySteps = 5E-324: is too short: 100 / DecaySteps overflows to infinity (the rate would be NaN)." },
            { "cos eps", S(new CosineShape(0, double.Epsilon)), RuleKind.InvalidArgument, "Cosine", 0, "Period", -1, "Cosine.Period = 5E-324: is too short: 100 / Period overflows to infinity (the rate would be NaN)." },
            { "rst eps", S(new CosineRestartsShape(double.Epsilon)), RuleKind.InvalidArgument, "CosineRestarts", 0, "T0", -1, "CosineRestarts.T0 = 5E-324: is too short: 100 / T0 overflows to infinity (the rate would be NaN)." },
            { "wsd cycles huge", S(new WsdShape(10, 10, NumCycles: 1e308)), RuleKind.InvalidArgument, "Wsd", 0, "NumCycles", -1, "Wsd.NumCycles = 1E+308: is too large: 2 * pi * NumCycles overflows to infinity (the cosine decay would be NaN)." },
            { "oc div eps", S(new OneCycleShape(DivFactor: double.Epsilon)), RuleKind.InvalidArgument, "OneCycle", 0, "DivFactor", -1, "OneCycle.DivFactor = 5E-324: is too small: the start factor 1 / DivFactor overflows to infinity." },
            { "oc final eps", S(new OneCycleShape(FinalDivFactor: double.Epsilon)), RuleKind.InvalidArgument, "OneCycle", 0, "FinalDivFactor", -1, "OneCycle.FinalDivFactor = 5E-324: is too small: the final factor 1 / DivFactor / FinalDivFactor overflows to infinity." },
            { "exp growth", S(new ExponentialShape(1e308)), RuleKind.InvalidArgument, "Exponential", 0, "Gamma", -1, "Exponential.Gamma = 1E+308: grows without bound: Gamma^100 (at time 100) overflows to infinity; use a value <= 1, a shorter horizon or PastHorizon(Hold)." },
            { "exp eps", S(new ExponentialShape(0.5, double.Epsilon)), RuleKind.InvalidArgument, "Exponential", 0, "DecaySteps", -1, "Exponential.DecaySteps = 5E-324: is too short: 100 / DecaySteps overflows to infinity (the rate would be NaN)." },
            { "step growth continue", S(new LinearDecayShape(), new StepDecayShape(10, double.MaxValue)) with { PastHorizon = PastHorizonPolicy.Continue }, RuleKind.InvalidArgument, "StepDecay", 1, "Gamma", -1,
                "StepDecay.Gamma = 1.7976931348623157E+308: grows without bound: Gamma^9.223372036854776E+17 (at time 9.223372036854776E+18) overflows to infinity; use a value <= 1, a shorter horizon or PastHorizon(Hold)." },
            { "ms growth", S(new MultiStepShape(Ms(10, 20), 1e200)), RuleKind.InvalidArgument, "MultiStep", 0, "Gamma", -1, "MultiStep.Gamma = 1E+200: grows without bound: Gamma^2 (at time 100) overflows to infinity; use a value <= 1, a shorter horizon or PastHorizon(Hold)." },
            { "growth product", S(new ExponentialShape(1e200, 100), new MultiStepShape(Ms(10), 1e200)), RuleKind.InvalidArgument, "MultiStep", 1, null, -1, "MultiStep: its largest factor (1E+200) times the other shapes' (1E+200) overflows to infinity; lower the growth." },
            { "pw value", S(new PiecewiseConstantShape(Ms(10), Ms(1e308, 0.1))), RuleKind.InvalidArgument, "PiecewiseConstant", 0, "Values", 0, "PiecewiseConstant.Values[0] = 1E+308: divided by the peak rate 0.1 it overflows to infinity." },
            { "horizon continue", ScheduleDefinition.Create(Peak, TimeUnit.Steps, 1e-300) with { PastHorizon = PastHorizonPolicy.Continue }, RuleKind.InvalidArgument, "Steps", -1, "Count", -1, "Steps.Count = 1E-300: is too short: 9.223372036854776E+18 / Count overflows to infinity (the rate would be NaN)." },
            // Two spellings of one end, absolute rates next to the cycle's top, the restart lengths near the top of the doubles.
            { "rst end twice", S(new CosineRestartsShape(10, 1, 0.01, EndValue: 0.02)), RuleKind.InvalidArgument, "CosineRestarts", 0, "EndValue", -1, "CosineRestarts.EndValue = 0.02: MinLr = 0.01 is declared too; both are the end value, declare one of them." },
            { "rst end high", S(new CosineRestartsShape(10, EndValue: 0.2)), RuleKind.InvalidArgument, "CosineRestarts", 0, "EndValue", -1, "CosineRestarts.EndValue = 0.2: must not exceed the peak learning rate 0.1." },
            { "rst mult overflow", S(new CosineRestartsShape(1e308, 2)), RuleKind.InvalidArgument, "CosineRestarts", 0, "TMult", -1, "CosineRestarts.TMult = 2: is too large: the cycle lengths T0 * TMult^n overflow to infinity before time 100." },
            { "poly end twice", S(new PolynomialShape(1, 0.01, null, 0.02)), RuleKind.InvalidArgument, "Polynomial", 0, "EndValue", -1, "Polynomial.EndValue = 0.02: EndLr = 0.01 is declared too; both are the end value, declare one of them." },
            { "poly end value", S(new PolynomialShape(1, 0, null, -0.5)), RuleKind.InvalidArgument, "Polynomial", 0, "EndValue", -1, "Polynomial.EndValue = -0.5: must be a finite rate >= 0." },
            { "lin end twice", S(new LinearDecayShape(1, 0.5, null, 0.02)), RuleKind.InvalidArgument, "LinearDecay", 0, "EndValue", -1, "LinearDecay.EndValue = 0.02: EndFactor = 0.5 is declared too; both give the end, declare one of them." },
            { "lin end value", S(new LinearDecayShape(1, 0, null, -1)), RuleKind.InvalidArgument, "LinearDecay", 0, "EndValue", -1, "LinearDecay.EndValue = -1: must be a finite number >= 0." },
            { "lin end overflow", S(new LinearDecayShape(1, 0, null, 1e308)), RuleKind.InvalidArgument, "LinearDecay", 0, "EndValue", -1, "LinearDecay.EndValue = 1E+308: divided by the peak learning rate 0.1 it overflows to infinity." },
            { "cos end twice", S(new CosineShape(0.01, null, 0.02)), RuleKind.InvalidArgument, "Cosine", 0, "EndValue", -1, "Cosine.EndValue = 0.02: MinLr = 0.01 is declared too; both are the end value, declare one of them." },
            { "cyc down overflow, shown", S(new CyclicShape(0, 1e308, 9e307)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeDown", -1, "Cyclic.StepSizeDown = 9E+307: the cycle length StepSizeUp + StepSizeDown overflows to infinity." },
            // A negative StepSizeDown is its own error, not also a cycle "too small" for StepSizeUp.
            { "cyc down neg", S(new CyclicShape(0.01, 3, -5)), RuleKind.InvalidArgument, "Cyclic", 0, "StepSizeDown", -1, "Cyclic.StepSizeDown = -5: must be a finite number greater than 0." },
            { "cyc max", S(new CyclicShape(0, 10).WithMaxLr(0)), RuleKind.InvalidArgument, "Cyclic", 0, "MaxLr", -1, "Cyclic.MaxLr = 0: must be a finite number greater than 0." },
            { "cyc max NaN", S(new CyclicShape(0.01, 10).WithMaxLr(double.NaN)), RuleKind.InvalidArgument, "Cyclic", 0, "MaxLr", -1, "Cyclic.MaxLr = NaN: must be a finite number greater than 0." },
            { "cyc base over max", S(new CyclicShape(0.01, 10).WithMaxLr(0.005)), RuleKind.InvalidArgument, "Cyclic", 0, "BaseLr", -1, "Cyclic.BaseLr = 0.01: must not exceed MaxLr = 0.005." },
            { "cyc base neg", S(new CyclicShape(-1, 10).WithMaxLr(0.2)), RuleKind.InvalidArgument, "Cyclic", 0, "BaseLr", -1, "Cyclic.BaseLr = -1: must be a finite rate >= 0." },
            { "cyc base inf", S(new CyclicShape(double.PositiveInfinity, 10).WithMaxLr(0.2)), RuleKind.InvalidArgument, "Cyclic", 0, "BaseLr", -1, "Cyclic.BaseLr = Infinity: must be a finite rate >= 0." },
            // The latest time a tick reaches: the horizon (at most long.MaxValue steps) unless the schedule continues past it.
            { "period, no horizon", Steps(null, new CosineShape(0, double.Epsilon)), RuleKind.InvalidArgument, "Cosine", 0, "Period", -1, "Cosine.Period = 5E-324: is too short: 9.223372036854776E+18 / Period overflows to infinity (the rate would be NaN)." },
            { "period, horizon past long", Steps(1e300, new CosineShape(0, 1e-300)), RuleKind.InvalidArgument, "Cosine", 0, "Period", -1, "Cosine.Period = 1E-300: is too short: 9.223372036854776E+18 / Period overflows to infinity (the rate would be NaN)." },
            { "period, throw", S(new CosineShape(0, 1e-307)) with { PastHorizon = PastHorizonPolicy.Throw }, RuleKind.InvalidArgument, "Cosine", 0, "Period", -1, "Cosine.Period = 1E-307: is too short: 100 / Period overflows to infinity (the rate would be NaN)." },
            { "period, continue", S(new CosineShape(0, 1e-300)) with { PastHorizon = PastHorizonPolicy.Continue }, RuleKind.InvalidArgument, "Cosine", 0, "Period", -1, "Cosine.Period = 1E-300: is too short: 9.223372036854776E+18 / Period overflows to infinity (the rate would be NaN)." },
            { "custom", S(new CustomShape("")), RuleKind.InvalidArgument, "CustomFactor", 0, "MethodName", -1, "CustomFactor.MethodName is empty: name a static method of the class, e.g. nameof(MyFactor)." },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Each_rule_reports_kind_location_and_message(string name, ScheduleDefinition d, RuleKind kind, string component,
            int index, string? parameter, int element, string message)
        {
            // A growing decay's warning (SDL0020) may come with the error; the error is the one rule under test here.
            RuleViolation v = Assert.Single(d.Validate(), r => r.Severity == RuleSeverity.Error);
            Assert.Equal((kind, RuleSeverity.Error, component, index, parameter, element, message),
                (v.Kind, v.Severity, v.Component, v.ComponentIndex, v.Parameter, v.ElementIndex, v.Message));

            var e = Assert.Throws<ScheduleValidationException>(() => d.Compile());
            Assert.Equal(parameter is null ? component : component + "." + parameter, e.ParamName);
            Assert.StartsWith(message, e.Message);
            Assert.Same(v.GetType(), e.Violation.GetType());
            Assert.Equal(v, e.Violation);
            Assert.NotNull(name);
        }

        [Fact]
        public void A_step_period_beyond_the_horizon_is_a_warning_and_still_compiles()
        {
            var d = S(new WarmupPhase(10), new StepDecayShape(90));
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.NeverFires, RuleSeverity.Warning, "StepDecay", 1, "StepSize", -1,
                "StepDecay.StepSize = 90: the first decay would come at or after the end of training (90 after warmup/hold), so it never fires."),
                (v.Kind, v.Severity, v.Component, v.ComponentIndex, v.Parameter, v.ElementIndex, v.Message));
            Assert.NotNull(d.Compile());
        }

        [Fact]
        public void A_milestone_beyond_the_horizon_is_a_warning_on_that_element()
        {
            var d = S(new WarmupPhase(10), new MultiStepShape(Ms(10, 95)));
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.NeverFires, RuleSeverity.Warning, "MultiStep", 1, "Milestones", 1,
                "MultiStep.Milestones[1] = 95: at or after the end of training (90 after warmup/hold), so it never fires."),
                (v.Kind, v.Severity, v.Component, v.ComponentIndex, v.Parameter, v.ElementIndex, v.Message));
            Assert.NotNull(d.Compile());
        }

        [Theory]
        [InlineData("StepDecay", 1.5)]
        [InlineData("MultiStep", 2.0)]
        [InlineData("Exponential", 1.05)]
        [InlineData("Cyclic", 1.001)]
        public void A_decay_factor_above_one_is_a_growing_decay_warning_and_still_compiles(string family, double gamma)
        {
            ScheduleComponent shape = family switch
            {
                "StepDecay" => new StepDecayShape(30, gamma),
                "MultiStep" => new MultiStepShape(Ms(30, 60), gamma),
                "Exponential" => new ExponentialShape(gamma),
                _ => new CyclicShape(0.01, 10, Mode: CyclicMode.ExpRange, Gamma: gamma),
            };
            var d = S(shape);
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal((RuleKind.GrowingDecay, RuleSeverity.Warning, family, 0, "Gamma", -1,
                $"{family}.Gamma = {gamma.ToString(System.Globalization.CultureInfo.InvariantCulture)}: a decay factor above 1 makes the rate grow over training instead of shrinking (past the declared peak); use a factor between 0 and 1 (e.g. 0.1)."),
                (v.Kind, v.Severity, v.Component, v.ComponentIndex, v.Parameter, v.ElementIndex, v.Message));
            Assert.NotNull(d.Compile());
        }

        [Fact]
        public void A_factor_of_one_and_an_unused_cyclic_gamma_are_not_growing()
        {
            Assert.Empty(S(new StepDecayShape(30, 1.0)).Validate());
            Assert.Empty(S(new CyclicShape(0.01, 10, Mode: CyclicMode.Triangular, Gamma: 1.5)).Validate());
        }

        [Fact]
        public void An_invalid_peak_is_one_error_not_a_cascade_on_the_rates_compared_with_it()
        {
            var d = ScheduleDefinition.Create(-0.1, TimeUnit.Steps, 100, new CosineShape(), new CyclicShape(0.001, 10))
                with { Floor = 0.001 };
            RuleViolation v = Assert.Single(d.Validate());
            Assert.Equal("LearningRate.Rate = -0.1: must be a finite number greater than 0.", v.Message);
        }

        [Fact]
        public void Violations_come_in_declaration_order_and_Compile_throws_the_first_error()
        {
            var d = S(new WarmupPhase(0), new CosineShape(0.5), new StepDecayShape(10, 0));
            Assert.Equal(new[] { "Warmup.Length", "Cosine.MinLr", "StepDecay.Gamma" }, d.Validate().Select(v => v.QualifiedParameter));
            Assert.Equal("Warmup.Length", Assert.Throws<ScheduleValidationException>(() => d.Compile()).ParamName);
        }

        [Fact]
        public void The_floor_replaces_NaN_and_keeps_every_other_value_bit_for_bit()
        {
            Assert.Equal(0.25, ScheduleDsl.Composition.CompositionSteps.ApplyFloor(double.NaN, 0.25));
            Assert.Equal(0.5, ScheduleDsl.Composition.CompositionSteps.ApplyFloor(0.5, 0.25));
            Assert.Equal(0.25, ScheduleDsl.Composition.CompositionSteps.ApplyFloor(0.1, 0.25));
            Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(ScheduleDsl.Composition.CompositionSteps.ApplyFloor(-0.0, 0.0)));
        }

        [Fact]
        public void Growth_within_the_horizon_is_accepted_and_its_largest_rate_is_reached()
        {
            // 2^(100 / 10) = 1024 at the horizon, held there: finite, so accepted.
            var d = S(new ExponentialShape(2, 10));
            Assert.Equal(RuleKind.GrowingDecay, Assert.Single(d.Validate()).Kind); // a warning (SDL0020), not an error
            Assert.DoesNotContain(d.Validate(), r => r.Severity == RuleSeverity.Error);
            Assert.Equal(Peak * 1024, d.Compile().RateAt(1e6));
        }

        [Fact]
        public void The_runtime_Schedule_validates_too()
        {
            var e = Assert.Throws<ScheduleValidationException>(() => new ScheduleDsl.Composition.Schedule(S(new CosineShape(Period: -1))));
            Assert.Equal("Cosine.Period", e.ParamName);
        }
    }
}
