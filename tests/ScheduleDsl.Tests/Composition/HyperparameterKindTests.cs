using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using ScheduleDsl.Validation;
using Xunit;

namespace ScheduleDsl.Tests.Composition
{
    /// <summary>Schedules of other hyperparameters than the learning rate (issue 15) in the core: the kind in the definition and its
    /// fingerprint, the runtime <see cref="Schedule"/> as an <see cref="IHyperparameterSchedule"/>, EndValue, and each kind's rules.</summary>
    public class HyperparameterKindTests
    {
        private static ScheduleDefinition Epochs100(double value, params ScheduleComponent[] components) =>
            ScheduleDefinition.Create(value, TimeUnit.Epochs, 100, components);

        [Fact]
        public void A_learning_rate_definition_keeps_its_text_and_fingerprint()
        {
            ScheduleDefinition rate = Epochs100(0.1, new WarmupPhase(5), new CosineShape(1e-4));
            Assert.Equal("sdl1;lr=0.1;unit=Epochs;horizon=100;floor=none;past=Hold;warmup(5,Linear,0);cos(0.0001,auto)", rate.Canonical);
            Assert.Equal(rate, rate.WithKind(HyperparameterKind.LearningRate));
            Assert.Equal("lr", rate.HyperparameterName);
        }

        [Fact]
        public void The_kind_and_name_enter_the_text_so_equal_curves_of_two_kinds_differ()
        {
            ScheduleDefinition rate = Epochs100(0.04, new CosineShape(0.0, null, 0.4));
            ScheduleDefinition decay = rate.WithKind(HyperparameterKind.WeightDecay);
            ScheduleDefinition weight = rate.WithKind(HyperparameterKind.Other, "loss_weight");
            Assert.EndsWith(";kind=WeightDecay;cos(0.4,auto)", decay.Canonical);
            Assert.EndsWith(";kind=Other;name=loss_weight;cos(0.4,auto)", weight.Canonical);
            Assert.Equal(3, new[] { rate.Fingerprint, decay.Fingerprint, weight.Fingerprint }.Distinct().Count());
            // EndValue and MinLr are two spellings of one cosine: one fingerprint.
            Assert.Equal(Epochs100(0.04, new CosineShape(0.4)).WithKind(HyperparameterKind.WeightDecay).Fingerprint, decay.Fingerprint);
            Assert.Equal("weight_decay", decay.HyperparameterName);
            Assert.Equal("loss_weight", weight.HyperparameterName);
        }

        /// <summary>DINO's cosines written out: v(t) = end + (base - end)(1 + cos(pi t / T)) / 2.</summary>
        [Theory]
        [InlineData(HyperparameterKind.WeightDecay, "weight_decay", 0.04, 0.4)]
        [InlineData(HyperparameterKind.EmaDecay, "ema_decay", 0.996, 1.0)]
        [InlineData(HyperparameterKind.Temperature, "temperature", 0.07, 0.04)]
        [InlineData(HyperparameterKind.Momentum, "momentum", 0.95, 0.85)]
        public void The_runtime_schedule_is_a_hyperparameter_schedule_of_its_kind(HyperparameterKind kind, string name, double start, double end)
        {
            IHyperparameterSchedule schedule = new Schedule(Epochs100(start, new CosineShape(EndValue: end)).WithKind(kind), stepsPerEpoch: 10);
            Assert.Equal(kind, schedule.Kind);
            Assert.Equal(name, schedule.Name);
            Assert.Equal(start, schedule.BaseValue);
            for (int step = 0; step <= 1000; step++)
            {
                double t = step / 10.0;
                double expected = end + (start - end) * (1 + Math.Cos(Math.PI * t / 100)) / 2;
                Assert.True(Math.Abs(expected - schedule.CurrentValue) <= 1e-12 * expected, $"{kind} at epoch {t}: {expected:R} vs {schedule.CurrentValue:R}");
                Assert.Equal(schedule.BaseValue * schedule.CurrentFactor, schedule.CurrentValue);
                schedule.Advance();
            }
            Assert.Equal(end, schedule.CurrentValue, 15);
        }

        [Fact]
        public void LinearDecay_and_Polynomial_take_an_absolute_end_value()
        {
            var linear = new Schedule(Epochs100(0.04, new LinearDecayShape(EndValue: 0.4)).WithKind(HyperparameterKind.WeightDecay));
            var poly = new Schedule(Epochs100(0.99, new PolynomialShape(2.0, EndValue: 1.0)).WithKind(HyperparameterKind.EmaDecay));
            foreach (int epoch in new[] { 0, 25, 50, 100 })
            {
                linear.Seek(epoch);
                poly.Seek(epoch);
                Assert.Equal(0.04 + (0.4 - 0.04) * epoch / 100, linear.CurrentValue, 14);
                Assert.Equal(1.0 + (0.99 - 1.0) * Math.Pow(1 - epoch / 100.0, 2), poly.CurrentValue, 14);
            }
        }

