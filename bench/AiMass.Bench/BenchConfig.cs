using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench;

/// <summary>Adds GFLOP/s and % of the measured fp32 FMA peak to the summary table.</summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>The default configuration plus the two columns.</summary>
    public BenchConfig()
    {
        AddColumn(new RateColumn(asPercentOfPeak: false), new RateColumn(asPercentOfPeak: true));
    }

    /// <summary>Dense-equivalent flops of one invocation of <paramref name="benchmark"/>.</summary>
    public static double FlopsOf(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        if (benchmark.Descriptor.Type == typeof(PeakFlopsBenchmark))
        {
            return PeakFlops.Flops(Environment.ProcessorCount, PeakFlopsBenchmark.Iterations);
        }

        var shape = ((string)benchmark.Parameters["Shape"]).Split(' ');
        return BenchData.Flops(CovarianceTypes.Parse(shape[0]), long.Parse(shape[1]), int.Parse(shape[2]),
            int.Parse(shape[3]));
    }

    private sealed class RateColumn(bool asPercentOfPeak) : IColumn
    {
        private static readonly Lazy<double> Peak = new(() => PeakFlops.Measure(Environment.ProcessorCount));

        public string Id => asPercentOfPeak ? "PercentOfPeak" : "Gflops";

        public string ColumnName => asPercentOfPeak ? "% of FMA peak" : "GFLOP/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => asPercentOfPeak ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => asPercentOfPeak
            ? "GFLOP/s over the fp32 FMA peak measured by this process on all cores"
            : "Dense-equivalent GFLOP/s (full: 4·N·K·D² per E-step) from the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (mean is not { } nanoseconds)
            {
                return "-";
            }

            var gflops = FlopsOf(benchmarkCase) / nanoseconds;
            return asPercentOfPeak ? $"{100 * gflops / Peak.Value:F1}%" : $"{gflops:F1}";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
