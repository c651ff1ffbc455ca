using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests
{
    public class LearningRateFinderTests
    {
        private readonly ITestOutputHelper _output;

        public LearningRateFinderTests(ITestOutputHelper output) => _output = output;

        /// <summary>Least squares y = X w + noise, full batch. With the mean squared error the loss's Hessian is
        /// (2/n) X^T X, so gradient descent diverges for rates above 2 / lambda_max.</summary>
        private sealed class Regression
        {
            public Regression(int n = 256, int d = 4, int seed = 11)
            {
                var random = new Random(seed);
                double[] scales = { 1.0, 0.6, 0.3, 0.1 };
                var x = new double[n, d];
                var y = new double[n];
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < d; j++) x[i, j] = Normal(random) * scales[j];
                    y[i] = 2 * x[i, 0] - x[i, 1] + 0.5 * x[i, 2] + 3 * x[i, 3] + 0.1 * Normal(random);
                }
                // Hessian of the loss, its largest eigenvalue by power iteration (in doubles, outside torch).
                var h = new double[d, d];
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++)
                    {
                        double s = 0;
                        for (int i = 0; i < n; i++) s += x[i, a] * x[i, b];
                        h[a, b] = 2.0 * s / n;
                    }
                double[] v = Enumerable.Repeat(1.0, d).ToArray();
                double lambda = 0;
                for (int k = 0; k < 500; k++)
                {
                    double[] w = new double[d];
                    for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) w[a] += h[a, b] * v[b];
                    lambda = Math.Sqrt(w.Sum(t => t * t));
                    v = w.Select(t => t / lambda).ToArray();
                }
                DivergenceRate = 2.0 / lambda;
                X = torch.tensor(Enumerable.Range(0, n * d).Select(k => (float)x[k / d, k % d]).ToArray(), new long[] { n, d });
                Y = torch.tensor(y.Select(t => (float)t).ToArray(), new long[] { n, 1 });
            }

            public double DivergenceRate { get; }
            public Tensor X { get; }
            public Tensor Y { get; }

            private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        }

        private static Linear Model()
        {
            torch.manual_seed(5);
            return nn.Linear(4, 1, hasBias: false);
        }

        [Fact]
        public void Suggests_a_rate_below_the_divergence_rate_of_gradient_descent_and_stops_on_divergence()
        {
            var data = new Regression();
            Linear model = Model();
            var optimizer = SGD(model.parameters(), 0.01);
            var options = new RangeTestOptions { StartRate = 1e-4, EndRate = 100, Iterations = 300 };

            RangeTestResult result = LearningRateFinder.Run(model, optimizer, (p, t) => nn.functional.mse_loss(p, t),
                Enumerable.Repeat((data.X, data.Y), 1), options);

            _output.WriteLine($"2/lambda_max = {data.DivergenceRate}, steepest = {result.SteepestRate}, min/10 = {result.MinimumOverTenRate}, stop: {result.StopReason}");
            Assert.True(result.StoppedEarly);
            Assert.True(result.Rates[^1] > data.DivergenceRate, "it stops only once the rate is past 2/lambda_max");
            Assert.True(result.Rates.Count < 300);
            // Known good range for gradient descent on this problem: [2/lambda_max / 100, 2/lambda_max).
            Assert.InRange(result.Suggestion!.Value, data.DivergenceRate / 100, data.DivergenceRate);
            Assert.InRange(result.MinimumOverTenRate!.Value, data.DivergenceRate / 100, data.DivergenceRate);
            Assert.Equal(result.SteepestRate, result.Suggestion);
        }

        [Fact]
        public void Smoothed_loss_is_the_bias_corrected_moving_average()
        {
            var data = new Regression();
            Linear model = Model();
            var optimizer = SGD(model.parameters(), 0.01);
            var options = new RangeTestOptions { StartRate = 1e-3, EndRate = 1e-1, Iterations = 20, Smoothing = 0.9 };
            RangeTestResult result = LearningRateFinder.Run(model, optimizer, i => nn.functional.mse_loss(model.call(data.X), data.Y), options);

            Assert.Equal(20, result.Losses.Count);
            double average = 0;
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(1e-3 * Math.Pow(100, i / 19.0), result.Rates[i], 12);
                average = 0.9 * average + 0.1 * result.Losses[i];
                Assert.Equal(average / (1 - Math.Pow(0.9, i + 1)), result.SmoothedLosses[i], 12);
            }
            Assert.False(result.StoppedEarly);
        }

        [Theory]
        [InlineData("SGD")]
        [InlineData("Adam")]
        public void Model_and_optimizer_state_are_restored(string name)
        {
            var (x, y) = Fixtures.Data();
            var model = Fixtures.Model();
            Optimizer optimizer = Fixtures.Optimizer(name, model, 0.01, 0.002);
            for (int i = 0; i < 3; i++) Fixtures.TrainStep(model, optimizer, x, y); // optimizer has state (moments / momentum)

            float[][] weights = model.parameters().Select(p => p.data<float>().ToArray()).ToArray();
            double[] rates = Fixtures.Rates(optimizer);
            byte[] stateBefore = Saved((OptimizerHelper)optimizer);

            RangeTestResult result = LearningRateFinder.Run(model, optimizer, (p, t) => nn.functional.mse_loss(p, t),
                new[] { (x, y) }, new RangeTestOptions { Iterations = 30 });
            Assert.NotEmpty(result.Losses);

            Assert.Equal(weights, model.parameters().Select(p => p.data<float>().ToArray()).ToArray());
            Assert.Equal(rates, Fixtures.Rates(optimizer));
            Assert.Equal(stateBefore, Saved((OptimizerHelper)optimizer)); // moments, momentum buffers, step counts, rates

            // And training goes on exactly as if the test had not run.
            var twin = Fixtures.Model();
            Optimizer twinOptimizer = Fixtures.Optimizer(name, twin, 0.01, 0.002);
            for (int i = 0; i < 3; i++) Fixtures.TrainStep(twin, twinOptimizer, x, y);
            Assert.Equal(Fixtures.TrainStep(twin, twinOptimizer, x, y), Fixtures.TrainStep(model, optimizer, x, y));
        }

        private static byte[] Saved(OptimizerHelper optimizer)
        {
            using var stream = new System.IO.MemoryStream();
            using (var writer = new System.IO.BinaryWriter(stream)) optimizer.save_state_dict(writer);
            return stream.ToArray();
        }

        [Fact]
        public void Bad_settings_are_named()
        {
            var model = Model();
            var optimizer = SGD(model.parameters(), 0.01);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                LearningRateFinder.Run(model, optimizer, i => model.call(torch.ones(1, 4)).sum(), new RangeTestOptions { StartRate = 1, EndRate = 0.1 }));
            Assert.Equal("EndRate", e.ParamName);
            var empty = Assert.Throws<ArgumentException>(() =>
                LearningRateFinder.Run(model, optimizer, (p, t) => p.sum(), Array.Empty<(Tensor, Tensor)>()));
            Assert.Equal("batches", empty.ParamName);
        }
    }
}
