using AiMass.Kernels.Em;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// The Gaussian-mixture M-step from shifted statistics (Bishop PRML eqs. 9.24–9.27), with scikit-learn's
/// conventions: N_k gets 10·ε added, <c>reg_covar</c> is added to every covariance diagonal, spherical variances
/// are the mean of the diagonal ones, and the tied covariance is the pooled within-component scatter.
/// </summary>
/// <param name="RegCovar">Non-negative value added to the covariance diagonals (scikit-learn <c>reg_covar</c>).</param>
public sealed record GaussianMixtureMStep(double RegCovar = 1e-6) : IEmModel
{
    /// <summary>
    /// scikit-learn adds 10·ε (float64 machine epsilon) to every N_k so empty components stay finite.
    /// </summary>
    private const double NkFloor = 10 * 2.220446049250313e-16;

    /// <inheritdoc />
    public ModelParameters MStep(SufficientStatistics total, ModelParameters previous)
    {
        ArgumentNullException.ThrowIfNull(total);
        ArgumentNullException.ThrowIfNull(previous);
        if (total is not GaussianMixtureStatistics stats || previous is not GaussianMixtureParameters prior)
        {
            throw new ArgumentException(
                "The Gaussian-mixture M-step needs Gaussian-mixture statistics and parameters.");
        }

        return Estimate(stats, prior);
    }

    /// <summary>New parameters from <paramref name="stats"/>, computed under <paramref name="previous"/>.</summary>
    public GaussianMixtureParameters Estimate(GaussianMixtureStatistics stats, GaussianMixtureParameters previous)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(previous);
        int k = stats.Components, d = stats.Features;
        var shifts = GaussianMixtureStatistics.Shifts(previous);
        var nk = new double[k];
        var total = 0.0;
        for (var c = 0; c < k; c++)
        {
            nk[c] = stats.N[c] + NkFloor;
            total += nk[c];
        }

        var weights = new double[k];
        var means = new double[k * d];
        var deltas = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            weights[c] = nk[c] / total;
            for (var j = 0; j < d; j++)
            {
                deltas[(c * d) + j] = stats.S1[(c * d) + j] / nk[c];
                means[(c * d) + j] = shifts[(c * d) + j] + deltas[(c * d) + j];
            }
        }

        var covariances = stats.CovarianceType switch
        {
            CovarianceType.Full => FullCovariances(stats, nk, deltas),
            CovarianceType.Tied => TiedCovariance(stats, nk, deltas, total),
            CovarianceType.Diag => DiagonalCovariances(stats, nk, deltas),
            CovarianceType.Spherical => SphericalVariances(DiagonalCovariances(stats, nk, deltas), k, d),
            _ => throw new ArgumentOutOfRangeException(nameof(stats), stats.CovarianceType, null),
        };

        try
        {
            return GaussianMixtureParameters.Create(stats.CovarianceType, weights, means, covariances, d, owned: true);
        }
        catch (DegenerateComponentException e)
        {
            throw new DegenerateComponentException(
                e.Component,
                $"Component {e.Component} has an ill-defined covariance (it holds {stats.N[e.Component]:G4} of " +
                $"{stats.Weight:G6} samples' weight): raise --reg-covar (now {RegCovar:G3}) or lower --k.");
        }
    }

    private double[] FullCovariances(GaussianMixtureStatistics stats, double[] nk, double[] deltas)
    {
        int k = stats.Components, d = stats.Features;
        var result = new double[k * d * d];
        Parallel.For(0, k, c =>
        {
            var block = result.AsSpan(c * d * d, d * d);
            var delta = deltas.AsSpan(c * d, d);
            var s2 = stats.S2.AsSpan(c * d * d, d * d);
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    // Average the two triangles so the result is exactly symmetric.
                    var scatter = 0.5 * (s2[(i * d) + j] + s2[(j * d) + i]);
                    var value = (scatter / nk[c]) - (delta[i] * delta[j]);
                    block[(i * d) + j] = value;
                    block[(j * d) + i] = value;
                }

                block[(i * d) + i] += RegCovar;
            }
        });
        return result;
    }

    private double[] TiedCovariance(GaussianMixtureStatistics stats, double[] nk, double[] deltas, double total)
    {
        int k = stats.Components, d = stats.Features;
        var result = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var between = 0.0;
                for (var c = 0; c < k; c++)
                {
                    between += nk[c] * deltas[(c * d) + i] * deltas[(c * d) + j];
                }

                var scatter = 0.5 * (stats.S2[(i * d) + j] + stats.S2[(j * d) + i]);
                var value = (scatter - between) / total;
                result[(i * d) + j] = value;
                result[(j * d) + i] = value;
            }

            result[(i * d) + i] += RegCovar;
        }

        return result;
    }

    private double[] DiagonalCovariances(GaussianMixtureStatistics stats, double[] nk, double[] deltas)
    {
        int k = stats.Components, d = stats.Features;
        var result = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                var index = (c * d) + j;
                result[index] = (stats.S2[index] / nk[c]) - (deltas[index] * deltas[index]) + RegCovar;
            }
        }

        return result;
    }

    private static double[] SphericalVariances(double[] diagonal, int k, int d)
    {
        var result = new double[k];
        for (var c = 0; c < k; c++)
        {
            var sum = 0.0;
            for (var j = 0; j < d; j++)
            {
                sum += diagonal[(c * d) + j];
            }

            result[c] = sum / d;
        }

        return result;
    }
}
