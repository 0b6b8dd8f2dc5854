namespace AiMass.Kernels.Hmm;

/// <summary>
/// What an HMM state emits: a Gaussian vector (full or diagonal covariance) or one categorical symbol.
/// </summary>
public enum HmmEmission
{
    /// <summary>Gaussian emissions with one full covariance per state: <c>[S × D × D]</c>.</summary>
    GaussianFull,

    /// <summary>Gaussian emissions with one diagonal covariance per state: <c>[S × D]</c>.</summary>
    GaussianDiag,

    /// <summary>One integer symbol 0..M−1 per row, with an emission probability table <c>[S × M]</c>.</summary>
    Categorical,
}
