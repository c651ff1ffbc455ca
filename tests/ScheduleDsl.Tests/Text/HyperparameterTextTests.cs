using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.Text
{
    /// <summary>How each hyperparameter kind is named in logs, messages and generated docs, and which names a
    /// <c>[Hyperparameter]</c> may take (a TensorBoard tag or checkpoint key: letters, digits, <c>_ . - /</c>).</summary>
    public class HyperparameterTextTests
    {
        [Theory]
        [InlineData(HyperparameterKind.LearningRate, "lr", "learning rate", "Learning rate", "LearningRate", "Rate")]
        [InlineData(HyperparameterKind.WeightDecay, "weight_decay", "weight decay", "Weight decay", "WeightDecay", "Value")]
        [InlineData(HyperparameterKind.Momentum, "momentum", "momentum", "Momentum", "Momentum", "Value")]
        [InlineData(HyperparameterKind.EmaDecay, "ema_decay", "EMA decay", "EMA decay", "EmaDecay", "Value")]
        [InlineData(HyperparameterKind.Temperature, "temperature", "temperature", "Temperature", "Temperature", "Value")]
        [InlineData(HyperparameterKind.Other, null, "loss_weight", "Hyperparameter loss_weight", "Hyperparameter", "Value")]
        public void Each_kind_has_its_names(HyperparameterKind kind, string? logName, string noun, string title, string marker, string valueParameter)
        {
            Assert.Equal(logName, HyperparameterKinds.NameOf(kind));
            Assert.Equal(noun, HyperparameterKinds.Noun(kind, "loss_weight"));
            Assert.Equal(title, HyperparameterKinds.Title(kind, "loss_weight"));
            Assert.Equal(marker, DslName.Of(HyperparameterKinds.MarkerOf(kind)));
            Assert.Equal(valueParameter, HyperparameterKinds.ValueParameterOf(kind));
        }

        [Fact]
        public void An_unnamed_hyperparameter_is_called_so()
        {
            Assert.Equal("hyperparameter", HyperparameterKinds.Noun(HyperparameterKind.Other, null));
            Assert.Equal("Hyperparameter ", HyperparameterKinds.Title(HyperparameterKind.Other, null));
            Assert.Equal(typeof(HyperparameterAttribute), HyperparameterKinds.MarkerOf((HyperparameterKind)99));
        }

        [Fact]
        public void Only_kinds_bounded_by_one_or_by_zero_say_so()
        {
            Assert.True(HyperparameterKinds.IsAtMostOne(HyperparameterKind.Momentum));
            Assert.True(HyperparameterKinds.IsAtMostOne(HyperparameterKind.EmaDecay));
            Assert.False(HyperparameterKinds.IsAtMostOne(HyperparameterKind.Temperature));
            Assert.False(HyperparameterKinds.IsAtMostOne(HyperparameterKind.LearningRate));
            Assert.True(HyperparameterKinds.IsPositive(HyperparameterKind.Temperature));
            Assert.False(HyperparameterKinds.IsPositive(HyperparameterKind.Momentum));
        }

        [Theory]
        [InlineData("loss_weight")]
        [InlineData("azAZ09_.-/")]
        [InlineData("train/loss-weight.v2")]
        [InlineData("lr2")] // a kind's name with more, not a kind's name
        public void Tag_like_names_are_accepted(string name) => Assert.Null(HyperparameterKinds.NameProblem(name));

        [Theory]
        [InlineData("loss weight")]
        [InlineData("a`")] // the characters either side of each accepted range
        [InlineData("a{")]
        [InlineData("@a")]
        [InlineData("a[")]
        [InlineData("a:")]
        [InlineData("a,")]
        [InlineData("é")]
        public void Other_characters_are_refused(string name) =>
            Assert.Equal("may hold only letters, digits, '_', '.', '-' and '/' (it names the schedule in logs and checkpoints)", HyperparameterKinds.NameProblem(name));

        [Fact]
        public void An_empty_name_or_a_kinds_name_is_refused()
        {
            Assert.Equal("is empty: name the hyperparameter, e.g. \"loss_weight\"", HyperparameterKinds.NameProblem(null));
            Assert.Equal("is empty: name the hyperparameter, e.g. \"loss_weight\"", HyperparameterKinds.NameProblem(""));
            Assert.Equal("is the name of [LearningRate]; declare that marker instead, so the rules of its kind apply", HyperparameterKinds.NameProblem("lr"));
            Assert.Equal("is the name of [Temperature]; declare that marker instead, so the rules of its kind apply", HyperparameterKinds.NameProblem("temperature"));
        }
    }
}
