// Shared by every corpus file: a data loader, a loss, and the schedules the loops use (the real generator writes them).
using System.Collections;
using System.Collections.Generic;
using System.Threading.Tasks;
using ScheduleDsl;
using TorchSharp;
using static TorchSharp.torch;

namespace Corpus
{
    /// <summary>A DataLoader-like enumerable of batches.</summary>
    public sealed class DataLoader : IEnumerable<(Tensor Input, Tensor Target)>
    {
        private readonly List<(Tensor Input, Tensor Target)> _batches = new();

        public int Count => _batches.Count;

        public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator() => _batches.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public async IAsyncEnumerable<(Tensor Input, Tensor Target)> ReadAsync()
        {
            foreach (var batch in _batches)
            {
                await Task.Yield();
                yield return batch;
            }
        }
    }

    public static class Losses
    {
        public static Tensor Of(nn.Module<Tensor, Tensor> model, (Tensor Input, Tensor Target) batch) =>
            (model.call(batch.Input) - batch.Target).pow(2).mean();
    }

    [LearningRate(0.1), Epochs(90)]
    [Warmup(5)]
    [Cosine]
    public partial class EpochCosine { }

    [LearningRate(0.1), Steps(20000)]
    [Warmup(500)]
    [Cosine]
    public partial class StepCosine { }

    [LearningRate(0.05), Epochs(60)]
    [Warmup(2)]
    [ReduceOnPlateau(Patience = 5)]
    public partial class PlateauSchedule { }

    [LearningRate(0.0002), Epochs(100)]
    [Cosine]
    public partial class GanSchedule { }
}
