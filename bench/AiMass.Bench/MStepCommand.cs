using System.Diagnostics;
using System.Globalization;
using AiMass.Kernels.Linalg;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench;

/// <summary>
/// <c>mstep [--components 256 --features 128 --repeats 7]</c>: the full-covariance M-step at large K·D
/// (covariances from shifted statistics, then the precision Cholesky factors, parallel over components), timed
/// whole, and the factorisation alone on one thread against MathNet's managed Cholesky. Prints the minimum and the
/// median over the repeats.
/// </summary>
public static class MStepCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = EStepCommand.Parse(args);
        int k = EStepCommand.Get(options, "components", 256), d = EStepCommand.Get(options, "features", 128);
        var repeats = EStepCommand.Get(options, "repeats", 7);
        var (stats, previous) = Statistics(k, d);
        var step = new GaussianMixtureMStep();
        var cpu = Cpu();
        var whole = Times(repeats, () => step.Estimate(stats, previous));
        var wholeCpu = (Cpu() - cpu) / (repeats + 1);
        var covariances = step.Estimate(stats, previous).Covariances.ToArray();
        var factor = new double[d * d];
        cpu = Cpu();
        var ours = Times(repeats, () =>
        {
            for (var c = 0; c < k; c++)
            {
                SymmetricFactor.TryPrecisionCholesky(covariances.AsSpan(c * d * d, d * d), d, factor);
            }
        });
        var oursCpu = (Cpu() - cpu) / (repeats + 1);
        var mathNet = Times(Math.Min(repeats, 3), () =>
        {
            for (var c = 0; c < k; c++)
            {
                MathNet.Numerics.LinearAlgebra.Matrix<double>.Build
                    .DenseOfColumnMajor(d, d, covariances.AsSpan(c * d * d, d * d).ToArray()).Cholesky();
            }
        });
        var flops = k * (d * (double)d * d / 3.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"K={k} D={d} full, {Environment.ProcessorCount} processors: M-step min {whole.Min():F1} ms, median " +
            $"{Median(whole):F1} ms (process CPU {wholeCpu:F1} ms per M-step); precision factors, 1 thread: min {ours.Min():F1} ms " +
            $"({2 * flops / ours.Min() / 1e6:F1} GFLOP/s for factor and inverse; process CPU {oursCpu:F1} ms), " +
            $"MathNet Cholesky alone " +
            $"min {mathNet.Min():F1} ms ({flops / mathNet.Min() / 1e6:F1} GFLOP/s)"));
        return 0;
    }

    private static (GaussianMixtureStatistics, GaussianMixtureParameters) Statistics(int k, int d)
    {
        // Diagonally dominant scatters: well conditioned, positive definite, not diagonal.
        var random = new Random(11);
        var n = new double[k];
        var s1 = new double[k * d];
        var s2 = new double[k * d * d];
        for (var c = 0; c < k; c++)
        {
            n[c] = 1000 + random.Next(1000);
            for (var i = 0; i < d; i++)
            {
                s1[(c * d) + i] = random.NextDouble() - 0.5;
                for (var j = 0; j <= i; j++)
                {
                    var value = i == j ? n[c] * (1 + random.NextDouble()) : n[c] * (random.NextDouble() - 0.5) / d;
                    s2[(c * d * d) + (i * d) + j] = value;
                    s2[(c * d * d) + (j * d) + i] = value;
                }
            }
        }

        var identity = new double[k * d * d];
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < d; i++)
            {
                identity[(c * d * d) + (i * d) + i] = 1;
            }
        }

        var previous = GaussianMixtureParameters.Create(
            CovarianceType.Full, Enumerable.Repeat(1.0 / k, k).ToArray(), new double[k * d], identity, d);
        return (new GaussianMixtureStatistics(CovarianceType.Full, k, d, n, s1, s2, 0, n.Sum(), (long)n.Sum()),
            previous);
    }

    internal static List<double> Times(int repeats, Action action)
    {
        action(); // JIT and first-touch
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>CPU time of this process so far, ms (all threads).</summary>
    internal static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : 0.5 * (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]);
    }
}
