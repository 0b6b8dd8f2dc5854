using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Priors;
using Xunit;

namespace AiMass.Kernels.Tests.Priors;

/// <summary>The MAP M-step's defining properties, exactly: a component without data keeps the prior's mean and
/// covariance bit for bit; the weak prior keeps a collapsing component finite where maximum likelihood fails.</summary>
public sealed class MapGaussianMixtureMStepTests
{
    private static readonly double[] Means = [0, 0, 5, 1, -3, 4];

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diag)]
    [InlineData(CovarianceType.Spherical)]
    public void A_component_without_data_keeps_the_prior_mean_and_covariance_exactly(CovarianceType type)
    {
        var prior = PriorModel(type);
        var previous = Previous(type);
        var stats = StatisticsWithEmptyLastComponent(type, previous);
        var step = new MapGaussianMixtureMStep(MixturePrior.FromModel(prior, 7.3, "prior.json"), RegCovar: 0);

        var fitted = step.Estimate(stats, previous);

        Assert.Equal(prior.Mean(2).ToArray(), fitted.Mean(2).ToArray());
        var length = type.CovarianceLength(3, 2) / 3;
        Assert.Equal(
            prior.Covariances.AsSpan(2 * length, length).ToArray(),
            fitted.Covariances.AsSpan(2 * length, length).ToArray());
        Assert.Equal(7.3 * prior.Weights[2] / (stats.N.Sum() + 7.3), fitted.Weights[2]);
    }

    [Fact]
    public void A_tied_covariance_without_any_data_is_the_prior_covariance_exactly()
    {
        var prior = PriorModel(CovarianceType.Tied);
        var previous = Previous(CovarianceType.Tied);
        var stats = GaussianMixtureStatistics.Zero(CovarianceType.Tied, 3, 2);
        var step = new MapGaussianMixtureMStep(MixturePrior.FromModel(prior, 2.5, "prior.json"), RegCovar: 0);

        var fitted = step.Estimate(stats, previous);

        Assert.Equal(prior.Covariances.ToArray(), fitted.Covariances.ToArray());
        Assert.Equal(prior.Means.ToArray(), fitted.Means.ToArray());
    }

    [Fact]
    public void The_weak_prior_keeps_a_collapsing_component_finite_where_maximum_likelihood_fails()
    {
        // 200 spread rows and 5 identical rows so far away that their responsibilities are exactly one-hot; a
        // component sits on the identical rows.
        var random = new Random(3);
        var rows = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            rows.Add(random.NextDouble() * 4);
            rows.Add(random.NextDouble() * 4);
        }

        for (var i = 0; i < 5; i++)
        {
            rows.AddRange([200.0, 200.0]);
        }

        var partition = new DataPartition(0, new ArrayRowSource([.. rows], 2, "x.npy"));
        var initial = GaussianMixtureParameters.Create(
            CovarianceType.Full, [0.5, 0.5], [2, 2, 200, 200], [1, 0, 0, 1, 1, 0, 0, 1], 2);
        var stats = ReferenceGaussianMixtureEStep.Compute(partition, initial, CancellationToken.None);
        var (mean, covariance) = Moments([.. rows], 2);
        var weak = new MapGaussianMixtureMStep(MixturePrior.Weak(CovarianceType.Full, 2, mean, covariance), 0);

        Assert.Throws<DegenerateComponentException>(() => new GaussianMixtureMStep(0).Estimate(stats, initial));
        var fitted = weak.Estimate(stats, initial);
        Assert.All(fitted.Covariances, v => Assert.True(double.IsFinite(v)));
        Assert.True(fitted.Covariances[4 + 0] > 0 && fitted.Covariances[4 + 3] > 0);
    }

    [Fact]
    public void The_log_prior_is_the_documented_formula_for_a_diagonal_model()
    {
        var prior = PriorModel(CovarianceType.Diag);
        var p = GaussianMixtureParameters.Create(CovarianceType.Diag, [0.2, 0.3, 0.5], [1, 0, 4, 1, -3, 5],
            [1.5, 0.5, 2, 1, 0.7, 0.9], 2);
        var step = new MapGaussianMixtureMStep(MixturePrior.FromModel(prior, 3, "prior.json"));

        var expected = 0.0;
        for (var k = 0; k < 3; k++)
        {
            expected += 3 * prior.Weights[k] * Math.Log(p.Weights[k]);
            for (var j = 0; j < 2; j++)
            {
                var v = p.Covariances[(k * 2) + j];
                var o = p.Means[(k * 2) + j] - prior.Means[(k * 2) + j];
                expected -= 0.5 * ((3 * Math.Log(v)) + (((3 * prior.Covariances[(k * 2) + j]) + (3 * o * o)) / v));
            }
        }

        Assert.Equal(expected, step.LogPrior(p), 12);
    }

    private static GaussianMixtureParameters PriorModel(CovarianceType type) =>
        GaussianMixtureParameters.Create(type, [0.3, 0.3, 0.4], Means, Covariances(type, 1.7), 2);

    private static GaussianMixtureParameters Previous(CovarianceType type) =>
        GaussianMixtureParameters.Create(type, [0.4, 0.4, 0.2], [0.5, 0.2, 4, 1.5, -2, 3], Covariances(type, 1.1), 2);

    private static double[] Covariances(CovarianceType type, double scale) => type switch
    {
        CovarianceType.Full => [scale, 0.3, 0.3, 1.2, 0.8 * scale, -0.1, -0.1, 0.9, 1.3 * scale, 0.2, 0.2, 0.6],
        CovarianceType.Tied => [scale, 0.25, 0.25, 0.9],
        CovarianceType.Diag => [scale, 1.2, 0.8 * scale, 0.9, 1.3 * scale, 0.6],
        _ => [scale, 0.8 * scale, 1.3 * scale],
    };

    /// <summary>Statistics of two rows that all belong to components 0 and 1 (N[2] = 0 exactly).</summary>
    private static GaussianMixtureStatistics StatisticsWithEmptyLastComponent(
        CovarianceType type, GaussianMixtureParameters previous)
    {
        var partition = new DataPartition(0, new ArrayRowSource([0.1, -0.2, 4.2, 1.1, 0.3, 0.1, 3.8, 0.9], 2, "x"));
        var labelled = partition with { Labels = new ArrayRowSource([0, 1, 0, 1], 1, "labels") };
        var stats = ReferenceGaussianMixtureEStep.Compute(labelled, previous, CancellationToken.None);
        Assert.Equal(0.0, stats.N[2]);
        return stats;
    }

    private static (double[] Mean, double[] Covariance) Moments(double[] rows, int d)
    {
        var n = rows.Length / d;
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += rows[(i * d) + j] / n;
            }
        }

        var covariance = new double[d * d];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    covariance[(a * d) + b] += (rows[(i * d) + a] - mean[a]) * (rows[(i * d) + b] - mean[b]) / n;
                }
            }
        }

        return (mean, covariance);
    }
}
