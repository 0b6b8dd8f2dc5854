using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench;

/// <summary>Synthetic mixture data and parameters for the benchmarks (fixed seeds).</summary>
public static class BenchData
{
    /// <summary>N rows around K centres (coordinates ~ N(0, spread²), unit noise), row-major <c>[N × D]</c>.
    /// Spread 3 gives well-separated blobs (most responsibilities exactly 0 or 1); spread 0.3 overlapping ones
    /// (dense responsibilities: every row contributes to every component).</summary>
    public static double[] Rows(int n, int d, int k, int seed = 1, double spread = 3)
    {
        var random = new Random(seed);
        var centres = new double[k * d];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = spread * Normal(random);
        }

        var rows = new double[(long)n * d];
        for (var t = 0; t < n; t++)
        {
            var c = random.Next(k);
            for (var j = 0; j < d; j++)
            {
                rows[((long)t * d) + j] = centres[(c * d) + j] + Normal(random);
            }
        }

        return rows;
    }

    /// <summary>Parameters with means at random rows and identity-like covariances (as after k-means init).</summary>
    public static GaussianMixtureParameters Parameters(CovarianceType type, double[] rows, int d, int k, int seed = 2)
    {
        var random = new Random(seed);
        var n = rows.Length / d;
        var weights = Enumerable.Repeat(1.0 / k, k).ToArray();
        var means = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            Array.Copy(rows, (long)random.Next(n) * d, means, c * d, d);
        }

        var covariances = new double[type.CovarianceLength(k, d)];
        switch (type)
        {
            case CovarianceType.Full:
            case CovarianceType.Tied:
                for (var b = 0; b < covariances.Length / (d * d); b++)
                {
                    for (var i = 0; i < d; i++)
                    {
                        for (var j = 0; j < d; j++)
                        {
                            covariances[(b * d * d) + (i * d) + j] = i == j ? 1.5 : 0.3 / d;
                        }
                    }
                }

                break;
            default:
                Array.Fill(covariances, 1.5);
                break;
        }

        return GaussianMixtureParameters.Create(type, weights, means, covariances, d);
    }

    /// <summary>Dense-equivalent floating-point operations of one E-step (as the issue counts them).</summary>
    public static double Flops(CovarianceType type, long n, int d, int k) => type switch
    {
        CovarianceType.Full => 4.0 * n * k * d * d,
        CovarianceType.Tied => (2.0 * n * d * d) + (4.0 * n * k * d) + (2.0 * n * d * d),
        _ => 8.0 * n * k * d,
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
