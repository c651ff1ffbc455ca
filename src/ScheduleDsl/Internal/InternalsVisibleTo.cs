using System.Runtime.CompilerServices;

// Plumbing (terms' C# text, the registry, literal helpers, unchecked compilation) is internal: only our
// compile-time assemblies and tests see it.
[assembly: InternalsVisibleTo("ScheduleDsl.Generator")]
[assembly: InternalsVisibleTo("ScheduleDsl.Analyzers")]
[assembly: InternalsVisibleTo("ScheduleDsl.Tests")]
[assembly: InternalsVisibleTo("ScheduleDsl.Generator.Tests")]
[assembly: InternalsVisibleTo("ScheduleDsl.Analyzers.Tests")]
[assembly: InternalsVisibleTo("ScheduleDsl.CodeFixes")]
