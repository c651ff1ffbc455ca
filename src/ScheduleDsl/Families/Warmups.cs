using System;

namespace ScheduleDsl // the argument enums of the attributes live beside them (one using)
{
    /// <summary>How a warmup ramps from its start factor up to the peak.</summary>
    public enum WarmupKind
    {
        /// <summary>Straight line, PyTorch <c>LinearLR</c> (end factor 1) and Hugging Face linear warmup.</summary>
        Linear,
        /// <summary>Half cosine: <c>start + (1 - start) * (1 - cos(pi * u)) / 2</c>.</summary>
        Cosine,
        /// <summary>Geometric: <c>start^(1 - u)</c>; needs a start factor above zero.</summary>
        Exponential,
        /// <summary>Flat at the start factor for the whole warmup, PyTorch <c>ConstantLR</c>.</summary>
        Constant,
    }
}

namespace ScheduleDsl.Families
{
    /// <summary>Warmup phase: the factor at time <c>t</c> in <c>[0, length)</c>, reaching 1 at <c>length</c>.</summary>
    public static class Warmup
    {
        /// <summary>Factor at time <paramref name="t"/> of a warmup lasting <paramref name="length"/>.</summary>
        public static double Factor(double t, double length, WarmupKind kind, double startFactor)
        {
            double u = t / length;
            switch (kind)
            {
                case WarmupKind.Linear: return startFactor + (1.0 - startFactor) * u;
                case WarmupKind.Cosine: return startFactor + (1.0 - startFactor) * (1.0 - Math.Cos(Math.PI * u)) / 2.0;
                case WarmupKind.Exponential: return Math.Pow(startFactor, 1.0 - u);
                default: return startFactor;
            }
        }
    }
}
