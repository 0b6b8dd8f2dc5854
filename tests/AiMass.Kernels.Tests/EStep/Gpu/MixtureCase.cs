using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// A seeded synthetic E-step problem: rows drawn from K correlated Gaussian clusters (plus an optional common
/// offset), optional sample weights (uniform in [0, 2), every 7th row weight 0), and mixture parameters near
/// the truth — so every component has real mass and the responsibilities are mixed, not all 0 or 1.
/// </summary>
internal sealed record MixtureCase(DataPartition Partition, GaussianMixtureParameters Parameters)
{
    /// <summary>The float64 reference statistics of this problem.</summary>
    public GaussianMixtureStatistics Reference() =>
        ReferenceGaussianMixtureEStep.Compute(Partition, Parameters, CancellationToken.None);

    /// <summary>The statistics <paramref name="estep"/> computes for this problem.</summary>
    public GaussianMixtureStatistics On(AiMass.Kernels.EStep.IPartitionEStep estep) =>
        Assert.IsType<GaussianMixtureStatistics>(estep.Compute(Parameters, CancellationToken.None));

    public static MixtureCase Create(
        CovarianceType type, int rows, int features, int components, bool weighted, double offset = 0, int seed = 1)
    {
        var random = new Random(seed);
        var truth = new double[components * features];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = 2.5 * Normal(random);
        }

        var values = new double[rows * features];
        var z = new double[features];
        for (var r = 0; r < rows; r++)
        {
            var c = random.Next(components);
            for (var j = 0; j < features; j++)
            {
                z[j] = Normal(random);
                var correlated = z[j] + (j > 0 ? 0.4 * z[j - 1] : 0);
                values[(r * features) + j] = offset + truth[(c * features) + j] + correlated;
            }
        }

        IRowSource? weights = null;
        if (weighted)
        {
            var w = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                w[r] = r % 7 == 3 ? 0 : 2 * random.NextDouble();
            }

            weights = new ArrayRowSource(w, 1, "<weights>");
        }

        var partition = new DataPartition(0, new ArrayRowSource(values, features, "<rows>"), weights);
        return new MixtureCase(partition, NearbyParameters(type, features, components, truth, offset, random));
    }

    private static GaussianMixtureParameters NearbyParameters(
        CovarianceType type, int d, int k, double[] truth, double offset, Random random)
    {
        var weights = new double[k];
        for (var c = 0; c < k; c++)
        {
            weights[c] = 0.5 + random.NextDouble();
        }

        var sum = weights.Sum();
        var means = new double[k * d];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = offset + truth[i] + (0.3 * Normal(random));
        }

        var covariances = type switch
        {
            CovarianceType.Full => Enumerable.Range(0, k).SelectMany(_ => RandomSpd(d, random)).ToArray(),
            CovarianceType.Tied => RandomSpd(d, random),
            CovarianceType.Diag => Enumerable.Range(0, k * d).Select(_ => 0.6 + (1.4 * random.NextDouble())).ToArray(),
            _ => Enumerable.Range(0, k).Select(_ => 0.6 + (1.4 * random.NextDouble())).ToArray(),
        };
        return GaussianMixtureParameters.Create(type, weights.Select(w => w / sum).ToArray(), means, covariances, d);
    }

    /// <summary>A Aᵀ + 0.6 I with A ~ N(0, 0.4²): symmetric positive definite, correlated.</summary>
    private static double[] RandomSpd(int d, Random random)
    {
        var a = new double[d * d];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = 0.4 * Normal(random);
        }

        var s = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                for (var m = 0; m < d; m++)
                {
                    s[(i * d) + j] += a[(i * d) + m] * a[(j * d) + m];
                }
            }

            s[(i * d) + i] += 0.6;
        }

        return s;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
