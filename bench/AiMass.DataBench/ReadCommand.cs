using System.Diagnostics;
using AiMass.Seed.Data.Parts;
using AiMass.Seed.Data.Storage;

namespace AiMass.DataBench;

/// <summary>
/// <c>read --data LOCATION --partitions P [--s3-endpoint URL] [--repeat R]</c>: plans the dataset (headers only),
/// then reads every partition's rows once as a worker does (<see cref="PartSources.OpenRows"/>, no cache) and
/// scans them; prints the best of R runs in MB/s of rows as stored (.npy) or decoded (Parquet, float64).
/// </summary>
internal static class ReadCommand
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var partitions = (int)Options.Get(options, "partitions", 16);
        var repeat = (int)Options.Get(options, "repeat", 3);
        var settings = DataAccessSettings.FromEnvironment() with
        {
            S3Endpoint = options.GetValueOrDefault("s3-endpoint"),
        };
        using var access = new DataAccess(settings);
        var best = double.MaxValue;
        long bytes = 0;
        for (var run = 0; run < repeat; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var catalog = DatasetCatalog.Open(options["data"], "data file", access);
            bytes = 0;
            var buffer = new double[4096 * catalog.Features];
            for (var p = 0; p < partitions; p++)
            {
                var first = catalog.Rows * p / partitions;
                var count = (catalog.Rows * (p + 1) / partitions) - first;
                using var rows = PartSources.OpenRows(catalog, access, first, count);
                for (long r = 0; r < count; r += 4096)
                {
                    var n = (int)Math.Min(4096, count - r);
                    rows.Rows.Read(r, n, buffer.AsSpan(0, n * catalog.Features));
                }

                bytes += count * catalog.Features * 8;
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        Console.WriteLine(
            $"{options["data"]}: {partitions} partitions, {bytes / 1e6:F0} MB of float64 rows, best of {repeat}: "
            + $"{best:F2} s = {bytes / 1e6 / best:F0} MB/s; S3 requests {(access.Settings.S3Endpoint is null && !options["data"].StartsWith("s3://", StringComparison.Ordinal) ? 0 : access.S3.Requests)}");
        return 0;
    }
}
