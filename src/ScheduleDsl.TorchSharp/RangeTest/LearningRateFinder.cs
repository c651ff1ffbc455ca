using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using ScheduleDsl.Composition;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>The learning-rate range test (Smith 2015; fastai's and Lightning's <c>lr_find</c>): trains
    /// one optimizer step per mini-batch while the rate grows from a start to an end value, records the loss
    /// and its smoothed value, stops when the smoothed loss diverges, and suggests a rate (see
    /// <see cref="RangeTestResult"/> for the rules). The model's weights and the optimizer's state (moments,
    /// momentum buffers, rates, weight decay and momentum) are restored afterwards, so training starts from where it was.
    /// Weight decay and momentum stay as the groups have them during the test and are recorded in the result; run it through a
    /// <see cref="ScheduleDriver{TSchedule}"/> to test at the values its schedules give now.</summary>
    public static class LearningRateFinder
    {
        /// <summary>Runs the test on batches of <paramref name="batches"/> (enumerated again from the start
        /// when it runs out): <c>loss(model(input), target)</c> per batch. The batches' tensors stay the caller's.</summary>
        /// <param name="model">Any module taking one tensor.</param>
        /// <param name="optimizer">A managed TorchSharp optimizer (SGD, Adam, AdamW, RMSProp, Adagrad, ...) over the model's parameters.</param>
        /// <param name="loss">Loss of a prediction against a target, e.g. <c>nn.MSELoss().forward</c>.</param>
        /// <param name="batches">Mini-batches of (input, target).</param>
        /// <param name="options">Settings; null for fastai's defaults.</param>
        public static RangeTestResult Run(Module<Tensor, Tensor> model, Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss,
            IEnumerable<(Tensor input, Tensor target)> batches, RangeTestOptions? options = null)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (loss is null) throw new ArgumentNullException(nameof(loss));
            if (batches is null) throw new ArgumentNullException(nameof(batches));
            IEnumerator<(Tensor input, Tensor target)>? source = null;
            try
            {
                return Run(model, optimizer, _ =>
                {
                    source ??= batches.GetEnumerator();
                    if (!source.MoveNext())
                    {
                        source.Dispose();
                        source = batches.GetEnumerator();
                        if (!source.MoveNext()) throw new ArgumentException("batches is empty: the range test needs at least one mini-batch.", nameof(batches));
                    }
                    (Tensor input, Tensor target) = source.Current;
                    return loss(model.call(input), target);
                }, options);
            }
            finally
            {
                source?.Dispose();
            }
        }

        /// <summary>Runs the test with a callback computing the training loss of batch <c>i</c> (forward pass
        /// included); the finder zeroes the gradients, calls <c>backward()</c> and steps the optimizer.
        /// Tensors the callback creates are disposed after each batch.</summary>
        /// <param name="model">The module trained (its weights are restored afterwards).</param>
        /// <param name="optimizer">A managed TorchSharp optimizer over the model's parameters.</param>
        /// <param name="trainingLoss">Loss of batch <c>i</c> as a scalar tensor.</param>
        /// <param name="options">Settings; null for fastai's defaults.</param>
        public static RangeTestResult Run(Module model, Optimizer optimizer, Func<int, Tensor> trainingLoss, RangeTestOptions? options = null)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (trainingLoss is null) throw new ArgumentNullException(nameof(trainingLoss));
            OptimizerHelper helper = optimizer as OptimizerHelper ?? throw (optimizer is null
                ? new ArgumentNullException(nameof(optimizer))
                : new ArgumentException($"optimizer ({optimizer.GetType().Name}) cannot save its state, so the range test could not restore it: use a managed TorchSharp optimizer.", nameof(optimizer)));
            ILearningRateController[] groups = optimizer.ParamGroups.ToArray();
            if (groups.Length == 0)
                throw new ArgumentException($"optimizer ({optimizer.GetType().Name}) has no parameter groups.", nameof(optimizer));
            options ??= RangeTestOptions.Fastai;
            options.Validate();

            bool wasTraining = model.training;
            Dictionary<string, Tensor> weights = Snapshot(model);
            byte[] optimizerState = SaveOptimizer(helper);
            try
            {
                model.train();
                return Sweep(optimizer, groups, trainingLoss, options);
            }
            finally
            {
                Restore(model, weights);
                LoadOptimizer(helper, optimizerState);
                if (!wasTraining) model.eval();
            }
        }

        /// <summary>Runs the test on <paramref name="driver"/>'s optimizer with every hyperparameter it schedules at its value now
        /// (each group's weight decay and momentum written by the driver, the tracked scalars left for <paramref name="trainingLoss"/>
        /// to read from their schedules), records them in the result, and afterwards restores the model and the optimizer (rates,
        /// weight decay, momentum) and rewrites the driver's values. The driver's schedules do not move.</summary>
        /// <param name="model">The module trained (its weights are restored afterwards).</param>
        /// <param name="driver">The driver whose optimizer is tested.</param>
        /// <param name="trainingLoss">Loss of batch <c>i</c> as a scalar tensor.</param>
        /// <param name="options">Settings; null for fastai's defaults.</param>
        public static RangeTestResult Run<TSchedule>(Module model, ScheduleDriver<TSchedule> driver, Func<int, Tensor> trainingLoss, RangeTestOptions? options = null)
            where TSchedule : ILearningRateSchedule
        {
            if (driver is null) throw new ArgumentNullException(nameof(driver));
            driver.Rewrite(); // the values its schedules give now, whatever the loop changed since
            try
            {
                RangeTestResult result = Run(model, driver.Optimizer, trainingLoss, options);
                result.Tracked = driver.Tracked.ToDictionary(t => t.Name, t => t.CurrentValue);
                return result;
            }
            finally
            {
                driver.Rewrite();
            }
        }

        private static RangeTestResult Sweep(Optimizer optimizer, ILearningRateController[] groups, Func<int, Tensor> trainingLoss, RangeTestOptions options)
        {
            // Held during the test: recorded once.
            GroupOptions[] held = GroupOptions.Of(groups);
            double?[] weightDecays = Array.ConvertAll(held, g => g.HasWeightDecay ? g.WeightDecay : (double?)null);
            double?[] momenta = Array.ConvertAll(held, g => g.HasMomentum ? g.Momentum : (double?)null);
            var rates = new List<double>(options.Iterations);
            var losses = new List<double>(options.Iterations);
            var smoothed = new List<double>(options.Iterations);
            double average = 0.0, best = double.PositiveInfinity;
            string? stopReason = null;
            for (int i = 0; i < options.Iterations; i++)
            {
                double rate = options.RateAt(i);
                foreach (ILearningRateController group in groups) group.LearningRate = rate;

                double value;
                using (DisposeScope scope = NewDisposeScope())
                {
                    optimizer.zero_grad();
                    Tensor loss = trainingLoss(i);
                    if (loss.numel() != 1)
                        throw new InvalidOperationException($"trainingLoss({i}) returned a tensor of shape [{string.Join(", ", loss.shape)}]; the loss must be a scalar.");
                    loss.backward();
                    optimizer.step();
                    value = loss.ToDouble();
                }

                // Bias-corrected exponential moving average, as fastai and Lightning.
                average = options.Smoothing * average + (1.0 - options.Smoothing) * value;
                double smooth = average / (1.0 - Math.Pow(options.Smoothing, i + 1));
                rates.Add(rate);
                losses.Add(value);
                smoothed.Add(smooth);

                if (double.IsNaN(value) || double.IsInfinity(value))
                {
                    stopReason = $"the loss became {Numbers.Format(value)} at rate {Numbers.Format(rate)} (batch {i}).";
                    break;
                }
                if (options.DivergenceThreshold is double k && i > 0 && smooth > k * best)
                {
                    stopReason = $"the smoothed loss {Numbers.Format(smooth)} exceeded {Numbers.Format(k)} x the best {Numbers.Format(best)} at rate {Numbers.Format(rate)} (batch {i}).";
                    break;
                }
                if (smooth < best) best = smooth;
            }
            return new RangeTestResult(options, rates.ToArray(), losses.ToArray(), smoothed.ToArray(), stopReason, weightDecays, momenta);
        }

        private static Dictionary<string, Tensor> Snapshot(Module model)
        {
            var copy = new Dictionary<string, Tensor>();
            foreach (KeyValuePair<string, Tensor> entry in model.state_dict())
                copy[entry.Key] = entry.Value.detach().clone().DetachFromDisposeScope();
            return copy;
        }

        private static void Restore(Module model, Dictionary<string, Tensor> weights)
        {
            using (DisposeScope scope = NewDisposeScope())
            using (no_grad())
            {
                foreach (KeyValuePair<string, Tensor> entry in model.state_dict())
                    entry.Value.copy_(weights[entry.Key]);
            }
            foreach (Tensor tensor in weights.Values) tensor.Dispose();
        }

        private static byte[] SaveOptimizer(OptimizerHelper optimizer)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream)) optimizer.save_state_dict(writer);
            return stream.ToArray();
        }

        private static void LoadOptimizer(OptimizerHelper optimizer, byte[] state)
        {
            using var reader = new BinaryReader(new MemoryStream(state));
            optimizer.load_state_dict(reader);
        }
    }
}
