using System;
using System.Globalization;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>The momentum (SGD, RMSProp) or beta1 (Adam family) range a one-cycle or cyclic schedule
    /// cycles through, inversely to the rate: <see cref="Max"/> when the rate is lowest, <see cref="Base"/>
    /// at the peak. PyTorch's defaults are <see cref="OneCycle"/> and <see cref="Cyclic"/>.</summary>
    public readonly record struct MomentumRange
    {
        /// <summary>Creates a range; both ends must be in <c>[0, 1)</c> and <paramref name="baseMomentum"/> &lt;= <paramref name="maxMomentum"/>.</summary>
        public MomentumRange(double baseMomentum, double maxMomentum)
        {
            if (!(baseMomentum >= 0.0 && baseMomentum < 1.0))
                throw new ArgumentOutOfRangeException(nameof(baseMomentum), baseMomentum, Describe(baseMomentum, "baseMomentum") + "must be in [0, 1).");
            if (!(maxMomentum >= 0.0 && maxMomentum < 1.0))
                throw new ArgumentOutOfRangeException(nameof(maxMomentum), maxMomentum, Describe(maxMomentum, "maxMomentum") + "must be in [0, 1).");
            if (baseMomentum > maxMomentum)
                throw new ArgumentException(Describe(baseMomentum, "baseMomentum") + $"must not exceed maxMomentum = {Numbers.Format(maxMomentum)}.", nameof(baseMomentum));
            Base = baseMomentum;
            Max = maxMomentum;
        }

        /// <summary>PyTorch <c>OneCycleLR</c>'s defaults: base 0.85, max 0.95.</summary>
        public static MomentumRange OneCycle => new(0.85, 0.95);

        /// <summary>PyTorch <c>CyclicLR</c>'s defaults: base 0.8, max 0.9.</summary>
        public static MomentumRange Cyclic => new(0.8, 0.9);

        /// <summary>Momentum at the peak rate.</summary>
        public double Base { get; }

        /// <summary>Momentum at the lowest rate.</summary>
        public double Max { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"momentum {Numbers.Format(Base)}..{Numbers.Format(Max)}");

        private static string Describe(double value, string name) => $"{name} = {Numbers.Format(value)}: ";
    }
}
