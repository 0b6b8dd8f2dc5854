using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.Mixture;

public sealed class GaussianMixtureMStepTests
{
    [Fact]
    public void A_collapsed_component_without_regularisation_is_named_with_the_remedy()
    {
        // Component 1 holds a single point: its scatter is zero, so with reg_covar 0 its covariance is singular.
        var previous = GaussianMixtureParameters.Create(
            CovarianceType.Full, [0.5, 0.5], [0, 0, 5, 5], [1, 0, 0, 1, 1, 0, 0, 1], 2);
        var stats = new GaussianMixtureStatistics(
            CovarianceType.Full, 2, 2, n: [10, 1], s1: [0, 0, 0, 0], s2: [10, 0, 0, 10, 0, 0, 0, 0],
            logLikelihood: -20, weight: 11, rows: 11);

        var error = Assert.Throws<DegenerateComponentException>(
            () => new GaussianMixtureMStep(0).Estimate(stats, previous));

        Assert.Equal(1, error.Component);
        Assert.Equal(
            "Component 1 has an ill-defined covariance (it holds 1 of 11 samples' weight): " +
            "raise --reg-covar (now 0) or lower --k.",
            error.Message);
    }

    [Fact]
    public void Reg_covar_keeps_a_collapsed_component_positive_definite()
    {
        var previous = GaussianMixtureParameters.Create(
            CovarianceType.Full, [0.5, 0.5], [0, 0, 5, 5], [1, 0, 0, 1, 1, 0, 0, 1], 2);
        var stats = new GaussianMixtureStatistics(
            CovarianceType.Full, 2, 2, n: [10, 1], s1: [0, 0, 0, 0], s2: [10, 0, 0, 10, 0, 0, 0, 0],
            logLikelihood: -20, weight: 11, rows: 11);

        var next = new GaussianMixtureMStep(1e-6).Estimate(stats, previous);

        Assert.Equal(1e-6, next.Covariances[4], 12);
        Assert.Equal(1e-6, next.Covariances[7], 12);
        Assert.All(next.Covariances, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Means_are_recovered_exactly_from_shifted_sums_far_from_the_origin()
    {
        // Two points at 1e8 ± 1: raw second moments would lose every digit of the unit variance.
        var previous = GaussianMixtureParameters.Create(CovarianceType.Diag, [1.0], [1e8], [1.0], 1);
        var stats = new GaussianMixtureStatistics(
            CovarianceType.Diag, 1, 1, n: [2], s1: [0], s2: [2], logLikelihood: -3, weight: 2, rows: 2);

        var next = new GaussianMixtureMStep(0).Estimate(stats, previous);

        Assert.Equal(1e8, next.Means[0]);
        Assert.Equal(1.0, next.Covariances[0], 12);
    }
}
