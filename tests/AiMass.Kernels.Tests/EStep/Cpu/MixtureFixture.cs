using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>Random mixtures and data for E-step tests (fixed seeds), offset far from the origin.</summary>
internal static class MixtureFixture
{
    /// <summary>Data offset: float32 on raw values would lose ~3 digits here.</summary>
    public const double Offset = 1e4;

    /// <summary>Rows around K random centres (spread ~3, noise 0.3–1), all shifted by <see cref="Offset"/>.</summary>
    public static double[] Rows(int n, int d, int k, int seed)
    {
        var random = new Random(seed);
        var centres = new double[k * d];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = 3 * Normal(random);
        }

        var rows = new double[n * d];
        for (var t = 0; t < n; t++)
        {
            var c = random.Next(k);
            for (var j = 0; j < d; j++)
            {
                var noise = (0.3 + (0.7 * random.NextDouble())) * Normal(random);
                rows[(t * d) + j] = Offset + centres[(c * d) + j] + noise;
            }
        }

        return rows;
    }

    /// <summary>Sample weights in [0, 2) with about one in seven exactly zero.</summary>
    public static double[] Weights(int n, int seed)
    {
        var random = new Random(seed);
        var weights = new double[n];
        for (var t = 0; t < n; t++)
        {
            weights[t] = random.Next(7) == 0 ? 0 : 2 * random.NextDouble();
        }

        return weights;
    }

    /// <summary>A partition over <paramref name="rows"/> with optional weights.</summary>
    public static DataPartition Partition(double[] rows, int d, double[]? weights = null) =>
        new(0, new ArrayRowSource(rows, d), weights is null ? null : new ArrayRowSource(weights, 1));

    /// <summary>
    /// Parameters whose means are rows of the data (so responsibilities are neither all 0/1 nor uniform) and
    /// whose covariances are random and well conditioned.
    /// </summary>
    public static GaussianMixtureParameters Parameters(CovarianceType type, double[] rows, int d, int k, int seed)
    {
        var random = new Random(seed);
        var n = rows.Length / d;
        var weights = new double[k];
        var means = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            weights[c] = 0.5 + random.NextDouble();
            var source = random.Next(n);
            for (var j = 0; j < d; j++)
            {
                means[(c * d) + j] = rows[(source * d) + j] + (0.2 * Normal(random));
            }
        }

        var total = weights.Sum();
        for (var c = 0; c < k; c++)
        {
            weights[c] /= total;
        }

        var covariances = type switch
        {
            CovarianceType.Full => Enumerable.Range(0, k).SelectMany(_ => Spd(d, random)).ToArray(),
            CovarianceType.Tied => Spd(d, random),
            CovarianceType.Diag => Enumerable.Range(0, k * d).Select(_ => 0.5 + (2 * random.NextDouble())).ToArray(),
            _ => Enumerable.Range(0, k).Select(_ => 0.5 + (2 * random.NextDouble())).ToArray(),
        };
        return GaussianMixtureParameters.Create(type, weights, means, covariances, d);
    }

    /// <summary>A random symmetric positive-definite matrix A Aᵀ / D + 0.5 I, <c>[D × D]</c>.</summary>
    private static double[] Spd(int d, Random random)
    {
        var a = new double[d * d];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = Normal(random);
        }

        var s = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var sum = 0.0;
                for (var m = 0; m < d; m++)
                {
                    sum += a[(i * d) + m] * a[(j * d) + m];
                }

                s[(i * d) + j] = (sum / d) + (i == j ? 0.5 : 0);
            }
        }

        return s;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
