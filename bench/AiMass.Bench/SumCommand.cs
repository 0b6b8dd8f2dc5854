using System.Diagnostics;
using System.Globalization;
using AiMass.Bench.Scale;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Serialization;

namespace AiMass.Bench;

/// <summary>
/// <c>sum --components 64 --features 32 --covariance full --partitions 16</c>: the cost of the order-independent
/// summation against plain float64 addition, per float64 value of the statistics: adding a partition's statistics
/// (plain <c>Add</c>, and the binned <c>StatisticsSum.Add</c>), merging two totals, encoding a total for the wire,
/// folding it into another, and rounding a total to float64 statistics.
/// </summary>
public static class SumCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var o = EStepCommand.Parse(args);
        int k = EStepCommand.Get(o, "components", 64), d = EStepCommand.Get(o, "features", 32);
        var partitions = EStepCommand.Get(o, "partitions", 16);
        var type = CovarianceTypes.Parse(o.GetValueOrDefault("covariance", "full"));
        var parts = Enumerable.Range(0, partitions)
            .Select(p => (SufficientStatistics)SyntheticStatisticsBackend.Make(type, k, d, p, 1000 + p)).ToArray();
        var layout = parts[0].Layout;
        var values = (double)layout.Length;
        var plain = Time(() => SufficientStatistics.Sum(parts)) / partitions;
        var binned = Time(() => StatisticsSum.Of(parts)) / partitions;
        var total = new StatisticsSum(layout);
        foreach (var part in parts)
        {
            total.Add(part);
        }

        var bytes = StatisticsSumCodec.Encode(total);
        var merge = Time(() => new StatisticsSum(layout).Merge(total));
        var encode = Time(() => StatisticsSumCodec.Encode(total));
        var fold = Time(() => StatisticsSumCodec.FoldInto(bytes, new StatisticsSum(layout)));
        var round = Time(() => total.Total());
        Console.WriteLine($"{type.Name()} K={k} D={d}: {layout.Length} float64 values per partition's statistics; " +
            $"a total of {partitions} partitions is {bytes.Length} bytes on the wire ({bytes.Length / values:F1} per value)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ns per value: plain add {Ns(plain, values):F1}, binned add {Ns(binned, values):F1}, merge " +
            $"{Ns(merge, values):F1}, encode {Ns(encode, values):F1}, fold {Ns(fold, values):F1}, round " +
            $"{Ns(round, values):F1}"));
        return 0;
    }

    private static double Ns(double ms, double values) => ms * 1e6 / values;

    /// <summary>Best milliseconds of <paramref name="action"/> over 15 runs after a warm-up (the least disturbed by
    /// other work on the machine).</summary>
    private static double Time(Action action)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        var times = new double[15];
        for (var i = 0; i < times.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[0];
    }
}
