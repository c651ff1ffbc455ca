using Xunit;

namespace ScheduleDsl.Tests.Definition
{
    /// <summary>The attributes are public types read by reflection too (a training script logging its schedule): each
    /// constructor keeps its arguments in the properties of the same name, and [Steps] without a count says "no horizon"
    /// with -1.</summary>
    public class AttributeConstructorTests
    {
        [Fact]
        public void Constructors_keep_their_arguments()
        {
            Assert.Equal(-1, new StepsAttribute().Count);
            Assert.Equal(500, new StepsAttribute(500).Count);
            var step = new StepDecayAttribute(30, 0.5);
            Assert.Equal((30.0, 0.5), (step.StepSize, step.Gamma));
            var cyclic = new CyclicAttribute(0.01, 2000);
            Assert.Equal((0.01, 2000.0), (cyclic.BaseLr, cyclic.StepSizeUp));
            var wsd = new WsdAttribute(100, 800);
            Assert.Equal((100.0, 800.0), (wsd.WarmupLength, wsd.StableLength));
            var constant = new PiecewiseConstantAttribute(new[] { 10.0 }, new[] { 0.1, 0.01 });
            Assert.Equal(new[] { 10.0 }, constant.Boundaries);
            Assert.Equal(new[] { 0.1, 0.01 }, constant.Values);
            var interpolate = new PiecewiseInterpolateAttribute(new[] { 0.0, 10.0 }, new[] { 1.0, 0.1 });
            Assert.Equal(new[] { 0.0, 10.0 }, interpolate.Times);
            Assert.Equal(new[] { 1.0, 0.1 }, interpolate.Factors);
            var named = new HyperparameterAttribute("loss_weight", 0.5);
            Assert.Equal(("loss_weight", 0.5), (named.Name, named.Value));
        }
    }
}
