using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

// torch.manual_seed sets one process-wide generator: test classes running in parallel would draw from it between
// another test's seeding and its layer initialisation (a resumed run then differs from the straight one). The
// whole project runs in about a second, so run it serially.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace ScheduleDsl.TorchSharp.Tests
{
    /// <summary>Small models and optimizers with several parameter groups at different base rates.</summary>
    internal static class Fixtures
    {
        public static readonly string[] OptimizerNames = { "SGD", "Adam", "AdamW", "RMSProp", "Adagrad" };

        /// <summary>Two linear layers, one parameter group each (and a third group for the biases when asked).</summary>
        public static nn.Module<Tensor, Tensor> Model(long seed = 1)
        {
            torch.manual_seed(seed);
            return nn.Sequential(("a", nn.Linear(4, 8)), ("act", nn.Tanh()), ("b", nn.Linear(8, 1)));
        }

        /// <summary>The optimizer <paramref name="name"/> with one group per rate in <paramref name="rates"/> (the model's
        /// parameters dealt round-robin), momentum 0.9 for SGD / RMSProp.</summary>
        public static Optimizer Optimizer(string name, nn.Module model, params double[] rates)
        {
            Parameter[] all = model.parameters().ToArray();
            IEnumerable<Parameter> Part(int g) => all.Where((_, i) => i % rates.Length == g).ToArray();
            var groups = Enumerable.Range(0, rates.Length);
            return name switch
            {
                "SGD" => SGD(groups.Select(g => new SGD.ParamGroup(Part(g), new SGD.Options { LearningRate = rates[g] })).ToArray(), rates[0], momentum: 0.9),
                "Adam" => Adam(groups.Select(g => new Adam.ParamGroup(Part(g), new Adam.Options { LearningRate = rates[g] })).ToArray(), rates[0]),
                "AdamW" => AdamW(groups.Select(g => new AdamW.ParamGroup(Part(g), new AdamW.Options { LearningRate = rates[g] })).ToArray(), rates[0]),
                "RMSProp" => RMSProp(groups.Select(g => new RMSProp.ParamGroup(Part(g), new RMSProp.Options { LearningRate = rates[g] })).ToArray(), rates[0], momentum: 0.9),
                "Adagrad" => Adagrad(groups.Select(g => new Adagrad.ParamGroup(Part(g), new Adagrad.Options { LearningRate = rates[g] })).ToArray(), rates[0]),
                _ => throw new ArgumentException(name),
            };
        }

        /// <summary>Fixed regression data: y = sin(x . w) for a seeded x.</summary>
        public static (Tensor X, Tensor Y) Data(int n = 64, long seed = 7)
        {
            var generator = new Generator((ulong)seed);
            Tensor x = torch.randn(new long[] { n, 4 }, generator: generator);
            Tensor y = torch.sin(x.matmul(torch.tensor(new float[] { 0.5f, -1f, 0.25f, 2f }))).unsqueeze(1);
            return (x, y);
        }

        /// <summary>One training step; returns the loss before the step.</summary>
        public static double TrainStep(nn.Module<Tensor, Tensor> model, Optimizer optimizer, Tensor x, Tensor y)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.mse_loss(model.call(x), y);
            loss.backward();
            optimizer.step();
            return loss.to_type(ScalarType.Float64).item<double>();
        }

        public static double[] Rates(Optimizer optimizer) => optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();

        /// <summary>Momentum (SGD, RMSProp) or beta1 (Adam family) of each group.</summary>
        public static double[] Momenta(Optimizer optimizer) =>
            optimizer.ParamGroups.Select(g => g is IMomentum m ? m.Momentum : ((IBetas)g).Betas.Item1).ToArray();
    }
}
