namespace AiMass.Kernels.Mixture;

/// <summary>Shape of the component covariances, with scikit-learn's names.</summary>
public enum CovarianceType
{
    /// <summary>Each component has its own full covariance: <c>[K × D × D]</c>.</summary>
    Full,

    /// <summary>All components share one full covariance: <c>[D × D]</c>.</summary>
    Tied,

    /// <summary>Each component has its own diagonal covariance: <c>[K × D]</c>.</summary>
    Diag,

    /// <summary>Each component has a single variance: <c>[K]</c>.</summary>
    Spherical,
}
