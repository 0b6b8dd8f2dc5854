using System.Diagnostics;
using System.Globalization;
using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench;

/// <summary>
/// <c>estep --rows N --features D --components K --covariance full --iterations 5 [--precision single|double]
/// [--threads T] [--device cpu|reference] [--spread 3] [--resident-mb MB]</c>: times E-step iterations over
/// synthetic blobs (spread: of the blob centres; 0.3 makes them overlap, so every responsibility is non-zero) and
/// prints ms per iteration (median and best), effective GFLOP/s (dense-equivalent flops: 4·N·K·D² for full) and
/// the process CPU time per iteration (on a busy machine, cpu_ms/iter ÷ threads approximates the wall time on an
/// idle one). <c>--resident-mb</c> is the CPU backend's resident budget (0: stream every iteration; default: the
/// backend's default); the first line says whether the partition stayed resident.
/// </summary>
public static class EStepCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = Parse(args);
        int n = Get(options, "rows", 200_000), d = Get(options, "features", 16), k = Get(options, "components", 16);
        var iterations = Get(options, "iterations", 5);
        var type = CovarianceTypes.Parse(options.GetValueOrDefault("covariance", "full"));
        var precision = BenchPrecision.Parse(options.GetValueOrDefault("precision", "single"));
        var estepOptions = new EStepOptions(precision, Get(options, "threads", 0))
        {
            ResidentBytes = options.TryGetValue("resident-mb", out var mb)
                ? long.Parse(mb, CultureInfo.InvariantCulture) << 20
                : null,
        };
        var device = options.GetValueOrDefault("device", "cpu");

        var spread = double.Parse(options.GetValueOrDefault("spread", "3"), CultureInfo.InvariantCulture);
        var rows = BenchData.Rows(n, d, k, spread: spread);
        var parameters = BenchData.Parameters(type, rows, d, k);
        using var backend = EStepBackends.Create(device, estepOptions);
        using var step = backend.Bind(new DataPartition(0, new ArrayRowSource(rows, d)));
        var warm = Stopwatch.StartNew();
        step.Compute(parameters, CancellationToken.None); // first call: JIT, the partition centre, buffers
        Console.WriteLine($"{backend.Name}: {type.Name()} N={n} D={d} K={k} spread={spread}; " +
            $"warm-up {warm.Elapsed.TotalMilliseconds:F1} ms; {Residency(step)}");

        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            step.Compute(parameters, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        process.Refresh();
        var cpuPerIteration = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;

        times.Sort();
        var median = times[times.Count / 2];
        var flops = BenchData.Flops(type, n, d, k);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ms/iter={median:F2} best={times[0]:F2} gflop/s={flops / (median * 1e6):F1} " +
            $"best_gflop/s={flops / (times[0] * 1e6):F1} cpu_ms/iter={cpuPerIteration:F2}"));
        return 0;
    }

    internal static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an --option at '{args[i]}'.");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    internal static int Get(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value.Replace("_", "", StringComparison.Ordinal)
            .Replace("e6", "000000", StringComparison.OrdinalIgnoreCase), CultureInfo.InvariantCulture) : fallback;

    /// <summary>"resident N MiB" or "streamed" for a CPU partition; empty for other backends.</summary>
    internal static string Residency(IPartitionEStep step) => step is AiMass.Kernels.EStep.Cpu.CpuPartitionEStep cpu
        ? cpu.Residency.HasCopy ? $"resident {cpu.Residency.Bytes / (1 << 20)} MiB" : "streamed"
        : "";
}
