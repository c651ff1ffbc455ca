using System.Linq;
using ScheduleDsl.Definition;
using ScheduleDsl.Families;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>The bit-for-bit cases reach the families and options added for issue 11 item 8.</summary>
    public class FamilyCoverageTests
    {
        [Fact]
        public void Every_family_has_a_bit_for_bit_case_and_the_random_compositions_use_the_new_options()
        {
            var declared = Families.EveryFamily.SelectMany(f => f.Definition.Components).Select(c => c.GetType()).ToHashSet();
            foreach (ComponentEntry entry in ComponentRegistry.Entries.Where(e => e.Record != typeof(CustomShape)))
                Assert.Contains(entry.Record, declared);

            var random = Families.RandomValid(seed: 20240611).Take(300).SelectMany(d => d.Components).ToList();
            Assert.Contains(random, c => c is CosineRestartsShape { Decay: < 1.0, DecayMode: RestartDecayMode.Amplitude });
            Assert.Contains(random, c => c is CosineRestartsShape { CycleLimit: > 0 });
            Assert.Contains(random, c => c is CyclicShape { ScaleMode: CyclicScaleMode.Cycle, Mode: CyclicMode.ExpRange });
            Assert.Contains(random, c => c is PiecewiseInterpolateShape { Interpolation: Interpolation.Cosine });
            Assert.Contains(random, c => c is RateNoiseShape { Distribution: NoiseDistribution.Normal });
            Assert.Contains(random, c => c is RateNoiseShape { Distribution: NoiseDistribution.Uniform, RangeEnd: not null });
        }
    }
}
