using System;
using TorchSharp;
using static TorchSharp.torch;

namespace ScheduleDsl.Samples.Training
{
    /// <summary>Three interleaved spirals in the plane: a small classification problem that a two-layer
    /// network learns in seconds on a CPU but only with a sensible learning rate. Generated, never downloaded.</summary>
    public sealed class SpiralData : IDisposable
    {
        public SpiralData(int pointsPerClass, double noise, int seed)
        {
            const int classes = 3;
            var random = new Random(seed);
            int n = pointsPerClass * classes;
            var xs = new float[n * 2];
            var ys = new long[n];
            for (int c = 0; c < classes; c++)
            {
                for (int i = 0; i < pointsPerClass; i++)
                {
                    double r = (double)i / pointsPerClass;
                    double angle = c * 4.0 + 4.0 * r + Gaussian(random) * noise;
                    int k = c * pointsPerClass + i;
                    xs[2 * k] = (float)(r * Math.Sin(angle));
                    xs[2 * k + 1] = (float)(r * Math.Cos(angle));
                    ys[k] = c;
                }
            }

            // Shuffle once, then hold out every fifth point for validation.
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            for (int i = n - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            int validation = n / 5;
            (TrainInputs, TrainTargets) = Slice(xs, ys, order, validation, n);
            (ValidationInputs, ValidationTargets) = Slice(xs, ys, order, 0, validation);
        }

        public Tensor TrainInputs { get; }
        public Tensor TrainTargets { get; }
        public Tensor ValidationInputs { get; }
        public Tensor ValidationTargets { get; }
        public long TrainCount => TrainInputs.shape[0];

        private static (Tensor, Tensor) Slice(float[] xs, long[] ys, int[] order, int from, int to)
        {
            var x = new float[(to - from) * 2];
            var y = new long[to - from];
            for (int i = from; i < to; i++)
            {
                x[2 * (i - from)] = xs[2 * order[i]];
                x[2 * (i - from) + 1] = xs[2 * order[i] + 1];
                y[i - from] = ys[order[i]];
            }
            return (tensor(x, new long[] { to - from, 2 }), tensor(y));
        }

        private static double Gaussian(Random random) =>
            Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

        public void Dispose()
        {
            TrainInputs.Dispose();
            TrainTargets.Dispose();
            ValidationInputs.Dispose();
            ValidationTargets.Dispose();
        }
    }
}
