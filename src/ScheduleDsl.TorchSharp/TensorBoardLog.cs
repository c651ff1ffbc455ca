using System;
using System.Globalization;
using ScheduleDsl.Composition;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>Writes what the driver drives to a TensorBoard <see cref="SummaryWriter"/> at each tick, named as Lightning's
    /// <c>LearningRateMonitor</c> names it: <c>lr-SGD</c> for one group, <c>lr-SGD/pg1</c>, <c>lr-SGD/pg2</c>... for several, and
    /// <c>lr-SGD-momentum</c>, <c>lr-SGD-weight_decay</c> (<c>lr-SGD/pg1-momentum</c>...) beside them; tracked schedules under their
    /// own names. The tags are built once, here.</summary>
    internal sealed class TensorBoardLog
    {
        private readonly SummaryWriter _writer;
        private readonly ILearningRateController[] _groups;
        private readonly GroupOptions[] _options;
        private readonly string[] _rateTags;
        private readonly string?[] _momentumTags; // null for a group without momentum or betas, or when not asked
        private readonly string?[] _weightDecayTags; // null when weight decay is not scheduled
        private readonly IHyperparameterSchedule[] _tracked;

        public TensorBoardLog(SummaryWriter writer, Optimizer optimizer, ILearningRateController[] groups, GroupOptions[] options,
            bool logMomentum, bool logWeightDecay, IHyperparameterSchedule[] tracked)
        {
            _writer = writer ?? throw new ArgumentNullException(nameof(writer));
            _groups = groups;
            _options = options;
            _tracked = tracked;
            string name = "lr-" + optimizer.GetType().Name;
            _rateTags = new string[groups.Length];
            _momentumTags = new string?[groups.Length];
            _weightDecayTags = new string?[groups.Length];
            for (int i = 0; i < groups.Length; i++)
            {
                _rateTags[i] = groups.Length == 1 ? name : name + "/pg" + (i + 1).ToString(CultureInfo.InvariantCulture);
                if (logMomentum && options[i].HasMomentum) _momentumTags[i] = _rateTags[i] + "-momentum";
                if (logWeightDecay) _weightDecayTags[i] = _rateTags[i] + "-weight_decay";
            }
        }

        /// <summary>Writes the groups' current values and the tracked schedules' at <paramref name="step"/>.</summary>
        public void Write(long step)
        {
            int globalStep = step > int.MaxValue ? int.MaxValue : (int)step; // TensorBoard's writer takes an int step
            for (int i = 0; i < _groups.Length; i++)
            {
                _writer.add_scalar(_rateTags[i], (float)_groups[i].LearningRate, globalStep, walltime: null);
                if (_momentumTags[i] is string momentum) _writer.add_scalar(momentum, (float)_options[i].Momentum, globalStep, walltime: null);
                if (_weightDecayTags[i] is string weightDecay) _writer.add_scalar(weightDecay, (float)_options[i].WeightDecay, globalStep, walltime: null);
            }
            foreach (IHyperparameterSchedule schedule in _tracked)
                _writer.add_scalar(schedule.Name, (float)schedule.CurrentValue, globalStep, walltime: null);
        }
    }
}
