using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Analyzers.Tests.TrainingLoopCorpus;
using Xunit;

namespace ScheduleDsl.Analyzers.Tests
{
    /// <summary>SDL0012-SDL0015 on loop shapes and data flows the corpus does not hold (they are edge cases, not the
    /// loops people write most, so they stay out of its precision and recall): compiled as the corpus is, with the
    /// real generator and TorchSharp adapter, marked the same way (<c>// expect: SDL0012</c>), and the messages
    /// checked word for word.</summary>
    public class TrainingLoopShapeTests
    {
        private const string Usings = """
            using ScheduleDsl.TorchSharp;
            using static TorchSharp.torch;

            """;

        /// <summary>Exactly the marked diagnostics, each with its message, are reported.</summary>
        private static void Check(string body, params string[] messages)
        {
            var file = new CorpusFile("Shape.cs", Usings + body);
            var reported = CorpusCompiler.Analyze(file).Where(d => d.Location.SourceTree?.FilePath == file.Name).ToList();
            string Show(IEnumerable<(int Line, string Id)> marks) =>
                string.Join(", ", marks.OrderBy(m => m.Line).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => $"{m.Id}@{m.Line}"));
            Assert.Equal(Show(file.Marked("expect")), Show(reported.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))));
            Assert.Equal(messages.OrderBy(m => m, StringComparer.Ordinal),
                reported.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, StringComparer.Ordinal));
        }

        private static string Early(string shown) =>
            $"'{shown}' advances the schedule before the optimizer's step() in the same loop: the first rate of the schedule is skipped; advance after optimizer.step()";

        private static string PerEpoch(string shown) =>
            $"'{shown}' is declared in steps but advanced once per outer-loop iteration, outside the loop that calls optimizer.step(): its horizon will stretch over far more epochs than meant; advance it after each optimizer.step()";

        private static string PerBatch(string shown) =>
            $"'{shown}' is declared in epochs and created without stepsPerEpoch, but advanced inside the batch loop: every batch counts as a whole epoch; pass stepsPerEpoch when creating it, or advance it once per epoch";

        private static string NoMetric(string shown, string where) =>
            $"'{shown}' reduces the rate on plateau but ReportMetric is never called in '{where}': the rate will never be reduced; call ReportMetric(validationLoss) once per epoch";

        [Fact]
        public void Each_rule_names_the_call_in_its_message() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    private readonly ScheduleDriver<EpochCosine> _driver;
                    private readonly optim.Optimizer _optimizer;

                    public Trainer(nn.Module<Tensor, Tensor> model)
                    {
                        _optimizer = optim.SGD(model.parameters(), 0.1);
                        _driver = new ScheduleDriver<EpochCosine>(_optimizer, new EpochCosine());
                    }

                    public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train)
                    {
                        var steps = new StepCosine();
                        var plateau = ScheduleDriver.Attach(_optimizer, new PlateauSchedule());
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            foreach (var batch in train)
                            {
                                this._driver.Step(); // expect: SDL0012, SDL0014
                                Losses.Of(model, batch).backward();
                                _optimizer.step();
                            }
                            steps.Advance(); // expect: SDL0013
                            plateau.Step(); // expect: SDL0015
                        }
                    }
                }
            }
            """, Early("this._driver.Step"), PerBatch("this._driver.Step"), PerEpoch("steps.Advance"), NoMetric("plateau.Step", "Trainer"));

        /// <summary>Top-level statements live in a type the user never named: the message says "this file".</summary>
        [Fact]
        public void A_plateau_never_fed_in_top_level_statements_names_the_file() => Check("""
            using Corpus;

            var model = nn.Linear(4, 1);
            var optimizer = optim.SGD(model.parameters(), 0.05);
            var driver = ScheduleDriver.Attach(optimizer, new PlateauSchedule());
            for (int epoch = 0; epoch < 60; epoch++)
            {
                optimizer.step();
                driver.Step(); // expect: SDL0015
            }
            """, NoMetric("driver.Step", "this file"));

        [Fact]
        public void A_top_level_program_with_its_own_members_still_names_the_file() => Check("""
            using Corpus;

            var model = nn.Linear(4, 1);
            var optimizer = optim.SGD(model.parameters(), 0.05);
            var driver = ScheduleDriver.Attach(optimizer, new PlateauSchedule());
            for (int epoch = 0; epoch < Epochs; epoch++)
            {
                optimizer.step();
                driver.Step(); // expect: SDL0015
            }

            public partial class Program
            {
                private const int Epochs = 60;
            }
            """, NoMetric("driver.Step", "this file"));

        [Fact]
        public void A_class_named_Program_is_named() => Check("""
            namespace Corpus
            {
                public static class Program
                {
                    public static void Main()
                    {
                        var model = nn.Linear(4, 1);
                        var optimizer = optim.SGD(model.parameters(), 0.05);
                        var driver = ScheduleDriver.Attach(optimizer, new PlateauSchedule());
                        for (int epoch = 0; epoch < 60; epoch++)
                        {
                            optimizer.step();
                            driver.Step(); // expect: SDL0015
                        }
                    }
                }
            }
            """, NoMetric("driver.Step", "Program"));

        /// <summary>Both in the for loop's incrementor, the optimizer step first: the incrementor runs after the body,
        /// and neither call comes before the other there as far as the rule can tell; nothing is reported.</summary>
        [Fact]
        public void Optimizer_step_and_tick_both_in_the_incrementor_are_fine() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(nn.Module<Tensor, Tensor> model, (Tensor Input, Tensor Target)[] batches)
                    {
                        var optimizer = optim.SGD(model.parameters(), 0.1);
                        var driver = ScheduleDriver.Attach(optimizer, new StepCosine());
                        for (int i = 0; i < batches.Length; optimizer.step(), driver.Step(), i++)
                        {
                            optimizer.zero_grad();
                            Losses.Of(model, batches[i]).backward();
                        }
                    }
                }
            }
            """);

        /// <summary>A preview of the rates, with no optimizer anywhere: a step schedule advanced in a plain loop is fine.</summary>
        [Fact]
        public void A_step_schedule_advanced_without_any_optimizer_is_fine() => Check("""
            namespace Corpus
            {
                public static class Preview
                {
                    public static void Print()
                    {
                        var schedule = new StepCosine();
                        for (int epoch = 0; epoch < 10; epoch++)
                        {
                            for (int i = 0; i < 2000; i++) schedule.Advance();
                            System.Console.WriteLine(schedule.CurrentFactor);
                        }
                    }
                }
            }
            """);

        /// <summary>A TrainOneEpoch helper called once before the epoch loop (a warm-up pass) and in it: the deepest call site
        /// counts, so the per-batch step of an epoch driver inside it is reported.</summary>
        [Fact]
        public void The_deepest_call_site_of_a_helper_counts() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    private ScheduleDriver<EpochCosine>? _driver;

                    public void Fit(nn.Module<Tensor, Tensor> model, DataLoader train)
                    {
                        var optimizer = optim.SGD(model.parameters(), 0.1);
                        _driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
                        TrainOneEpoch(model, optimizer, train);
                        for (int epoch = 1; epoch < 90; epoch++) TrainOneEpoch(model, optimizer, train);
                    }

                    private void TrainOneEpoch(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, DataLoader train)
                    {
                        foreach (var batch in train)
                        {
                            optimizer.zero_grad();
                            Losses.Of(model, batch).backward();
                            optimizer.step();
                            _driver!.Step(); // expect: SDL0014
                        }
                    }
                }
            }
            """, PerBatch("_driver!.Step"));

        /// <summary>The metric given to one plateau scheduler of the class is taken as given (the rule does not tell the
        /// schedules of one class apart): nothing is reported.</summary>
        [Fact]
        public void A_metric_given_through_a_scheduler_step_counts_for_the_class() => Check("""
            namespace Corpus
            {
                public sealed class Gan
                {
                    public void Fit(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, DataLoader train)
                    {
                        var g = optim.Adam(generator.parameters(), 0.0002);
                        var c = optim.Adam(critic.parameters(), 0.0002);
                        var gs = new ScheduleLRScheduler<PlateauSchedule>(g, new PlateauSchedule());
                        var cs = new ScheduleLRScheduler<PlateauSchedule>(c, new PlateauSchedule());
                        for (int epoch = 0; epoch < 60; epoch++)
                        {
                            c.step();
                            g.step();
                            cs.step();
                            gs.step(0.5);
                        }
                    }
                }
            }
            """);

        /// <summary>The schedule handed to the type's own method, or to ScheduleDsl's API, has not left the class: the
        /// metric cannot be reported elsewhere. Handed to a type of a namespace merely named ScheduleDsl, it has.</summary>
        [Fact]
        public void A_plateau_schedule_escapes_only_to_other_code() => Check("""
            namespace Acme.ScheduleDsl
            {
                public static class Monitor
                {
                    public static void Watch(object schedule) { }
                }
            }

            namespace Corpus
            {
                public sealed class Kept
                {
                    public void Fit(optim.Optimizer optimizer)
                    {
                        var schedule = new PlateauSchedule();
                        var driver = ScheduleDriver.Attach(optimizer, schedule);
                        Log(schedule);
                        for (int epoch = 0; epoch < 60; epoch++)
                        {
                            optimizer.step();
                            schedule.Advance(); // expect: SDL0015
                        }
                    }

                    private static void Log(PlateauSchedule schedule) => System.Console.WriteLine(schedule.CurrentFactor);
                }

                public sealed class Handed
                {
                    public void Fit(optim.Optimizer optimizer)
                    {
                        var schedule = new PlateauSchedule();
                        Acme.ScheduleDsl.Monitor.Watch(schedule);
                        for (int epoch = 0; epoch < 60; epoch++)
                        {
                            optimizer.step();
                            schedule.Advance();
                        }
                    }
                }
            }
            """, NoMetric("schedule.Advance", "Kept"));

        /// <summary>A loop in a nested class belongs to that class: reported once.</summary>
        [Fact]
        public void A_nested_class_is_checked_on_its_own() => Check("""
            namespace Corpus
            {
                public sealed class Outer
                {
                    public sealed class Inner
                    {
                        public void Train(optim.Optimizer optimizer, StepCosine schedule)
                        {
                            for (int i = 0; i < 10; i++)
                            {
                                schedule.Advance(); // expect: SDL0012
                                optimizer.step();
                            }
                        }
                    }

                    public void Train(optim.Optimizer optimizer) => new Inner().Train(optimizer, new StepCosine());
                }
            }
            """, Early("schedule.Advance"));

        /// <summary>Drivers kept in an array: which optimizer each drives is unknown, so any optimizer's step counts.</summary>
        [Fact]
        public void Drivers_read_from_an_array_are_judged_against_any_optimizer() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer optimizer, ScheduleDriver<StepCosine>[] drivers)
                    {
                        for (int i = 0; i < 100; i++)
                        {
                            drivers[0].Step(); // expect: SDL0012
                            optimizer.step();
                            drivers[1].Step();
                        }
                    }
                }
            }
            """, Early("drivers[0].Step"));

        /// <summary>A schedule kept in a field or an auto-property initialized where declared, created without the batches
        /// per epoch (an explicit null too): advanced per batch, each is reported.</summary>
        [Fact]
        public void Schedules_from_initializers_and_explicit_nulls_are_followed() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    private readonly EpochCosine _field = new EpochCosine();

                    public EpochCosine Property { get; } = new EpochCosine();

                    public void Train(optim.Optimizer optimizer, DataLoader loader)
                    {
                        var attached = ScheduleDriver.Attach(optimizer, EpochCosine.Definition, stepsPerEpoch: null);
                        var known = ScheduleDriver.Attach(optimizer, EpochCosine.Definition, stepsPerEpoch: loader.Count);
                        for (int epoch = 0; epoch < 90; epoch++)
                            foreach (var batch in loader)
                            {
                                optimizer.step();
                                _field.Advance(); // expect: SDL0014
                                Property.Advance(); // expect: SDL0014
                                attached.Step(); // expect: SDL0014
                                known.Step();
                            }
                    }
                }
            }
            """, PerBatch("_field.Advance"), PerBatch("Property.Advance"), PerBatch("attached.Step"));

        /// <summary>A method that makes one training step, called per batch elsewhere: the order inside it is checked all the same.</summary>
        [Fact]
        public void A_training_step_method_without_a_loop_is_checked() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Wrong(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, ScheduleDriver<StepCosine> driver, (Tensor Input, Tensor Target) batch)
                    {
                        Losses.Of(model, batch).backward();
                        driver.Step(); // expect: SDL0012
                        optimizer.step();
                    }

                    public void Right(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, ScheduleDriver<StepCosine> driver, (Tensor Input, Tensor Target) batch)
                    {
                        Losses.Of(model, batch).backward();
                        optimizer.step();
                        driver.Step();
                    }
                }
            }
            """, Early("driver.Step"));

        /// <summary>A generic helper over any plateau schedule: what its schedule is, hence whether it has a plateau, is
        /// unknown, so nothing is said.</summary>
        [Fact]
        public void A_driver_of_a_type_parameter_is_unknown() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Run<T>(optim.Optimizer optimizer, ScheduleDriver<T> driver) where T : class, global::ScheduleDsl.Composition.IPlateauSchedule
                    {
                        for (int epoch = 0; epoch < 10; epoch++)
                        {
                            optimizer.step();
                            driver.Step();
                        }
                    }
                }
            }
            """);

        /// <summary>Two drivers swapped every epoch (a ping-pong of schedules): each variable holds either, so the optimizer
        /// they drive is unknown and any optimizer's step counts; resolving the cycle of assignments terminates.</summary>
        [Fact]
        public void Swapped_drivers_are_resolved_without_looping() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer g, optim.Optimizer c)
                    {
                        var a = ScheduleDriver.Attach(g, new GanSchedule());
                        var b = ScheduleDriver.Attach(c, new GanSchedule());
                        for (int epoch = 0; epoch < 100; epoch++)
                        {
                            a.Step(); // expect: SDL0012
                            c.step();
                            var t = a;
                            a = b;
                            b = t;
                        }
                    }
                }
            }
            """, Early("a.Step"));

        /// <summary>Runtime schedules built from definitions in code: the unit and the plateau come from
        /// <c>ScheduleDefinition.Create</c>'s arguments, the batches per epoch from the <c>Schedule</c> constructor's.</summary>
        [Fact]
        public void Runtime_schedules_are_judged_by_their_definition() => Check("""
            using ScheduleDsl;
            using ScheduleDsl.Composition;
            using ScheduleDsl.Definition;

            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer optimizer, DataLoader loader)
                    {
                        var epochs = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new WarmupPhase(5), new CosineShape()));
                        var perBatch = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new WarmupPhase(5), new CosineShape()), stepsPerEpoch: loader.Count);
                        var steps = new Schedule(ScheduleDefinition.Create(0.1, TimeUnit.Steps, 9000, new WarmupPhase(500), new CosineShape()));
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            foreach (var batch in loader)
                            {
                                optimizer.step();
                                epochs.Advance(); // expect: SDL0014
                                perBatch.Advance();
                            }
                            steps.Advance(); // expect: SDL0013
                        }
                    }
                }
            }
            """, PerBatch("epochs.Advance"), PerEpoch("steps.Advance"));

        /// <summary>A definition with a component the rule cannot see the making of (a helper's result) may have a
        /// plateau or not: nothing is said. Nor about a runtime schedule's driver received as a parameter.</summary>
        [Fact]
        public void Definitions_with_unknown_components_and_runtime_drivers_are_unknown() => Check("""
            using ScheduleDsl;
            using ScheduleDsl.Composition;
            using ScheduleDsl.Definition;

            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer optimizer, ScheduleComponent decay)
                    {
                        var driver = ScheduleDriver.Attach(optimizer, ScheduleDefinition.Create(0.1, TimeUnit.Epochs, 90, new WarmupPhase(5), Decay()));
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            optimizer.step();
                            driver.Step();
                        }
                    }

                    public void Resume(optim.Optimizer optimizer, ScheduleDriver<Schedule> driver)
                    {
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            optimizer.step();
                            driver.Step();
                        }
                    }

                    private static ScheduleComponent Decay() => new PlateauReduction(Patience: 5);
                }
            }
            """);

        /// <summary>Other calls on a driver or a scheduler (saving a checkpoint, reading the rate) before the optimizer
        /// step are no ticks.</summary>
        [Fact]
        public void Other_calls_on_drivers_and_schedulers_are_no_ticks() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(nn.Module<Tensor, Tensor> model, DataLoader loader, System.Action<string> save)
                    {
                        var optimizer = optim.SGD(model.parameters(), 0.1);
                        var driver = ScheduleDriver.Attach(optimizer, new StepCosine());
                        var other = optim.SGD(model.parameters(), 0.1);
                        var scheduler = new ScheduleLRScheduler<StepCosine>(other, new StepCosine());
                        int i = 0;
                        foreach (var batch in loader)
                        {
                            if (i++ % 1000 == 0) save(driver.SaveState());
                            System.Console.WriteLine(string.Join(", ", scheduler.get_last_lr()));
                            optimizer.zero_grad();
                            Losses.Of(model, batch).backward();
                            optimizer.step();
                            other.step();
                            driver.Step();
                            scheduler.step();
                        }
                    }
                }
            }
            """);

        /// <summary>A loop body run with do/while, each optimizer stepped by its own driver: the order is judged per optimizer.</summary>
        [Fact]
        public void A_do_while_loop_is_judged_per_optimizer() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer first, optim.Optimizer second)
                    {
                        var a = new ScheduleDriver<StepCosine>(first, new StepCosine());
                        var b = new ScheduleDriver<StepCosine>(second, new StepCosine());
                        int i = 0;
                        do
                        {
                            first.step();
                            a.Step();
                            b.Step(); // expect: SDL0012
                            second.step();
                        }
                        while (++i < 100);
                    }
                }
            }
            """, Early("b.Step"));

        /// <summary>Lightning-style hooks: the optimizer stepped in one method, the driver in another, called in an order
        /// this class does not show: neither method alone puts the tick before a step.</summary>
        [Fact]
        public void Hooks_in_separate_methods_are_not_compared() => Check("""
            namespace Corpus
            {
                public sealed class Module
                {
                    private readonly optim.Optimizer _optimizer;
                    private readonly ScheduleDriver<StepCosine> _driver;

                    public Module(nn.Module<Tensor, Tensor> model)
                    {
                        _optimizer = optim.AdamW(model.parameters(), 0.001);
                        _driver = ScheduleDriver.Attach(_optimizer, new StepCosine());
                    }

                    public void OnTrainBatchStart() => _driver.Step();

                    public void OptimizerStep() => _optimizer.step();
                }
            }
            """);

        /// <summary>A schedule held as the interface (any schedule, generated or not) still ticks, and the interface says
        /// nothing of its unit or plateau.</summary>
        [Fact]
        public void A_schedule_held_as_the_interface_ticks() => Check("""
            using ScheduleDsl.Composition;

            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer optimizer, ILearningRateSchedule schedule, DataLoader loader)
                    {
                        for (int epoch = 0; epoch < 90; epoch++)
                            foreach (var batch in loader)
                            {
                                schedule.Advance(); // expect: SDL0012
                                optimizer.step();
                            }
                    }
                }
            }
            """, Early("schedule.Advance"));

        /// <summary>A GAN whose epoch helper calls an update helper, once per network: the optimizer is a parameter two calls
        /// deep, followed back call by call to the argument each network passes. Only the generator's driver ticks before
        /// its steps.</summary>
        [Fact]
        public void An_optimizer_passed_through_two_helpers_is_followed_back_to_each_caller() => Check("""
            namespace Corpus
            {
                public sealed class GanTrainer
                {
                    public void Fit(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, DataLoader train)
                    {
                        var optG = optim.Adam(generator.parameters(), 2e-4);
                        var optC = optim.Adam(critic.parameters(), 2e-4);
                        var driverG = ScheduleDriver.Attach(optG, new GanSchedule());
                        var driverC = ScheduleDriver.Attach(optC, new GanSchedule());
                        for (int epoch = 0; epoch < 100; epoch++)
                        {
                            driverG.Step(); // expect: SDL0012
                            Epoch(generator, optG, train);
                            Epoch(critic, optC, train);
                            driverC.Step();
                        }
                    }

                    private static void Epoch(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, DataLoader train)
                    {
                        foreach (var batch in train) Update(model, optimizer, batch);
                    }

                    private static void Update(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, (Tensor Input, Tensor Target) batch)
                    {
                        optimizer.zero_grad();
                        Losses.Of(model, batch).backward();
                        optimizer.step();
                    }
                }
            }
            """, Early("driverG.Step"));

        /// <summary>Where the batch loop sits two helpers down decides what a tick is: a step schedule ticked beside a helper
        /// whose helper loops over the batches is ticked per epoch; an epoch schedule ticked in the batch loop beside a
        /// helper whose helper steps once (no loop of its own) is ticked per batch.</summary>
        [Fact]
        public void A_loop_two_helpers_down_decides_whether_the_steps_are_per_tick() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void PerEpoch(optim.Optimizer optimizer, DataLoader train)
                    {
                        var schedule = new StepCosine();
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            Epoch(optimizer, train);
                            schedule.Advance(); // expect: SDL0013
                        }
                    }

                    public void PerBatch(optim.Optimizer optimizer, DataLoader train)
                    {
                        var driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            foreach (var batch in train)
                            {
                                Update(optimizer);
                                driver.Step(); // expect: SDL0014
                            }
                        }
                    }

                    private static void Epoch(optim.Optimizer o, DataLoader train) => Batches(o, train);
                    private static void Batches(optim.Optimizer o, DataLoader train) { foreach (var batch in train) o.step(); }
                    private static void Update(optim.Optimizer o) => Step(o);
                    private static void Step(optim.Optimizer o) => o.step();
                }
            }
            """, PerEpoch("schedule.Advance"), PerBatch("driver.Step"));

        /// <summary>Calls are followed three levels deep from the loop (docs/diagnostics): a step three helpers down is
        /// seen, one four helpers down is not (nothing is reported on what is not seen).</summary>
        [Fact]
        public void Helpers_are_followed_three_calls_deep() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Three(optim.Optimizer optimizer, DataLoader train)
                    {
                        var driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            driver.Step(); // expect: SDL0012
                            A(optimizer, train);
                        }
                    }

                    public void Four(optim.Optimizer optimizer, DataLoader train)
                    {
                        var driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            driver.Step();
                            D(optimizer, train);
                        }
                    }

                    private static void A(optim.Optimizer o, DataLoader train) => B(o, train);
                    private static void B(optim.Optimizer o, DataLoader train) => C(o, train);
                    private static void C(optim.Optimizer o, DataLoader train) { foreach (var batch in train) o.step(); }
                    private static void D(optim.Optimizer o, DataLoader train) => A(o, train);
                }
            }
            """, Early("driver.Step"));

        /// <summary>A step inside a lambda handed to other code runs when that code decides: it is not counted for the loop,
        /// and neither is a step in a method the loop does not call.</summary>
        [Fact]
        public void Steps_in_lambdas_and_in_methods_the_loop_does_not_call_do_not_count() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    private readonly optim.Optimizer _optimizer;
                    private readonly ScheduleDriver<EpochCosine> _driver;

                    public Trainer(optim.Optimizer optimizer)
                    {
                        _optimizer = optimizer;
                        _driver = ScheduleDriver.Attach(optimizer, new EpochCosine());
                    }

                    public void Train((Tensor Input, Tensor Target)[] batches)
                    {
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            _driver.Step();
                            System.Array.ForEach(batches, batch => _optimizer.step());
                            Log(epoch);
                        }
                    }

                    private static void Log(int epoch) => System.Console.WriteLine(epoch);

                    public void Finish() => _optimizer.step();
                }
            }
            """);

        /// <summary>A driver whose optimizer is unknown is judged against every optimizer step in the loop: one before it
        /// and one after is a GAN order, not a tick before the steps.</summary>
        [Fact]
        public void A_tick_between_steps_of_unknown_optimizers_is_fine() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer first, optim.Optimizer second, ScheduleDriver<EpochCosine> driver, int epochs)
                    {
                        for (int epoch = 0; epoch < epochs; epoch++)
                        {
                            first.step();
                            driver.Step();
                            second.step();
                        }
                    }
                }
            }
            """);

        /// <summary>A driver given as a parameter says its schedule by its type: a schedule in steps ticked once per epoch.</summary>
        [Fact]
        public void A_driver_parameter_is_judged_by_its_schedule_type() => Check("""
            namespace Corpus
            {
                public sealed class Trainer
                {
                    public void Train(optim.Optimizer optimizer, ScheduleDriver<StepCosine> driver, DataLoader train)
                    {
                        for (int epoch = 0; epoch < 90; epoch++)
                        {
                            foreach (var batch in train) optimizer.step();
                            driver.Step(); // expect: SDL0013
                        }
                    }
                }
            }
            """, PerEpoch("driver.Step"));

        /// <summary>A method named step on a type that is no TorchSharp optimizer (an EMA of the weights) is no optimizer step.</summary>
        [Fact]
        public void A_step_method_of_another_type_is_no_optimizer_step() => Check("""
            namespace Corpus
            {
                public sealed class WeightAverage
                {
                    public void step() { }
                }

                public sealed class Trainer
                {
                    public void Train(ScheduleDriver<EpochCosine> driver, WeightAverage ema, int epochs)
                    {
                        for (int epoch = 0; epoch < epochs; epoch++)
                        {
                            driver.Step();
                            ema.step();
                        }
                    }
                }
            }
            """);
    }
}

