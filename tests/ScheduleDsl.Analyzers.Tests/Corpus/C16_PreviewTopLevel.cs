// Clean: the Preview sample, top-level statements printing a runtime schedule (no plateau, no optimizer).
using System;
using System.Globalization;
using ScheduleDsl;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;

var definition = ScheduleDefinition.Create(0.4, TimeUnit.Epochs, 90,
    new WarmupPhase(5),
    new CosineShape(),
    new StepDecayShape(30, 0.1));

var schedule = new Schedule(definition);
for (int epoch = 0; epoch <= 90; epoch++)
{
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1:0.000000}", epoch, schedule.CurrentRate));
    schedule.Advance();
}
