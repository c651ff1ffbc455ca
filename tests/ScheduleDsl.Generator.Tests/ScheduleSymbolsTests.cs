using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Composition;
using ScheduleDsl.Generator.Parsing;
using Xunit;

namespace ScheduleDsl.Generator.Tests
{
    /// <summary>How the DSL's attribute types are told apart: markers (one per kind), schedule-level attributes and components
    /// (the analyzers' orphan-attribute warning asks <see cref="ScheduleSymbols.IsStageAttribute"/>).</summary>
    public class ScheduleSymbolsTests
    {
        [Theory]
        //                  attribute                     marker kind                        stage  schedule  component
        [InlineData("LearningRateAttribute", HyperparameterKind.LearningRate, false, true, false)]
        [InlineData("WeightDecayAttribute", HyperparameterKind.WeightDecay, false, true, false)]
        [InlineData("MomentumAttribute", HyperparameterKind.Momentum, false, true, false)]
        [InlineData("EmaDecayAttribute", HyperparameterKind.EmaDecay, false, true, false)]
        [InlineData("TemperatureAttribute", HyperparameterKind.Temperature, false, true, false)]
        [InlineData("HyperparameterAttribute", HyperparameterKind.Other, false, true, false)]
        [InlineData("EpochsAttribute", null, true, true, false)]
        [InlineData("StepsAttribute", null, true, true, false)]
        [InlineData("FloorAttribute", null, true, true, false)]
        [InlineData("PastHorizonAttribute", null, true, true, false)]
        [InlineData("WarmupAttribute", null, true, true, true)]
        [InlineData("CosineAttribute", null, true, true, true)]
        [InlineData("ReduceOnPlateauAttribute", null, true, true, true)]
        [InlineData("CustomFactorAttribute", null, true, true, true)]
        public void Each_attribute_is_known_for_what_it_is(string attribute, HyperparameterKind? marker, bool stage, bool schedule, bool component)
        {
            Compilation compilation = TestCompilation.Create("class C { }");
            ScheduleSymbols symbols = ScheduleSymbols.Create(compilation)!;
            INamedTypeSymbol type = TestCompilation.Type(compilation, "ScheduleDsl." + attribute);
            Assert.Equal((marker, stage, schedule, component),
                (symbols.MarkerKind(type), symbols.IsStageAttribute(type), symbols.IsScheduleAttribute(type), symbols.ComponentOf(type) is not null));
        }

        [Fact]
        public void Other_attributes_and_none_are_nothing_of_the_DSL()
        {
            Compilation compilation = TestCompilation.Create("class C { }");
            ScheduleSymbols symbols = ScheduleSymbols.Create(compilation)!;
            foreach (INamedTypeSymbol? type in new[] { TestCompilation.Type(compilation, "System.ObsoleteAttribute"), null })
                Assert.Equal((null, false, false, false),
                    (symbols.MarkerKind(type), symbols.IsStageAttribute(type), symbols.IsScheduleAttribute(type), symbols.ComponentOf(type) is not null));
            Assert.Equal("Cosine", symbols.ComponentOf(TestCompilation.Type(compilation, "ScheduleDsl.CosineAttribute"))!.Name);
        }

        [Fact]
        public void A_compilation_without_ScheduleDsl_has_no_symbols()
        {
            var compilation = CSharpCompilation.Create("NoDsl", new[] { CSharpSyntaxTree.ParseText("class C { }") },
                TestCompilation.Create().References.Where(r => !r.Display!.EndsWith("ScheduleDsl.dll", System.StringComparison.Ordinal)));
            Assert.Null(ScheduleSymbols.Create(compilation));
            Assert.NotNull(ScheduleSymbols.Create(TestCompilation.Create()));
        }
    }
}
