using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ScheduleDsl.Definition;

namespace ScheduleDsl.Generator.Diagnostics
{
    /// <summary>A diagnostic reduced to values (descriptor ID, file, spans, message arguments), so it can
    /// flow through the incremental pipeline without holding a syntax tree.</summary>
    internal sealed record DiagnosticInfo(string Id, string? FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
    {
        /// <summary>Captures <paramref name="descriptor"/> at <paramref name="location"/>.</summary>
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        {
            FileLinePositionSpan? line = location is { IsInSource: true } ? location.GetLineSpan() : null;
            return new DiagnosticInfo(descriptor.Id, line?.Path, location?.SourceSpan ?? default, line?.Span ?? default,
                new EquatableArray<string>(arguments));
        }

        /// <summary>The diagnostic to report.</summary>
        public Diagnostic ToDiagnostic()
        {
            Location location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
            return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, Arguments.Cast<object?>().ToArray());
        }
    }
}
