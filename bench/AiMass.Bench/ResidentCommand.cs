using System.Diagnostics;
using System.Globalization;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench;

/// <summary>
/// <c>resident [--model gmm|hmm] [estep's or hmm's size options] [--iterations 40] [--precision single|double]
/// [--threads T]</c>: the same E-step on two partitions over the same rows on one CPU backend whose resident
/// budget holds one copy only, so the first partition keeps its tiles resident and the second streams; timed
/// alternately in one process (drifts of a shared machine hit both alike). Prints each one's median and best ms
/// per iteration and the ratio.
/// </summary>
public static class ResidentCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = EStepCommand.Parse(args);
        var iterations = EStepCommand.Get(options, "iterations", 40);
        var precision = BenchPrecision.Parse(options.GetValueOrDefault("precision", "single"));
        var threads = EStepCommand.Get(options, "threads", 0);
        var (partition, parameters, label) = options.GetValueOrDefault("model", "gmm") == "hmm"
            ? Hmm(options)
            : Mixture(options);
        // A budget of exactly one copy, measured on a probe backend.
        long copy;
        using (var probe = new AiMass.Kernels.EStep.Cpu.CpuBackend(new EStepOptions(precision, threads)))
        using (var step = probe.Bind(partition))
        {
            step.Compute(parameters, CancellationToken.None);
            copy = ((AiMass.Kernels.EStep.Cpu.CpuPartitionEStep)step).Residency.Bytes;
        }

        using var backend = new AiMass.Kernels.EStep.Cpu.CpuBackend(
            new EStepOptions(precision, threads) { ResidentBytes = copy });
        using var b = backend.Bind(partition);
        using var a = backend.Bind(partition with { Index = 1 });
        for (var i = 0; i < 3; i++)
        {
            // Warm-up: JIT, the centre, the resident copy (b asks first, so b gets it).
            b.Compute(parameters, CancellationToken.None);
            a.Compute(parameters, CancellationToken.None);
        }

        Console.WriteLine($"{backend.Name}: {label}; {EStepCommand.Residency(a)} vs {EStepCommand.Residency(b)}");
        List<double> ta = [], tb = [];
        for (var i = 0; i < iterations; i++)
        {
            ta.Add(Time(a, parameters));
            tb.Add(Time(b, parameters));
        }

        ta.Sort();
        tb.Sort();
        double ma = ta[ta.Count / 2], mb = tb[tb.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"streamed ms/iter={ma:F2} best={ta[0]:F2}  resident ms/iter={mb:F2} best={tb[0]:F2}  " +
            $"speed-up median={ma / mb:F2} best={ta[0] / tb[0]:F2}"));
        return 0;
    }

    private static double Time(IPartitionEStep step, ModelParameters parameters)
    {
        var watch = Stopwatch.StartNew();
        step.Compute(parameters, CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static (DataPartition, ModelParameters, string) Mixture(Dictionary<string, string> options)
    {
        int n = EStepCommand.Get(options, "rows", 200_000), d = EStepCommand.Get(options, "features", 16);
        var k = EStepCommand.Get(options, "components", 16);
        var type = CovarianceTypes.Parse(options.GetValueOrDefault("covariance", "full"));
        var spread = double.Parse(options.GetValueOrDefault("spread", "3"), CultureInfo.InvariantCulture);
        var rows = BenchData.Rows(n, d, k, spread: spread);
        return (new DataPartition(0, new ArrayRowSource(rows, d)), BenchData.Parameters(type, rows, d, k),
            $"gmm {type.Name()} N={n} D={d} K={k} spread={spread}");
    }

    private static (DataPartition, ModelParameters, string) Hmm(Dictionary<string, string> options)
    {
        int sequences = EStepCommand.Get(options, "sequences", 100), length = EStepCommand.Get(options, "length", 1000);
        int states = EStepCommand.Get(options, "states", 16), features = EStepCommand.Get(options, "features", 8);
        var emission = HmmEmissions.Parse(
            options.GetValueOrDefault("emission", "gaussian"), options.GetValueOrDefault("covariance", "diag"));
        var (partition, initial) = HmmBenchData.Create(emission, sequences, length, states, features);
        return (partition, initial, $"hmm {emission} S={states} D={features} {sequences}×{length}");
    }
}
