using System;
using ScheduleDsl.Families;
using Xunit;

namespace ScheduleDsl.Tests.Families
{
    /// <summary>The fused calls a training step makes (<c>FactorAndMomentum</c>) give exactly the bits of the
    /// separate <c>Factor</c> and <c>Momentum</c> functions, which the parity tests check against PyTorch.</summary>
    public class FusedMomentumTests
    {
        [Theory]
        [InlineData(AnnealStrategy.Cos, false)]
        [InlineData(AnnealStrategy.Cos, true)]
        [InlineData(AnnealStrategy.Linear, false)]
        [InlineData(AnnealStrategy.Linear, true)]
        public void OneCycle_fused_equals_separate(AnnealStrategy anneal, bool threePhase)
        {
            const double total = 997, pctStart = 0.3, div = 25, finalDiv = 1e4;
            for (double t = 0; t <= total + 5; t += 0.5)
            {
                double factor = OneCycle.FactorAndMomentum(t, total, pctStart, anneal, div, finalDiv, threePhase, 0.85, 0.95, out double momentum);
                Same(OneCycle.Factor(t, total, pctStart, anneal, div, finalDiv, threePhase), factor, t);
                Same(OneCycle.Momentum(t, total, pctStart, anneal, threePhase, 0.85, 0.95), momentum, t);
            }
        }

        [Theory]
        [InlineData(CyclicMode.Triangular)]
        [InlineData(CyclicMode.Triangular2)]
        [InlineData(CyclicMode.ExpRange)]
        public void Cyclic_fused_equals_separate(CyclicMode mode)
        {
            for (double t = 0; t <= 300; t += 0.25)
            {
                double factor = Cyclic.FactorAndMomentum(t, 0.1, 20, 30, mode, 0.995, 0.8, 0.9, out double momentum);
                Same(Cyclic.Factor(t, 0.1, 20, 30, mode, 0.995), factor, t);
                Same(Cyclic.Momentum(t, 0.8, 0.9, 20, 30, mode, 0.995), momentum, t);
            }
        }

        private static void Same(double expected, double actual, double t)
        {
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                Assert.Fail($"t = {t}: separate {expected:R}, fused {actual:R}");
        }
    }
}
