using AiMass.Kernels.Linalg;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Priors;

/// <summary>
/// log p(μ, Σ) of a <see cref="GaussianPrior"/> up to an additive constant (the part MAP-EM's monotone objective
/// needs): −½ Σ_k [λ log|Σ_k| + λ tr(Σ0_k Σ_k⁻¹) + κ (μ_k − μ0_k)ᵀ Σ_k⁻¹ (μ_k − μ0_k)]; diag per feature with
/// σ²; spherical −½ Σ_k [λD log σ²_k + (λDσ0²_k + κ‖μ_k − μ0_k‖²)/σ²_k]; tied with one Σ and the K mean terms.
/// </summary>
internal static class GaussianLogPrior
{
    /// <summary>The log prior of components in the arrays' layouts (<see cref="GaussianMixtureParameters"/>').
    /// </summary>
    public static double Of(
        GaussianPrior prior, ReadOnlySpan<double> means, ReadOnlySpan<double> covariances,
        ReadOnlySpan<double> precisionCholesky, ReadOnlySpan<double> logDetPrecisionCholesky)
    {
        int k = prior.Components, d = prior.Features;
        double kappa = prior.MeanShrinkage, lambda = prior.CovarianceWeight;
        Span<double> offset = d <= 512 ? stackalloc double[d] : new double[d];
        var sum = 0.0;
        for (var c = 0; c < k; c++)
        {
            var mu0 = prior.Mean(c);
            for (var j = 0; j < d; j++)
            {
                offset[j] = means[(c * d) + j] - mu0[j];
            }

            sum += prior.Type switch
            {
                CovarianceType.Full => Matrix(
                    lambda, kappa, offset, prior.Covariances.AsSpan(c * d * d, d * d),
                    precisionCholesky.Slice(c * d * d, d * d), logDetPrecisionCholesky[c]),
                CovarianceType.Tied => kappa * PrecisionNorm.Triangular(offset, precisionCholesky),
                CovarianceType.Diag => Diagonal(
                    lambda, kappa, offset, prior.Covariances.AsSpan(c * d, d), covariances.Slice(c * d, d)),
                _ => Spherical(lambda, kappa, offset, prior.Covariances[c], covariances[c]),
            };
        }

        if (prior.Type == CovarianceType.Tied)
        {
            sum += Matrix(lambda, 0, [], prior.Covariances, precisionCholesky, logDetPrecisionCholesky[0]);
        }

        return -0.5 * sum;
    }

    /// <summary>λ log|Σ| + λ tr(Σ0 UUᵀ) + κ‖oᵀU‖², with log|Σ| = −2 Σ log diag U.</summary>
    private static double Matrix(
        double lambda, double kappa, ReadOnlySpan<double> offset, ReadOnlySpan<double> sigma0,
        ReadOnlySpan<double> u, double logDetU)
    {
        var d = (int)Math.Round(Math.Sqrt(u.Length));
        var trace = 0.0;
        for (var j = 0; j < d; j++)
        {
            // u_j = column j of U (rows 0..j); adds u_jᵀ Σ0 u_j.
            for (var a = 0; a <= j; a++)
            {
                var row = 0.0;
                for (var b = 0; b <= j; b++)
                {
                    row += sigma0[(a * d) + b] * u[(b * d) + j];
                }

                trace += u[(a * d) + j] * row;
            }
        }

        var quadratic = offset.IsEmpty ? 0 : kappa * PrecisionNorm.Triangular(offset, u);
        return (lambda * -2 * logDetU) + (lambda * trace) + quadratic;
    }

    private static double Diagonal(
        double lambda, double kappa, ReadOnlySpan<double> offset, ReadOnlySpan<double> sigma0,
        ReadOnlySpan<double> variances)
    {
        var sum = 0.0;
        for (var j = 0; j < offset.Length; j++)
        {
            sum += (lambda * Math.Log(variances[j]))
                + (((lambda * sigma0[j]) + (kappa * offset[j] * offset[j])) / variances[j]);
        }

        return sum;
    }

    private static double Spherical(
        double lambda, double kappa, ReadOnlySpan<double> offset, double sigma0, double variance)
    {
        var d = offset.Length;
        var norm = 0.0;
        foreach (var v in offset)
        {
            norm += v * v;
        }

        return (lambda * d * Math.Log(variance)) + (((lambda * d * sigma0) + (kappa * norm)) / variance);
    }
}
