using System;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>Writes every parameter group's rate (and momentum or beta1) to a TensorBoard
    /// <see cref="SummaryWriter"/> at each tick, named as Lightning's <c>LearningRateMonitor</c> names them:
    /// <c>lr-SGD</c> for one group, <c>lr-SGD/pg1</c>, <c>lr-SGD/pg2</c>... for several, and <c>lr-SGD-momentum</c>
    /// (<c>lr-SGD/pg1-momentum</c>) beside them. The tags are built once, here.</summary>
    internal sealed class TensorBoardLog
    {
        private readonly SummaryWriter _writer;
        private readonly string[] _rateTags;
        private readonly string?[] _momentumTags; // null for a group without momentum or betas

        public TensorBoardLog(SummaryWriter writer, Optimizer optimizer, ILearningRateController[] groups, bool logMomentum)
        {
            _writer = writer ?? throw new ArgumentNullException(nameof(writer));
            string name = "lr-" + optimizer.GetType().Name;
            _rateTags = new string[groups.Length];
            _momentumTags = new string?[groups.Length];
            for (int i = 0; i < groups.Length; i++)
            {
                _rateTags[i] = groups.Length == 1 ? name : name + "/pg" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (logMomentum && (groups[i] is IMomentum || groups[i] is IBetas)) _momentumTags[i] = _rateTags[i] + "-momentum";
            }
        }

        /// <summary>Writes the groups' current values at <paramref name="step"/>.</summary>
        public void Write(ILearningRateController[] groups, long step)
        {
            int globalStep = step > int.MaxValue ? int.MaxValue : (int)step; // TensorBoard's writer takes an int step
            for (int i = 0; i < groups.Length; i++)
            {
                _writer.add_scalar(_rateTags[i], (float)groups[i].LearningRate, globalStep, walltime: null);
                if (_momentumTags[i] is string tag)
                {
                    double momentum = groups[i] is IMomentum m ? m.Momentum : ((IBetas)groups[i]).Betas.Item1;
                    _writer.add_scalar(tag, (float)momentum, globalStep, walltime: null);
                }
            }
        }
    }
}