        public static TheoryData<string, ScheduleDefinition, string, string?, string> Violations() => new()
        {
            { "ema base", Epochs100(1.2).WithKind(HyperparameterKind.EmaDecay), "EmaDecay", "Value", "EmaDecay.Value = 1.2: an EMA decay must lie within [0, 1]." },
            { "ema end", Epochs100(0.996, new CosineShape(EndValue: 1.01)).WithKind(HyperparameterKind.EmaDecay), "Cosine", "EndValue", "Cosine.EndValue = 1.01: an EMA decay must lie within [0, 1]." },
            { "momentum min", Epochs100(0.9, new CosineShape(1.5)).WithKind(HyperparameterKind.Momentum), "Cosine", "MinLr", "Cosine.MinLr = 1.5: a momentum must lie within [0, 1]." },
            // 1.001^100 at the horizon (held there).
            { "ema growth", Epochs100(0.99, new ExponentialShape(1.001)).WithKind(HyperparameterKind.EmaDecay), "Exponential", null,
                $"Exponential: lifts the EMA decay to {R(0.99 * Math.Pow(1.001, 100))} (0.99 x its largest factor {R(Math.Pow(1.001, 100))}), above 1; an EMA decay must lie within [0, 1]." },
            // Each shape alone stays within 1; together they pass it: reported on the one that lifts it, with the others' share.
            { "ema growth of two", Epochs100(0.5, new ExponentialShape(1.005), new ExponentialShape(1.005)).WithKind(HyperparameterKind.EmaDecay), "Exponential", null,
                $"Exponential: lifts the EMA decay to {R(0.5 * (Math.Pow(1.005, 100) * Math.Pow(1.005, 100)))} (0.5 x its largest factor {R(Math.Pow(1.005, 100))} x the other shapes' {R(Math.Pow(1.005, 100))}), above 1; an EMA decay must lie within [0, 1]." },
            // A whole schedule counts too: a one-cycle starting at 2 x the base.
            { "momentum one-cycle", ScheduleDefinition.Create(0.9, TimeUnit.Steps, 100, new OneCycleShape(DivFactor: 0.5)).WithKind(HyperparameterKind.Momentum), "OneCycle", null,
                "OneCycle: lifts the momentum to 1.8 (0.9 x its largest factor 2), above 1; a momentum must lie within [0, 1]." },
            { "temperature hold then linear to 0", Epochs100(0.1, new HoldPhase(5), new LinearDecayShape()).WithKind(HyperparameterKind.Temperature), "LinearDecay", null,
                "LinearDecay: brings the temperature to 0 (its lowest factor is 0); a temperature must stay above 0: give it an end above 0 (EndValue, MinLr...) or declare [Floor(value)]." },
            { "temperature cosine to 0", Epochs100(0.1, new CosineShape()).WithKind(HyperparameterKind.Temperature), "Cosine", "MinLr",
                "Cosine.MinLr = 0: a temperature must stay above 0 (or declare [Floor(value)])." },
            { "temperature warmup from 0", Epochs100(0.1, new WarmupPhase(5), new ExponentialShape(0.97)).WithKind(HyperparameterKind.Temperature), "Warmup", null,
                "Warmup: brings the temperature to 0 (its lowest factor is 0); a temperature must stay above 0: give it an end above 0 (EndValue, MinLr...) or declare [Floor(value)]." },
            { "temperature end 0", Epochs100(0.1, new PolynomialShape(EndValue: 0)).WithKind(HyperparameterKind.Temperature), "Polynomial", "EndValue",
                "Polynomial.EndValue = 0: a temperature must stay above 0 (or declare [Floor(value)])." },
            { "wd end negative", Epochs100(0.04, new CosineShape(EndValue: -0.1)).WithKind(HyperparameterKind.WeightDecay), "Cosine", "EndValue", "Cosine.EndValue = -0.1: must be a finite number >= 0." },
            { "two ends", Epochs100(0.04, new CosineShape(0.1, null, 0.4)).WithKind(HyperparameterKind.WeightDecay), "Cosine", "EndValue",
                "Cosine.EndValue = 0.4: MinLr = 0.1 is declared too; both are the end value, declare one of them." },
            { "no name", Epochs100(1.0).WithKind(HyperparameterKind.Other), "Hyperparameter", "Name", "Hyperparameter.Name = null: is empty: name the hyperparameter, e.g. \"loss_weight\"." },
            { "reserved name", Epochs100(1.0).WithKind(HyperparameterKind.Other, "momentum"), "Hyperparameter", "Name",
                "Hyperparameter.Name = \"momentum\": is the name of [Momentum]; declare that marker instead, so the rules of its kind apply." },
            { "name chars", Epochs100(1.0).WithKind(HyperparameterKind.Other, "loss weight"), "Hyperparameter", "Name",
                "Hyperparameter.Name = \"loss weight\": may hold only letters, digits, '_', '.', '-' and '/' (it names the schedule in logs and checkpoints)." },
            { "name on a kind", Epochs100(0.04).WithKind(HyperparameterKind.WeightDecay, "wd"), "WeightDecay", null,
                "WeightDecay: a weight decay schedule goes by 'weight_decay' and takes no name (Name = \"wd\"); only [Hyperparameter] is named." },
            { "restarts end above base", Epochs100(0.04, new CosineRestartsShape(10, EndValue: 0.4)).WithKind(HyperparameterKind.WeightDecay), "CosineRestarts", "EndValue",
                "CosineRestarts.EndValue = 0.4: must not exceed the base weight decay 0.04." },
            { "lr end above peak", Epochs100(0.1, new PolynomialShape(EndValue: 0.2)), "Polynomial", "EndValue", "Polynomial.EndValue = 0.2: must not exceed the peak learning rate 0.1." },
        };

