using System.Threading.Tasks;
using Xunit;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>SDL0012-SDL0015 on training loops written against the real TorchSharp optimizer type. The
    /// schedule classes stand in for generated ones (the generator does not run here): they carry the
    /// attributes and implement the core's interfaces.</summary>
    public class TrainingLoopTests
    {
        private const string Types = """
            using ScheduleDsl;
            using ScheduleDsl.Composition;
            using TorchSharp;

            public abstract class Generated : IPlateauSchedule
            {
                public double PeakRate => 0.1;
                public long CurrentStep => 0;
                public double CurrentFactor => 1;
                public bool CyclesMomentum => false;
                public double CurrentMomentum(double baseMomentum, double maxMomentum) => maxMomentum;
                public double CurrentFactorAndMomentum(double baseMomentum, double maxMomentum, out double momentum) { momentum = maxMomentum; return 1; }
                public ulong Fingerprint => 0;
                public void Advance() { }
                public ScheduleState SaveState() => throw new System.NotSupportedException();
                public void RestoreState(ScheduleState state) { }
                public MinimumScaling Minimums => MinimumScaling.Scaled;
                public double CurrentGroupFactor(double baseRate) => 1;
                public void Seek(long step) { }
                public void SetTime(double time) { }
                public bool ReportMetric(double metric) => false;
            }

            public abstract class GeneratedNoPlateau : ILearningRateSchedule
            {
                public double PeakRate => 0.1;
                public long CurrentStep => 0;
                public double CurrentFactor => 1;
                public bool CyclesMomentum => false;
                public double CurrentMomentum(double baseMomentum, double maxMomentum) => maxMomentum;
                public double CurrentFactorAndMomentum(double baseMomentum, double maxMomentum, out double momentum) { momentum = maxMomentum; return 1; }
                public ulong Fingerprint => 0;
                public void Advance() { }
                public ScheduleState SaveState() => throw new System.NotSupportedException();
                public void RestoreState(ScheduleState state) { }
                public MinimumScaling Minimums => MinimumScaling.Scaled;
                public double CurrentGroupFactor(double baseRate) => 1;
                public void Seek(long step) { }
                public void SetTime(double time) { }
            }

            [LearningRate(0.1), Steps(10000)] [Cosine]
            public sealed class StepSchedule : GeneratedNoPlateau { }

            [LearningRate(0.1), Epochs(90)] [Cosine]
            public sealed class EpochSchedule : GeneratedNoPlateau
            {
                public EpochSchedule(int? stepsPerEpoch = null) { }
            }

            [LearningRate(0.1), Epochs] [ReduceOnPlateau]
            public sealed class PlateauSchedule : Generated { }

            namespace ScheduleDsl.TorchSharp
            {
                public sealed class ScheduleDriver<TSchedule>
                {
                    public void Step() { }
                }
            }

            """;

        private static Task Verify(string body) => Verifier<Usage.TrainingLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Analyze(Types + body);

        [Fact]
        public Task Advance_before_optimizer_step_warns() => Verify("""
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, StepSchedule schedule, ScheduleDsl.TorchSharp.ScheduleDriver<StepSchedule> driver)
                {
                    for (int i = 0; i < 100; i++)
                    {
                        {|SDL0012:schedule.Advance()|};
                        {|SDL0012:driver.Step()|};
                        if (i % 2 == 0) optimizer.step();
                    }
                }
            }
            """);

        /// <summary>Only a schedule's Advance(), a driver's Step() and a schedule scheduler's step() tick: calls alike in
        /// name, arguments or receiver that come before optimizer.step() are no tick, and nothing is reported.</summary>
        [Fact]
        public Task Calls_that_only_look_like_ticks_before_optimizer_step_are_not_reported() => Verify("""
            public class Counter { public void Advance() { } }
            public class Walker { public void Step() { } }
            public class Trainer
            {
                private void Advance(int steps) { }
                public void Train(torch.optim.Optimizer optimizer, StepSchedule schedule, Counter counter, Walker walker)
                {
                    var torchScheduler = torch.optim.lr_scheduler.StepLR(optimizer, 10);
                    for (int i = 0; i < 100; i++)
                    {
                        optimizer.zero_grad();
                        schedule.SetTime(i);
                        counter.Advance();
                        Advance(1);
                        walker.Step();
                        torchScheduler.step();
                        optimizer.step();
                        schedule.Advance();
                    }
                }
            }
            """);

        /// <summary>A hand-written schedule whose Advance() comes from a base class that knows nothing of schedules: the
        /// call is made on a schedule all the same.</summary>
        [Fact]
        public Task An_Advance_inherited_from_a_plain_base_class_ticks() => Verify("""
            public class Ticker { public void Advance() { } }

            public sealed class HandWritten : Ticker, ILearningRateSchedule
            {
                public double PeakRate => 0.1;
                public long CurrentStep => 0;
                public double CurrentFactor => 1;
                public bool CyclesMomentum => false;
                public double CurrentMomentum(double baseMomentum, double maxMomentum) => maxMomentum;
                public double CurrentFactorAndMomentum(double baseMomentum, double maxMomentum, out double momentum) { momentum = maxMomentum; return 1; }
                public ulong Fingerprint => 0;
                public ScheduleState SaveState() => throw new System.NotSupportedException();
                public void RestoreState(ScheduleState state) { }
                public MinimumScaling Minimums => MinimumScaling.Scaled;
                public double CurrentGroupFactor(double baseRate) => 1;
                public void Seek(long step) { }
                public void SetTime(double time) { }
            }

            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, HandWritten schedule, Ticker ticker)
                {
                    for (int i = 0; i < 100; i++)
                    {
                        ticker.Advance();
                        {|SDL0012:schedule.Advance()|};
                        optimizer.step();
                    }
                }
            }
            """);

        [Fact]
        public Task Advance_after_optimizer_step_is_fine() => Verify("""
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, StepSchedule schedule)
                {
                    foreach (var batch in new int[10])
                    {
                        optimizer.step();
                        schedule.Advance();
                    }
                    for (int i = 0; i < 10; schedule.Advance(), i++)
                    {
                        optimizer.step();
                    }
                }
            }
            """);

        [Fact]
        public Task Step_schedule_advanced_per_epoch_warns() => Verify("""
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, StepSchedule schedule)
                {
                    for (int epoch = 0; epoch < 10; epoch++)
                    {
                        for (int batch = 0; batch < 100; batch++)
                        {
                            optimizer.step();
                        }
                        {|SDL0013:schedule.Advance()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Step_schedule_advanced_per_batch_and_epoch_schedule_per_epoch_are_fine() => Verify("""
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, StepSchedule steps, EpochSchedule epochs)
                {
                    for (int epoch = 0; epoch < 10; epoch++)
                    {
                        for (int batch = 0; batch < 100; batch++)
                        {
                            optimizer.step();
                            steps.Advance();
                        }
                        epochs.Advance();
                    }
                }
            }
            """);

        [Fact]
        public Task Epoch_schedule_without_steps_per_epoch_advanced_per_batch_warns() => Verify("""
            public class Trainer
            {
                private readonly EpochSchedule _field = new EpochSchedule();

                public void Train(torch.optim.Optimizer optimizer)
                {
                    var schedule = new EpochSchedule();
                    for (int epoch = 0; epoch < 10; epoch++)
                    {
                        while (true)
                        {
                            optimizer.step();
                            {|SDL0014:schedule.Advance()|};
                            {|SDL0014:_field.Advance()|};
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Epoch_schedule_with_steps_per_epoch_or_unknown_origin_is_fine() => Verify("""
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, EpochSchedule given)
                {
                    var a = new EpochSchedule(stepsPerEpoch: 100);
                    EpochSchedule b = new(100);
                    for (int epoch = 0; epoch < 10; epoch++)
                    {
                        for (int batch = 0; batch < 100; batch++)
                        {
                            optimizer.step();
                            a.Advance();
                            b.Advance();
                            given.Advance();
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Plateau_schedule_without_metric_warns() => Verify("""
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, PlateauSchedule schedule)
                {
                    for (int epoch = 0; epoch < 10; epoch++)
                    {
                        optimizer.step();
                        {|SDL0015:schedule.Advance()|};
                    }
                }
            }
            """);

        [Fact]
        public Task Plateau_schedule_given_a_metric_anywhere_in_the_class_is_fine() => Verify("""
            public class Trainer
            {
                private readonly PlateauSchedule _schedule = new PlateauSchedule();

                public void Train(torch.optim.Optimizer optimizer)
                {
                    for (int epoch = 0; epoch < 10; epoch++)
                    {
                        optimizer.step();
                        _schedule.Advance();
                        Validate();
                    }
                }

                private void Validate() => _schedule.ReportMetric(0.5);
            }
            """);

        [Fact]
        public Task Calls_in_lambdas_and_other_methods_are_not_matched() => Verify("""
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, StepSchedule schedule)
                {
                    for (int i = 0; i < 10; i++)
                    {
                        System.Action later = () => schedule.Advance();
                        optimizer.step();
                        later();
                    }
                }
            }
            """);

        [Fact]
        public Task Usage_warnings_can_be_silenced() => Verifier<Usage.TrainingLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Analyze(Types + """
            public class Trainer
            {
                public void Train(torch.optim.Optimizer optimizer, StepSchedule schedule)
                {
                    for (int i = 0; i < 100; i++)
                    {
                        schedule.Advance();
                        optimizer.step();
                    }
                }
            }
            """, "dotnet_diagnostic.SDL0012.severity = none\n");
    }
}
