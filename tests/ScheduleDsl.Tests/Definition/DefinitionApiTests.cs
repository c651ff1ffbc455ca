using System;
using System.Linq;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Definition
{
    /// <summary>The definition's helpers generated code calls before C# 9 (what <c>with</c> does), its names, and the
    /// value-equal array every list argument is held in.</summary>
    public class DefinitionApiTests
    {
        private static readonly ScheduleDefinition D = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new CosineShape());

        [Fact]
        public void The_with_helpers_set_exactly_what_with_sets()
        {
            Assert.Equal(D with { Floor = 0.001, PastHorizon = PastHorizonPolicy.Throw }, D.WithLimits(0.001, PastHorizonPolicy.Throw));
            Assert.Equal(D with { Floor = null, PastHorizon = PastHorizonPolicy.Continue }, D.WithLimits(null, PastHorizonPolicy.Continue));
            Assert.Equal(D with { Minimums = MinimumScaling.Absolute }, D.WithMinimums(MinimumScaling.Absolute));
            Assert.Equal(D with { Kind = HyperparameterKind.Other, Name = "loss_weight" }, D.WithKind(HyperparameterKind.Other, "loss_weight"));
            Assert.Equal(D with { Kind = HyperparameterKind.Momentum }, D.WithKind(HyperparameterKind.Momentum));
            Assert.Equal(new CosineShape() { From = 1, Until = 2 }, new CosineShape().WithWindow(1, 2));
            Assert.Equal(new CosineShape() { From = 1, Until = null, StartAt = 3 }, new CosineShape().WithWindow(1, null, 3));
            Assert.Equal(new CyclicShape(0.01, 5) { MaxLr = 0.2 }, new CyclicShape(0.01, 5).WithMaxLr(0.2));
        }

        [Fact]
        public void Defaults_and_names()
        {
            Assert.Equal((PastHorizonPolicy.Hold, MinimumScaling.Scaled, HyperparameterKind.LearningRate, (string?)null, (double?)null),
                (D.PastHorizon, D.Minimums, D.Kind, D.Name, D.Floor));
            Assert.Equal(0.1, D.BaseValue);
            Assert.Equal("lr", D.HyperparameterName);
            Assert.Equal("weight_decay", D.WithKind(HyperparameterKind.WeightDecay).HyperparameterName);
            Assert.Equal("loss_weight", D.WithKind(HyperparameterKind.Other, "loss_weight").HyperparameterName);
            Assert.Equal("", D.WithKind(HyperparameterKind.Other).HyperparameterName);
            Assert.Equal(D.Canonical, D.ToString());
            Assert.Equal("sdl1;lr=0.1;unit=Epochs;horizon=90;floor=none;past=Hold;cos(0,auto)", D.Canonical);
            Assert.Equal("sdl1;lr=0.1;unit=Steps;horizon=none;floor=0.001;past=Throw;minimums=Absolute;kind=Other;name=\"a b\"",
                (ScheduleDefinition.Create(0.1, TimeUnit.Steps, null) with { Floor = 0.001, PastHorizon = PastHorizonPolicy.Throw, Minimums = MinimumScaling.Absolute })
                    .WithKind(HyperparameterKind.Other, "a b").Canonical);
        }

        [Fact]
        public void Compiling_validates_unless_validated_already()
        {
            var invalid = ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new CosineShape(Period: -1));
            Assert.Throws<ScheduleDsl.Validation.ScheduleValidationException>(() => invalid.Compile());
            CompiledSchedule compiled = D.CompileValidated();
            Assert.Same(D, compiled.Definition);
            Assert.Equal(0.1 * ScheduleDsl.Families.Cosine.Factor(45, 90, 0), compiled.RateAt(45));
        }

        [Fact]
        public void Equatable_arrays_compare_their_elements()
        {
            var a = new EquatableArray<double>(new[] { 1.0, 2.0 });
            var same = new EquatableArray<double>(new[] { 1.0, 2.0 });
            var swapped = new EquatableArray<double>(new[] { 2.0, 1.0 });
            var longer = new EquatableArray<double>(new[] { 1.0, 2.0, 3.0 });
            Assert.True(a == same);
            Assert.False(a != same);
            Assert.True(a != swapped);
            Assert.False(a == longer);
            Assert.False(longer.Equals(a));
            Assert.True(a.Equals((object)same));
            Assert.False(a.Equals((object)new[] { 1.0, 2.0 }));
            Assert.Equal(a.GetHashCode(), same.GetHashCode());
            Assert.NotEqual(a.GetHashCode(), swapped.GetHashCode());
            Assert.NotEqual(a.GetHashCode(), new EquatableArray<double>(new[] { 1.0 }).GetHashCode());
            Assert.Equal(2, a.Count);
            Assert.Equal(2.0, a[1]);
            Assert.Equal(new[] { 1.0, 2.0 }, a.ToArray());
            Assert.Equal(new[] { 1.0, 2.0 }, a.Select(x => x));
            Assert.Equal(new object[] { 1.0, 2.0 }, ((System.Collections.IEnumerable)a).Cast<object>());
        }

        [Fact]
        public void An_equatable_array_keeps_its_own_copy()
        {
            double[] source = { 1.0, 2.0 };
            var a = new EquatableArray<double>(source);
            source[0] = 9.0;
            double[] copy = a.ToArray();
            copy[1] = 9.0;
            Assert.Equal(new[] { 1.0, 2.0 }, a.ToArray());
        }

        [Fact]
        public void A_default_equatable_array_is_empty()
        {
            EquatableArray<double> none = default;
            Assert.True(none.Count == 0);
            Assert.Empty(none);
            Assert.Empty(none.ToArray());
            Assert.True(none == new EquatableArray<double>(Array.Empty<double>()));
            Assert.Equal(new EquatableArray<double>(Array.Empty<double>()).GetHashCode(), none.GetHashCode());
        }
    }
}
