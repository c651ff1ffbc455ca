using System.Runtime.CompilerServices;

// The attribute reader is shared with the analyzers; tests reach the parser and emitter directly.
[assembly: InternalsVisibleTo("ScheduleDsl.Analyzers")]
[assembly: InternalsVisibleTo("ScheduleDsl.Generator.Tests")]
[assembly: InternalsVisibleTo("ScheduleDsl.Analyzers.Tests")]
[assembly: InternalsVisibleTo("ScheduleDsl.Benchmarks")]
