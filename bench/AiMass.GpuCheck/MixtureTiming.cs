using System.Diagnostics;
using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;

namespace AiMass.GpuCheck;

/// <summary>
/// Times the Gaussian-mixture E-step: bind (upload) once, one warm-up call (kernel compilation), then
/// <c>iterations</c> timed calls; prints ms per iteration and effective GFLOP/s = 4·N·K·D² / time (the dense
/// full-covariance count, used for every covariance type so numbers compare).
/// </summary>
internal static class MixtureTiming
{
    public static int Run(Arguments a)
    {
        var type = CovarianceTypes.Parse(a.Covariance);
        var centres = GeneratedRows.Centres(a.Components, a.Features, 7);
        var partition = new DataPartition(0, new GeneratedRows(a.Rows, a.Features, centres, 7));
        var parameters = Parameters(type, a.Components, a.Features, centres);
        using var backend = EStepBackends.Create(a.Device);
        if (backend is AiMass.Kernels.EStep.Gpu.IlgpuBackend ilgpu)
        {
            ilgpu.Warning += message => Console.WriteLine($"WARNING: {message}");
        }

        Console.WriteLine($"device {backend.Name}; GMM {type.Name()} N={a.Rows} D={a.Features} K={a.Components}");
        var clock = Stopwatch.StartNew();
        using var estep = backend.Bind(partition);
        Console.WriteLine($"bind (generate, centre, upload): {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var stats = (GaussianMixtureStatistics)estep.Compute(parameters, CancellationToken.None);
        Console.WriteLine(
            $"first call (includes kernel compilation): {clock.Elapsed.TotalMilliseconds:F0} ms on {estep.Device}");
        Console.WriteLine($"check: sum N_k / rows = {stats.N.Sum() / stats.Weight:F6}, mean log-likelihood = " +
                          $"{stats.LogLikelihood / stats.Weight:F4}");
        var times = new List<double>();
        for (var i = 0; i < a.Iterations; i++)
        {
            clock.Restart();
            estep.Compute(parameters, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var flops = 4.0 * a.Rows * a.Components * a.Features * a.Features;
        var best = times.Min();
        var median = Median(times);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Console.WriteLine($"iterations (ms): {string.Join(", ", times.Select(t => t.ToString("F1", invariant)))}");
        Console.WriteLine($"RESULT gmm-{type.Name()} N={a.Rows} D={a.Features} K={a.Components}: " +
                          $"median {median:F1} ms/iteration, best {best:F1} ms, {flops / (median * 1e6):F1} " +
                          "effective GFLOP/s (4·N·K·D² per iteration)");
        return 0;
    }

    private static GaussianMixtureParameters Parameters(CovarianceType type, int k, int d, double[] centres)
    {
        var weights = Enumerable.Repeat(1.0 / k, k).ToArray();
        var means = centres.Select((c, i) => c + (0.1 * Math.Sin(i))).ToArray();
        var identity = new double[d * d];
        for (var j = 0; j < d; j++)
        {
            identity[(j * d) + j] = 1.2;
        }

        var covariances = type switch
        {
            CovarianceType.Full => Enumerable.Range(0, k).SelectMany(_ => identity).ToArray(),
            CovarianceType.Tied => identity,
            CovarianceType.Diag => Enumerable.Repeat(1.2, k * d).ToArray(),
            _ => Enumerable.Repeat(1.2, k).ToArray(),
        };
        return GaussianMixtureParameters.Create(type, weights, means, covariances, d);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }
}
