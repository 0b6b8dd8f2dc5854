using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Priors;

/// <summary>
/// Posterior-mode (MAP) means and covariances of Gaussian components under a <see cref="GaussianPrior"/>, from
/// statistics shifted by c_k (the previous means): n = Σρ, S1 = Σρ(x − c), S2 = Σρ(x − c)(x − c)ᵀ (diag: its
/// diagonal). Shared by the mixtures and the Gaussian HMMs.
/// </summary>
/// <remarks>
/// μ = μ0 + (S1 + n(c − μ0))/(n + κ), which equals (Σρx + κμ0)/(n + κ) and is μ0 exactly when n = 0. With
/// e = μ − c and o = μ − μ0, the scatter X = κ o oᵀ + S2 − S1eᵀ − eS1ᵀ + n eeᵀ equals
/// W + κn/(κ+n)(x̄ − μ0)(x̄ − μ0)ᵀ, and Σ = Σ0 + (X − nΣ0)/(λ + n) (= (λΣ0 + X)/(λ + n), written so that n = 0
/// gives Σ0 exactly). <c>reg_covar</c> is added to the diagonal afterwards, as in the maximum-likelihood M-step.
/// </remarks>
internal static class GaussianMapEstimate
{
    /// <summary>μ (<c>[D]</c>) and e = μ − c into the spans; returns nothing else.</summary>
    public static void Mean(
        double n, ReadOnlySpan<double> s1, ReadOnlySpan<double> shift, ReadOnlySpan<double> mu0, double kappa,
        Span<double> mean, Span<double> e)
    {
        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] = mu0[j] + ((s1[j] + (n * (shift[j] - mu0[j]))) / (n + kappa));
            e[j] = mean[j] - shift[j];
        }
    }

    /// <summary>X_ij = κ o_i o_j + S2_ij − S1_i e_j − e_i S1_j + n e_i e_j with o = μ − μ0.</summary>
    public static double Scatter(
        int i, int j, double s2, double n, ReadOnlySpan<double> s1, ReadOnlySpan<double> e,
        ReadOnlySpan<double> mean, ReadOnlySpan<double> mu0, double kappa) =>
        (kappa * (mean[i] - mu0[i]) * (mean[j] - mu0[j])) + s2 - (s1[i] * e[j]) - (e[i] * s1[j]) + (n * e[i] * e[j]);

    /// <summary>One full covariance <c>[D × D]</c> (S2 symmetrised from its two triangles).</summary>
    public static void Full(
        double n, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, ReadOnlySpan<double> e, ReadOnlySpan<double> mean,
        ReadOnlySpan<double> mu0, ReadOnlySpan<double> sigma0, GaussianPrior prior, double regCovar,
        Span<double> block)
    {
        var d = e.Length;
        var denominator = prior.CovarianceWeight + n;
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var scatter = 0.5 * (s2[(i * d) + j] + s2[(j * d) + i]);
                var x = Scatter(i, j, scatter, n, s1, e, mean, mu0, prior.MeanShrinkage);
                var s0 = sigma0[(i * d) + j];
                block[(i * d) + j] = block[(j * d) + i] = s0 + ((x - (n * s0)) / denominator);
            }

            block[(i * d) + i] += regCovar;
        }
    }

    /// <summary>One diagonal covariance <c>[D]</c>.</summary>
    public static void Diagonal(
        double n, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, ReadOnlySpan<double> e, ReadOnlySpan<double> mean,
        ReadOnlySpan<double> mu0, ReadOnlySpan<double> sigma0, GaussianPrior prior, double regCovar, Span<double> row)
    {
        var denominator = prior.CovarianceWeight + n;
        for (var j = 0; j < row.Length; j++)
        {
            var x = Scatter(j, j, s2[j], n, s1, e, mean, mu0, prior.MeanShrinkage);
            row[j] = sigma0[j] + ((x - (n * sigma0[j])) / denominator) + regCovar;
        }
    }

    /// <summary>One spherical variance: σ² = σ0² + (Σ_j X_jj − nDσ0²)/(D(λ + n)).</summary>
    public static double Spherical(
        double n, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, ReadOnlySpan<double> e, ReadOnlySpan<double> mean,
        ReadOnlySpan<double> mu0, double sigma0, GaussianPrior prior, double regCovar)
    {
        var d = e.Length;
        var trace = 0.0;
        for (var j = 0; j < d; j++)
        {
            trace += Scatter(j, j, s2[j], n, s1, e, mean, mu0, prior.MeanShrinkage);
        }

        return sigma0 + ((trace - (n * d * sigma0)) / (d * (prior.CovarianceWeight + n))) + regCovar;
    }

    /// <summary>
    /// The tied covariance <c>[D × D]</c>: Σ = Σ0 + (Σ_k X_k − NΣ0)/(λ + N), where S2 is the one total scatter about
    /// the shared shift c and Σ_k X_k = S2 + Σ_k (κ o_k o_kᵀ − S1_k e_kᵀ − e_k S1_kᵀ + n_k e_k e_kᵀ).
    /// </summary>
    public static double[] Tied(
        GaussianMixtureStatistics stats, double[] means, double[] e, GaussianPrior prior, double regCovar)
    {
        int k = stats.Components, d = stats.Features;
        var total = 0.0;
        for (var c = 0; c < k; c++)
        {
            total += stats.N[c];
        }

        var result = new double[d * d];
        var denominator = prior.CovarianceWeight + total;
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var x = 0.5 * (stats.S2[(i * d) + j] + stats.S2[(j * d) + i]);
                for (var c = 0; c < k; c++)
                {
                    x += Scatter(
                        i, j, 0, stats.N[c], stats.S1.AsSpan(c * d, d), e.AsSpan(c * d, d), means.AsSpan(c * d, d),
                        prior.Mean(c), prior.MeanShrinkage);
                }

                var s0 = prior.Covariances[(i * d) + j];
                result[(i * d) + j] = result[(j * d) + i] = s0 + ((x - (total * s0)) / denominator);
            }

            result[(i * d) + i] += regCovar;
        }

        return result;
    }
}
