using Microsoft.CodeAnalysis;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary>Roslyn's own share of a re-run: the same <c>ForAttributeWithMetadataName</c> search as the real
    /// generator, with a transform that only reads the type's name and attribute count, and no output. What it costs
    /// on a re-run is the floor any attribute-driven generator pays before doing anything of its own.</summary>
    /// Not marked [Generator]: the benchmark creates it directly, nothing discovers it.
    public sealed class FloorGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName(
                "ScheduleDsl.LearningRateAttribute",
                static (_, _) => true,
                static (ctx, _) => (ctx.TargetSymbol.Name, ctx.TargetSymbol.GetAttributes().Length));
            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}
