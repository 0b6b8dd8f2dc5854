using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Synthetic;

/// <summary>
/// Draws rows from a Gaussian mixture, reproducibly: row block b uses its own generator seeded from (seed, b), so
/// blocks can be drawn in parallel and the output depends only on the seed.
/// </summary>
public static class GaussianMixtureSampler
{
    /// <summary>Rows per independently seeded block.</summary>
    public const int BlockRows = 65_536;

    /// <summary>
    /// Fills <paramref name="destination"/> (<c>[n × D]</c>) with rows <c>[blockIndex·BlockRows, … + n)</c> of the
    /// sample; <paramref name="labels"/> (<c>[n]</c>, optional) receives each row's component.
    /// </summary>
    public static void DrawBlock(
        GaussianMixtureParameters model, int seed, long blockIndex, int n, Span<double> destination, Span<int> labels)
    {
        ArgumentNullException.ThrowIfNull(model);
        var d = model.Features;
        var random = new Random(unchecked(seed * 1_000_003 + (int)blockIndex * 7_919 + 17));
        var factors = CovarianceFactors(model);
        Span<double> z = stackalloc double[d];
        for (var r = 0; r < n; r++)
        {
            var c = PickComponent(model, random.NextDouble());
            for (var j = 0; j < d; j++)
            {
                z[j] = StandardNormal(random);
            }

            var row = destination.Slice(r * d, d);
            var mean = model.Mean(c);
            for (var i = 0; i < d; i++)
            {
                var value = mean[i];
                for (var j = 0; j <= i; j++)
                {
                    value += factors[c][(i * d) + j] * z[j];
                }

                row[i] = value;
            }

            if (!labels.IsEmpty)
            {
                labels[r] = c;
            }
        }
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double StandardNormal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int PickComponent(GaussianMixtureParameters model, double u)
    {
        var running = 0.0;
        for (var c = 0; c < model.Components - 1; c++)
        {
            running += model.Weights[c];
            if (u < running)
            {
                return c;
            }
        }

        return model.Components - 1;
    }

    /// <summary>Lower Cholesky factors L_k (Σ_k = L_k L_kᵀ) of every component, as dense <c>[D × D]</c>.</summary>
    private static double[][] CovarianceFactors(GaussianMixtureParameters model)
    {
        var d = model.Features;
        var factors = new double[model.Components][];
        for (var c = 0; c < model.Components; c++)
        {
            var sigma = new double[d * d];
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    sigma[(i * d) + j] = Covariance(model, c, i, j);
                }
            }

            var chol = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build
                .DenseOfRowMajor(d, d, sigma).Cholesky().Factor;
            factors[c] = chol.ToRowMajorArray();
        }

        return factors;
    }

    private static double Covariance(GaussianMixtureParameters model, int c, int i, int j)
    {
        var d = model.Features;
        var cov = model.Covariances;
        return model.CovarianceType switch
        {
            CovarianceType.Full => cov[(c * d * d) + (i * d) + j],
            CovarianceType.Tied => cov[(i * d) + j],
            CovarianceType.Diag => i == j ? cov[(c * d) + i] : 0,
            _ => i == j ? cov[c] : 0,
        };
    }
}
