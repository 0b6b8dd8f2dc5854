using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.Mixture;

/// <summary>The scorer's blocked, vectorised densities against the float64 reference, row by row.</summary>
public sealed class GaussianMixtureScorerTests
{
    [Theory]
    [InlineData(CovarianceType.Full, 1, 1, 5)]
    [InlineData(CovarianceType.Full, 7, 3, 70)]
    [InlineData(CovarianceType.Full, 16, 4, 33)]
    [InlineData(CovarianceType.Full, 37, 5, 101)]
    [InlineData(CovarianceType.Tied, 33, 3, 67)]
    [InlineData(CovarianceType.Diag, 9, 4, 40)]
    [InlineData(CovarianceType.Spherical, 9, 4, 40)]
    public void Every_row_matches_the_reference_density_to_1e12(CovarianceType type, int d, int k, int n)
    {
        var random = new Random((d * 31) + k);
        var rows = Enumerable.Range(0, n * d).Select(_ => (random.NextDouble() - 0.5) * 8).ToArray();
        var parameters = Parameters(type, d, k, random);
        var expectedProbabilities = new double[k];

        GaussianMixtureScorer.ForEachChunk(new ArrayRowSource(rows, d), parameters, CancellationToken.None,
            (first, count, logLikelihoods, responsibilities, labels) =>
            {
                for (var r = 0; r < count; r++)
                {
                    var x = rows.AsSpan((int)(first + r) * d, d);
                    var expected = GaussianDensity.WeightedLogProbabilities(parameters, x, expectedProbabilities);
                    Assert.InRange(Math.Abs(logLikelihoods[r] - expected), 0, 1e-12 * Math.Abs(expected));
                    for (var c = 0; c < k; c++)
                    {
                        var p = Math.Exp(expectedProbabilities[c] - expected);
                        Assert.InRange(Math.Abs(responsibilities[(r * k) + c] - p), 0, 1e-12);
                    }
                }
            });
    }

    private static GaussianMixtureParameters Parameters(CovarianceType type, int d, int k, Random random)
    {
        var means = Enumerable.Range(0, k * d).Select(_ => (random.NextDouble() - 0.5) * 6).ToArray();
        var covariances = new double[type.CovarianceLength(k, d)];
        if (type is CovarianceType.Full or CovarianceType.Tied)
        {
            for (var b = 0; b < covariances.Length / (d * d); b++)
            {
                for (var i = 0; i < d; i++)
                {
                    for (var j = 0; j <= i; j++)
                    {
                        var value = i == j ? 1 + random.NextDouble() : (random.NextDouble() - 0.5) / d;
                        covariances[(b * d * d) + (i * d) + j] = covariances[(b * d * d) + (j * d) + i] = value;
                    }
                }
            }
        }
        else
        {
            for (var i = 0; i < covariances.Length; i++)
            {
                covariances[i] = 0.5 + random.NextDouble();
            }
        }

        return GaussianMixtureParameters.Create(type, Enumerable.Repeat(1.0 / k, k).ToArray(), means, covariances, d);
    }
}
