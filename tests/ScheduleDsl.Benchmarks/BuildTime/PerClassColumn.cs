using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ScheduleDsl.Benchmarks.BuildTime
{
    /// <summary>"Per class": the mean divided by the number of schedule classes (the <c>Classes</c> parameter),
    /// so linear growth shows as a constant.</summary>
    internal sealed class PerClassColumn : IColumn
    {
        public string Id => nameof(PerClassColumn);
        public string ColumnName => "Per class";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Mean / Classes";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null || benchmarkCase.Parameters["Classes"] is not int classes || classes <= 0) return "NA";
            double ns = statistics.Mean / classes;
            return ns >= 1e6 ? Format(ns / 1e6, "ms") : ns >= 1e3 ? Format(ns / 1e3, "μs") : Format(ns, "ns");
        }

        private static string Format(double value, string unit) => value.ToString("N2", CultureInfo.InvariantCulture) + " " + unit;
    }
}
