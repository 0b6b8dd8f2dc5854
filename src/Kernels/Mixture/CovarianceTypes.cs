using AiMass.Kernels.Input;

namespace AiMass.Kernels.Mixture;

/// <summary>Names and array sizes of <see cref="CovarianceType"/>.</summary>
public static class CovarianceTypes
{
    /// <summary>The scikit-learn name: full, tied, diag or spherical.</summary>
    public static string Name(this CovarianceType type) => type switch
    {
        CovarianceType.Full => "full",
        CovarianceType.Tied => "tied",
        CovarianceType.Diag => "diag",
        CovarianceType.Spherical => "spherical",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a scikit-learn name; throws <see cref="InvalidInputException"/> naming the value.</summary>
    public static CovarianceType Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "full" => CovarianceType.Full,
        "tied" => CovarianceType.Tied,
        "diag" => CovarianceType.Diag,
        "spherical" => CovarianceType.Spherical,
        _ => throw new InvalidInputException(
            $"Unknown covariance type {Excerpt.Of(name)}; use full, tied, diag or spherical."),
    };

    /// <summary>Number of stored covariance values for K components of D features.</summary>
    public static int CovarianceLength(this CovarianceType type, int components, int features) => type switch
    {
        CovarianceType.Full => components * features * features,
        CovarianceType.Tied => features * features,
        CovarianceType.Diag => components * features,
        CovarianceType.Spherical => components,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Free covariance parameters, as scikit-learn's <c>_n_parameters</c> counts them.</summary>
    public static long FreeCovarianceParameters(this CovarianceType type, int components, int features) => type switch
    {
        CovarianceType.Full => (long)components * features * (features + 1) / 2,
        CovarianceType.Tied => (long)features * (features + 1) / 2,
        CovarianceType.Diag => (long)components * features,
        CovarianceType.Spherical => components,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
