using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Priors;

/// <summary>
/// The conjugate prior of Gaussian components' means and covariances, in one parametrisation for every covariance
/// shape: μ_k | Σ_k ~ N(μ0_k, Σ_k/κ), and an inverse-Wishart (full, tied) or inverse-gamma (diag per feature,
/// spherical per component) on Σ_k whose degrees of freedom and scale are chosen so that the posterior mode is
/// Σ_k = (λΣ0_k + W_k + κn_k/(κ+n_k)(x̄_k − μ0_k)(x̄_k − μ0_k)ᵀ)/(λ + n_k) (spherical: the same with traces over
/// D·(λ + n_k)). A component with no data keeps (μ0_k, Σ0_k) exactly.
/// </summary>
/// <remarks>
/// In the usual parameters: full NIW(μ0, κ, Ψ = λΣ0, ν = λ − D − 2); tied IW(Ψ = λΣ0, ν = λ − D − 1 − K) with the
/// K mean priors; diag per feature NIG(μ0, κ, a = (λ − 3)/2, b = λσ0²/2); spherical NIG(μ0, κ, a = (λD − D − 2)/2,
/// b = λDσ0²/2). For λ below those offsets the prior is improper, yet its posterior mode is well defined.
/// </remarks>
/// <param name="Type">Covariance shape.</param>
/// <param name="Components">K (HMM: states).</param>
/// <param name="Features">D.</param>
/// <param name="MeanShrinkage">κ &gt; 0: pseudo-observations of the prior means.</param>
/// <param name="CovarianceWeight">λ &gt; 0: pseudo-observations of the prior covariances.</param>
/// <param name="Means">μ0, <c>[K × D]</c>.</param>
/// <param name="Covariances">Σ0 in the covariances' layout: full <c>[K × D × D]</c>, tied <c>[D × D]</c>, diag
/// <c>[K × D]</c>, spherical <c>[K]</c>.</param>
public sealed record GaussianPrior(
    CovarianceType Type, int Components, int Features, double MeanShrinkage, double CovarianceWeight,
    double[] Means, double[] Covariances)
{
    /// <summary>Throws <see cref="InvalidInputException"/> for a shape or value that cannot be a prior.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Means);
        ArgumentNullException.ThrowIfNull(Covariances);
        if (!(MeanShrinkage > 0) || !double.IsFinite(MeanShrinkage)
            || !(CovarianceWeight > 0) || !double.IsFinite(CovarianceWeight))
        {
            throw new InvalidInputException(
                $"The prior's pseudo-observations (κ={MeanShrinkage}, λ={CovarianceWeight}) must be finite and > 0; " +
                "give --prior-strength above 0 (or 0 for no prior).");
        }

        if (Means.Length != Components * Features
            || Covariances.Length != Type.CovarianceLength(Components, Features))
        {
            throw new InvalidInputException(
                $"The prior's arrays do not match K={Components}, D={Features}, {Type.Name()} covariances.");
        }
    }

    /// <summary>μ0_k, <c>[D]</c>.</summary>
    public ReadOnlySpan<double> Mean(int k) => Means.AsSpan(k * Features, Features);
}