        private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        [Theory]
        [MemberData(nameof(Violations))]
        public void Each_kind_refuses_values_outside_its_range_on_the_argument_at_fault(string name, ScheduleDefinition definition, string component, string? parameter, string message)
        {
            RuleViolation violation = Assert.Single(definition.Validate(), v => v.Severity == RuleSeverity.Error);
            Assert.Equal((component, parameter, message), (violation.Component, violation.Parameter, violation.Message));
            var thrown = Assert.Throws<ScheduleValidationException>(() => new Schedule(definition));
            Assert.Equal(violation.QualifiedParameter, thrown.ParamName);
            Assert.False(string.IsNullOrEmpty(name));
        }

        [Fact]
        public void An_EMA_end_above_1_suggests_1()
        {
            RuleViolation violation = Epochs100(0.996, new CosineShape(EndValue: 1.2)).WithKind(HyperparameterKind.EmaDecay).Validate().Single();
            Assert.Equal(1.0, violation.SuggestedValue);
        }

        public static TheoryData<string, ScheduleDefinition> Accepted() => new()
        {
            { "ema to 1", Epochs100(0.996, new CosineShape(EndValue: 1.0)).WithKind(HyperparameterKind.EmaDecay) },
            { "ema constant 1", Epochs100(1.0).WithKind(HyperparameterKind.EmaDecay) },
            { "wd rising cosine, no SDL0017", Epochs100(0.04, new CosineShape(EndValue: 0.4)).WithKind(HyperparameterKind.WeightDecay) },
            { "temperature with floor", Epochs100(0.1, new WarmupPhase(5), new CosineShape(), new PlateauReduction()).WithKind(HyperparameterKind.Temperature) with { Floor = 0.01 } },
            { "momentum within 1, exactly", ScheduleDefinition.Create(0.5, TimeUnit.Steps, 100, new OneCycleShape(DivFactor: 0.5)).WithKind(HyperparameterKind.Momentum) },
            { "temperature with its own positive end", Epochs100(0.1, new LinearDecayShape(1, 0.5)).WithKind(HyperparameterKind.Temperature) },
            { "temperature exponential", Epochs100(1.0, new ExponentialShape(0.97)).WithKind(HyperparameterKind.Temperature) },
            { "momentum one-cycle", ScheduleDefinition.Create(0.95, TimeUnit.Steps, 1000, new OneCycleShape()).WithKind(HyperparameterKind.Momentum) },
            { "named weight", Epochs100(2.0, new LinearDecayShape(EndValue: 0.5)).WithKind(HyperparameterKind.Other, "loss/kd-weight_2.0") },
        };

        [Theory]
        [MemberData(nameof(Accepted))]
        public void Values_within_each_kind_are_accepted_without_a_warning(string name, ScheduleDefinition definition)
        {
            Assert.True(definition.Validate().Count == 0, name + ": " + string.Join("; ", definition.Validate().Select(v => v.Message)));
        }

        [Fact]
        public void The_learning_rate_rules_keep_their_words_and_apply_to_learning_rates_only()
        {
            // A rising cosine is flagged (SDL0017) for a rate only.
            Assert.Equal(RuleKind.RisingShape, Epochs100(0.04, new CosineShape(EndValue: 0.4)).Validate().Single().Kind);
            // A growing decay speaks of the kind's value.
            RuleViolation growth = Epochs100(0.04, new StepDecayShape(30, 1.5)).WithKind(HyperparameterKind.WeightDecay).Validate().Single();
            Assert.Equal(RuleKind.GrowingDecay, growth.Kind);
            Assert.Contains("makes the weight decay grow over training instead of shrinking (past the declared base)", growth.Message);
        }

        [Fact]
        public void Values_are_invariant_under_de_DE()
        {
            CultureInfo previous = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                ScheduleDefinition decay = Epochs100(0.04, new CosineShape(EndValue: 0.4)).WithKind(HyperparameterKind.WeightDecay);
                Assert.Contains("lr=0.04;", decay.Canonical);
                Assert.Contains("cos(0.4,auto)", decay.Canonical);
                string message = Epochs100(0.996, new CosineShape(EndValue: 1.5)).WithKind(HyperparameterKind.EmaDecay).Validate().Single().Message;
                Assert.Equal("Cosine.EndValue = 1.5: an EMA decay must lie within [0, 1].", message);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }
    }
}
