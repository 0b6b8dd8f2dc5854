using AiMass.Kernels.Input;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Hmm;

/// <summary>Names of <see cref="HmmEmission"/> in the model file (<c>emission</c>, <c>covariance_type</c>).</summary>
public static class HmmEmissions
{
    /// <summary>True for the Gaussian kinds.</summary>
    public static bool IsGaussian(this HmmEmission emission) => emission != HmmEmission.Categorical;

    /// <summary>The model file's <c>emission</c> value: <c>gaussian</c> or <c>categorical</c>.</summary>
    public static string Name(this HmmEmission emission) =>
        emission == HmmEmission.Categorical ? "categorical" : "gaussian";

    /// <summary>The covariance shape of a Gaussian kind; throws for categorical emissions.</summary>
    public static CovarianceType CovarianceType(this HmmEmission emission) => emission switch
    {
        HmmEmission.GaussianFull => Mixture.CovarianceType.Full,
        HmmEmission.GaussianDiag => Mixture.CovarianceType.Diag,
        _ => throw new InvalidOperationException("Categorical emissions have no covariance."),
    };

    /// <summary>
    /// Parses the model file's <c>emission</c> and <c>covariance_type</c> (ignored for categorical; null means
    /// diag, hmmlearn's default); throws <see cref="InvalidInputException"/> naming the value.
    /// </summary>
    public static HmmEmission Parse(string emission, string? covarianceType)
    {
        switch (emission?.Trim().ToLowerInvariant())
        {
            case "categorical":
                return HmmEmission.Categorical;
            case "gaussian":
                return FromCovarianceType(CovarianceTypes.Parse(covarianceType ?? "diag"));
            default:
                throw new InvalidInputException(
                    $"Unknown HMM emission {Excerpt.Of(emission)}; use gaussian or categorical.");
        }
    }

    /// <summary>The Gaussian kind for <paramref name="type"/>; HMMs support full and diag covariances only.</summary>
    public static HmmEmission FromCovarianceType(CovarianceType type) => type switch
    {
        Mixture.CovarianceType.Full => HmmEmission.GaussianFull,
        Mixture.CovarianceType.Diag => HmmEmission.GaussianDiag,
        _ => throw new InvalidInputException(
            $"HMM covariance type '{type.Name()}' is not supported; use full or diag."),
    };
}
