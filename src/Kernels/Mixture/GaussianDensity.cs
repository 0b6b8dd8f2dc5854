using AiMass.Kernels.Linalg;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// Log-densities of one observation under every component, through the precision Cholesky as scikit-learn's
/// <c>_estimate_log_gaussian_prob</c>: y = (x − μ_k) U_k, log N = −½(D log 2π + ‖y‖²) + Σ log diag(U_k).
/// float64, one row at a time: the reference that faster paths are checked against.
/// </summary>
public static class GaussianDensity
{
    /// <summary>log 2π.</summary>
    public const double Log2Pi = 1.8378770664093453;

    /// <summary>
    /// Writes log π_k + log N(x | μ_k, Σ_k) for every k into <paramref name="logProbabilities"/> (<c>[K]</c>)
    /// and returns log p(x) = logsumexp over k.
    /// </summary>
    public static double WeightedLogProbabilities(
        GaussianMixtureParameters parameters, ReadOnlySpan<double> x, Span<double> logProbabilities)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.Components, d = parameters.Features;
        var u = parameters.PrecisionCholesky.AsSpan();
        Span<double> diff = d <= 512 ? stackalloc double[d] : new double[d];
        for (var c = 0; c < k; c++)
        {
            var mean = parameters.Mean(c);
            for (var j = 0; j < d; j++)
            {
                diff[j] = x[j] - mean[j];
            }

            var q = parameters.CovarianceType switch
            {
                CovarianceType.Full => PrecisionNorm.Triangular(diff, u.Slice(c * d * d, d * d)),
                CovarianceType.Tied => PrecisionNorm.Triangular(diff, u),
                CovarianceType.Diag => PrecisionNorm.Diagonal(diff, u.Slice(c * d, d)),
                _ => PrecisionNorm.Spherical(diff, u[c]),
            };
            logProbabilities[c] = Math.Log(parameters.Weights[c]) + parameters.LogDetPrecisionCholesky[c]
                - (0.5 * ((d * Log2Pi) + q));
        }

        return LogSumExp(logProbabilities[..k]);
    }

    /// <summary>log Σ exp(vᵢ), shifted by the maximum so exp cannot overflow or underflow to all zeros.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}
