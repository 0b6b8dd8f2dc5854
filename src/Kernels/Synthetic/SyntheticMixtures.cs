using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Synthetic;

/// <summary>Random but reasonable "true" mixtures for demos and benchmarks.</summary>
public static class SyntheticMixtures
{
    /// <summary>
    /// K components in D dimensions: means ~ N(0, <paramref name="separation"/>²) per coordinate (3 by default:
    /// clusters that mostly separate in a few dimensions; below 1 they overlap and every row weighs on every
    /// component), covariances Σ = B Bᵀ/D + ½I with B ~ N(0, 1) (well conditioned), weights ∝ 1 + U(0, 1).
    /// </summary>
    public static GaussianMixtureParameters Random(
        int components, int features, CovarianceType type, int seed, double separation = 3)
    {
        if (components < 1 || features < 1)
        {
            throw new InvalidInputException($"--components {components} and --features {features} must be at least 1.");
        }

        var random = new Random(seed);
        var weights = new double[components];
        for (var c = 0; c < components; c++)
        {
            weights[c] = 1 + random.NextDouble();
        }

        var total = weights.Sum();
        for (var c = 0; c < components; c++)
        {
            weights[c] /= total;
        }

        var means = new double[components * features];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = separation * GaussianMixtureSampler.StandardNormal(random);
        }

        var blocks = type == CovarianceType.Tied ? 1 : components;
        var covariances = type switch
        {
            CovarianceType.Full or CovarianceType.Tied => FullBlocks(blocks, features, random),
            CovarianceType.Diag =>
                Enumerable.Range(0, components * features).Select(_ => 0.5 + random.NextDouble()).ToArray(),
            _ => Enumerable.Range(0, components).Select(_ => 0.5 + random.NextDouble()).ToArray(),
        };
        return GaussianMixtureParameters.Create(type, weights, means, covariances, features);
    }

    private static double[] FullBlocks(int blocks, int d, Random random)
    {
        var result = new double[blocks * d * d];
        var b = new double[d * d];
        for (var k = 0; k < blocks; k++)
        {
            for (var i = 0; i < b.Length; i++)
            {
                b[i] = GaussianMixtureSampler.StandardNormal(random);
            }

            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    var sum = 0.0;
                    for (var m = 0; m < d; m++)
                    {
                        sum += b[(i * d) + m] * b[(j * d) + m];
                    }

                    result[(k * d * d) + (i * d) + j] = (sum / d) + (i == j ? 0.5 : 0);
                }
            }
        }

        return result;
    }
}
