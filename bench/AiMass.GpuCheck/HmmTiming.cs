using System.Diagnostics;
using System.Globalization;
using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Gpu;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;

namespace AiMass.GpuCheck;

/// <summary>
/// Times the Gaussian HMM E-step: rows generated on the fly (<see cref="GeneratedRows"/>, S clusters) cut into
/// equal sequences, a sticky S-state HMM over the cluster centres; bind (upload) once, one warm-up call (kernel
/// compilation), then <c>iterations</c> timed calls. Prints ms per E-step and steps per second.
/// </summary>
internal static class HmmTiming
{
    public static int Run(HmmArguments a)
    {
        var type = CovarianceTypes.Parse(a.Covariance);
        var rows = (long)a.Sequences * a.Length;
        var centres = GeneratedRows.Centres(a.States, a.Features, 11);
        var lengths = Enumerable.Repeat(a.Length, a.Sequences).ToArray();
        var partition = new DataPartition(
            0, new GeneratedRows(rows, a.Features, centres, 11), SequenceLengths: lengths);
        var parameters = Parameters(type, a.States, a.Features, centres);
        using var backend = EStepBackends.Create(a.Device);
        if (backend is IlgpuBackend ilgpu)
        {
            ilgpu.Warning += message => Console.WriteLine($"WARNING: {message}");
        }

        Console.WriteLine($"device {backend.Name}; HMM {type.Name()} S={a.States} D={a.Features}, " +
                          $"{a.Sequences} sequences × {a.Length} steps");
        var clock = Stopwatch.StartNew();
        using var estep = backend.Bind(partition);
        Console.WriteLine($"bind (generate, centre, upload): {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var stats = (HmmStatistics)estep.Compute(parameters, CancellationToken.None);
        Console.WriteLine(
            $"first call (includes kernel compilation): {clock.Elapsed.TotalMilliseconds:F0} ms on {estep.Device}");
        Console.WriteLine($"check: sum posterior / rows = {stats.Posterior.Sum() / rows:F9}, sum start / sequences = " +
                          $"{stats.Start.Sum() / a.Sequences:F9}, mean log-likelihood per step = " +
                          $"{stats.LogLikelihood / rows:F4}");
        var times = new List<double>();
        for (var i = 0; i < a.Iterations; i++)
        {
            clock.Restart();
            estep.Compute(parameters, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        Report(a, type, rows, times);
        return 0;
    }

    private static void Report(HmmArguments a, CovarianceType type, long rows, List<double> times)
    {
        var sorted = times.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var listed = string.Join(", ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)));
        Console.WriteLine($"iterations (ms): {listed}");
        Console.WriteLine($"RESULT hmm-{type.Name()} S={a.States} D={a.Features} sequences={a.Sequences} " +
                          $"length={a.Length}: median {median:F1} ms per E-step, best {sorted[0]:F1} ms, " +
                          $"{rows / (median * 1e3):F1} M steps/s");
    }

    /// <summary>π uniform, sticky transitions, means near the generating centres, covariances 1.2·I.</summary>
    private static HmmParameters Parameters(CovarianceType type, int s, int d, double[] centres)
    {
        var start = Enumerable.Repeat(1.0 / s, s).ToArray();
        var transitions = SyntheticHmms.StickyTransitions(s, new Random(7));
        var means = centres.Select((c, i) => c + (0.1 * Math.Sin(i))).ToArray();
        var covariances = type == CovarianceType.Full
            ? Enumerable.Range(0, s).SelectMany(_ => Identity(d, 1.2)).ToArray()
            : Enumerable.Repeat(1.2, s * d).ToArray();
        return HmmParameters.CreateGaussian(type, start, transitions, means, covariances, d);
    }

    private static double[] Identity(int d, double scale)
    {
        var identity = new double[d * d];
        for (var j = 0; j < d; j++)
        {
            identity[(j * d) + j] = scale;
        }

        return identity;
    }
}
