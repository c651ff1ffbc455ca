using System;
using System.Globalization;
using ScheduleDsl;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;

// The ImageNet recipe: 0.4 peak, 5 warmup epochs, cosine annealing times a 10x step decay every 30 epochs.
var definition = ScheduleDefinition.Create(0.4, TimeUnit.Epochs, 90,
    new WarmupPhase(5),
    new CosineShape(),
    new StepDecayShape(30, 0.1));

var schedule = new Schedule(definition);
Console.WriteLine($"Schedule: {schedule}");
Console.WriteLine("epoch  learning rate");
for (int epoch = 0; epoch <= 90; epoch++)
{
    if (epoch % 5 == 0 || epoch < 6)
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1:0.000000}", epoch, schedule.CurrentRate));
    schedule.Advance();
}
