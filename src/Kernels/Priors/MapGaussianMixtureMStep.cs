using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Priors;

/// <summary>
/// The MAP-EM M-step of a Gaussian mixture under a <see cref="MixturePrior"/>: the posterior mode of the weights
/// (Dirichlet), means and covariances (<see cref="GaussianMapEstimate"/>), with <c>reg_covar</c> on the covariance
/// diagonals as in the maximum-likelihood M-step. Its <see cref="LogPrior"/> turns the reported lower bound into the
/// mean log posterior, which MAP-EM never lowers.
/// </summary>
/// <param name="Prior">The prior.</param>
/// <param name="RegCovar">Non-negative value added to the covariance diagonals.</param>
public sealed record MapGaussianMixtureMStep(MixturePrior Prior, double RegCovar = 1e-6) : IEmModel
{
    /// <summary>scikit-learn's floor on N_k, used for the weights when the prior leaves them alone (α = 0).</summary>
    private const double NkFloor = 10 * 2.220446049250313e-16;

    /// <inheritdoc />
    public string? PriorDescription => Prior.Description;

    /// <inheritdoc />
    public ModelParameters MStep(SufficientStatistics total, ModelParameters previous)
    {
        if (total is not GaussianMixtureStatistics stats || previous is not GaussianMixtureParameters parameters)
        {
            throw new ArgumentException(
                "The Gaussian-mixture M-step needs Gaussian-mixture statistics and parameters.");
        }

        return Estimate(stats, parameters);
    }

    /// <inheritdoc />
    public double LogPrior(ModelParameters parameters)
    {
        var p = (GaussianMixtureParameters)parameters;
        var sum = 0.0;
        for (var c = 0; c < p.Components; c++)
        {
            var a = Prior.WeightStrength * Prior.Weights[c];
            sum += a == 0 ? 0 : a * Math.Log(p.Weights[c]);
        }

        return sum + GaussianLogPrior.Of(
            Prior.Components, p.Means.AsSpan(), p.Covariances.AsSpan(), p.PrecisionCholesky.AsSpan(),
            p.LogDetPrecisionCholesky.AsSpan());
    }

    /// <summary>The posterior-mode parameters from <paramref name="stats"/>, computed under
    /// <paramref name="previous"/>.</summary>
    public GaussianMixtureParameters Estimate(GaussianMixtureStatistics stats, GaussianMixtureParameters previous)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(previous);
        int k = stats.Components, d = stats.Features;
        var type = stats.CovarianceType;
        Prior.Validate(type, k, d);
        var prior = Prior.Components;
        var shifts = GaussianMixtureStatistics.Shifts(previous);
        var means = new double[k * d];
        var e = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            GaussianMapEstimate.Mean(
                stats.N[c], stats.S1.AsSpan(c * d, d), shifts.AsSpan(c * d, d), prior.Mean(c), prior.MeanShrinkage,
                means.AsSpan(c * d, d), e.AsSpan(c * d, d));
        }

        var covariances = type == CovarianceType.Tied
            ? GaussianMapEstimate.Tied(stats, means, e, prior, RegCovar)
            : Components(stats, means, e, prior);
        try
        {
            return GaussianMixtureParameters.Create(type, Weights(stats), means, covariances, d);
        }
        catch (DegenerateComponentException ex)
        {
            throw new DegenerateComponentException(
                ex.Component,
                $"Component {ex.Component} has an ill-defined covariance under the prior ({Prior.Description}); " +
                $"raise --reg-covar (now {RegCovar:G3}) or --prior-strength.");
        }
    }

    /// <summary>w_k = (n_k + α w0_k)/(N + α); α = 0: scikit-learn's (n_k + 10ε)/Σ(n + 10ε).</summary>
    private double[] Weights(GaussianMixtureStatistics stats)
    {
        var k = stats.Components;
        var alpha = Prior.WeightStrength;
        var floor = alpha == 0 ? NkFloor : 0;
        var total = 0.0;
        for (var c = 0; c < k; c++)
        {
            total += stats.N[c] + floor;
        }

        var weights = new double[k];
        for (var c = 0; c < k; c++)
        {
            weights[c] = (stats.N[c] + floor + (alpha * Prior.Weights[c])) / (total + alpha);
        }

        return weights;
    }

    private double[] Components(GaussianMixtureStatistics stats, double[] means, double[] e, GaussianPrior prior)
    {
        int k = stats.Components, d = stats.Features;
        var type = stats.CovarianceType;
        var result = new double[type.CovarianceLength(k, d)];
        for (var c = 0; c < k; c++)
        {
            var n = stats.N[c];
            var s1 = stats.S1.AsSpan(c * d, d);
            ReadOnlySpan<double> mean = means.AsSpan(c * d, d);
            ReadOnlySpan<double> step = e.AsSpan(c * d, d);
            var mu0 = prior.Mean(c);
            switch (type)
            {
                case CovarianceType.Full:
                    GaussianMapEstimate.Full(
                        n, s1, stats.S2.AsSpan(c * d * d, d * d), step, mean, mu0,
                        prior.Covariances.AsSpan(c * d * d, d * d), prior, RegCovar, result.AsSpan(c * d * d, d * d));
                    break;
                case CovarianceType.Diag:
                    GaussianMapEstimate.Diagonal(
                        n, s1, stats.S2.AsSpan(c * d, d), step, mean, mu0, prior.Covariances.AsSpan(c * d, d), prior,
                        RegCovar, result.AsSpan(c * d, d));
                    break;
                default:
                    result[c] = GaussianMapEstimate.Spherical(
                        n, s1, stats.S2.AsSpan(c * d, d), step, mean, mu0, prior.Covariances[c], prior, RegCovar);
                    break;
            }
        }

        return result;
    }
}
