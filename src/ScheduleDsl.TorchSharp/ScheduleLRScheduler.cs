using System.Collections.Generic;
using ScheduleDsl.Composition;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace ScheduleDsl.TorchSharp
{
    /// <summary>A schedule as a TorchSharp <see cref="LRScheduler"/>, for code written against TorchSharp's
    /// schedulers (<c>step()</c>, <c>get_last_lr()</c>). Like PyTorch's schedulers it takes its first step
    /// on construction (rates at tick 0); each later <c>step()</c> advances one tick.
    /// <para>It writes the same rates as <see cref="ScheduleDriver{TSchedule}"/> (which it wraps), but
    /// TorchSharp's base class allocates lists on every step: prefer the driver in a hot loop.</para></summary>
    /// <typeparam name="TSchedule">A generated schedule class or the core's <see cref="Schedule"/>.</typeparam>
    public sealed class ScheduleLRScheduler<TSchedule> : LRScheduler where TSchedule : ILearningRateSchedule
    {
        private readonly double[] _rates;

        /// <summary>Attaches <paramref name="schedule"/> to <paramref name="optimizer"/>; see
        /// <see cref="ScheduleDriver{TSchedule}(Optimizer, TSchedule, MomentumRange?, IReadOnlyList{double}?)"/>.</summary>
        public ScheduleLRScheduler(Optimizer optimizer, TSchedule schedule, MomentumRange? cycleMomentum = null, IReadOnlyList<double>? baseRates = null)
            : base(optimizer, last_epoch: -1, verbose: false)
        {
            Driver = new ScheduleDriver<TSchedule>(optimizer, schedule, cycleMomentum, baseRates);
            _rates = new double[Driver.GroupCount];
            step(); // PyTorch's initial step: last_epoch becomes 0 and get_last_lr() returns the tick-0 rates
        }

        /// <summary>The driver doing the work (rates, momentum, plateau, state).</summary>
        public ScheduleDriver<TSchedule> Driver { get; }

        /// <summary>Moves to tick <paramref name="epoch"/> when given (PyTorch's deprecated closed form), else one tick on.</summary>
        public override void step(int? epoch)
        {
            if (epoch is int tick) Driver.Seek(tick);
            base.step(epoch);
        }

        /// <summary>Feeds <paramref name="current"/> to plateau reduction (as PyTorch's
        /// <c>ReduceLROnPlateau.step(metrics)</c>), then steps. Throws when the schedule has no plateau reduction.</summary>
        public override void step(double current, int? epoch = null)
        {
            Driver.ReportMetric(current);
            step(epoch);
        }

        /// <inheritdoc/>
        protected override IEnumerable<double> get_lr()
        {
            // The base class counts the step before asking; the construction step stays at tick 0.
            if (_step_count > 1) Driver.Step();
            return CurrentRates();
        }

        /// <inheritdoc/>
        protected override IEnumerable<double> get_closed_form_lr() => CurrentRates();

        private double[] CurrentRates()
        {
            for (int i = 0; i < _rates.Length; i++) _rates[i] = Driver.Rate(i);
            return _rates;
        }
    }
}
