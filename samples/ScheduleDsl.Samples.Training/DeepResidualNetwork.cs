using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScheduleDsl.Samples.Training
{
    /// <summary>The warmup lesson's network: 7 residual blocks between an input and an output layer, no
    /// normalization, every layer He-initialised (biases zero). Each skip adds its block's output to its input, so
    /// activations and gradients grow block by block at initialisation: the first updates are steep, and a full-size
    /// rate from step one blows the network up, while a few epochs at a small rate tame it. (Zhang et al. 2019,
    /// Fixup, analyse this blow-up of residual networks without normalization; their cure is a rescaled
    /// initialisation, the schedule's cure is a warmup.)</summary>
    public static class DeepResidualNetwork
    {
        /// <summary>Hidden width.</summary>
        public const int Width = 64;

        /// <summary>Residual blocks between the input and the output layer (with 6, the lesson no longer held:
        /// see <see cref="SampleCommands.WarmupLesson(SampleOptions)"/>).</summary>
        public const int Blocks = 7;

        /// <summary>A fresh network, initialised from <paramref name="seed"/>.</summary>
        public static Sequential Create(int seed)
        {
            random.manual_seed(seed);
            var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("input", HeLinear(2, Width)), ("relu", nn.ReLU()) };
            for (int block = 1; block <= Blocks; block++)
                layers.Add(($"block{block}", new ResidualBlock($"block{block}")));
            layers.Add(("output", HeLinear(Width, 3)));
            return nn.Sequential(layers);
        }

        private static Linear HeLinear(long inputs, long outputs)
        {
            Linear layer = nn.Linear(inputs, outputs);
            using (no_grad())
            {
                nn.init.kaiming_normal_(layer.weight, nonlinearity: nn.init.NonlinearityType.ReLU);
                nn.init.zeros_(layer.bias);
            }
            return layer;
        }

        /// <summary><c>x + relu(W x + b)</c>: a skip connection around one He-initialised layer.</summary>
        private sealed class ResidualBlock : nn.Module<Tensor, Tensor>
        {
            private readonly Linear _layer;

            public ResidualBlock(string name) : base(name)
            {
                _layer = HeLinear(Width, Width);
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => input + nn.functional.relu(_layer.forward(input));
        }
    }
}
