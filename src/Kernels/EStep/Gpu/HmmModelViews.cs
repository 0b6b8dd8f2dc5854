using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Device views of one iteration's HMM parameters, float64 (see <see cref="HmmDeviceParameters"/>); arrays an
/// emission kind does not use hold one unused value.
/// </summary>
internal readonly struct HmmModelViews(
    ArrayView<double> start, ArrayView<double> transitions, ArrayView<double> means, ArrayView<double> precision,
    ArrayView<double> constants, ArrayView<double> logEmissions)
{
    /// <summary>Start probabilities π, <c>[S]</c>.</summary>
    public readonly ArrayView<double> Start = start;

    /// <summary>Transition matrix A, <c>[S × S]</c>, row-major (A[r, s] = p(s | r)).</summary>
    public readonly ArrayView<double> Transitions = transitions;

    /// <summary>Centred means μ̃_s = μ_s − m_p, <c>[S × D]</c> (Gaussian; also the statistics' shifts).</summary>
    public readonly ArrayView<double> Means = means;

    /// <summary>Precision Cholesky factors: full <c>[S × D × D]</c> upper-triangular U_s, diag <c>[S × D]</c> 1/σ.
    /// </summary>
    public readonly ArrayView<double> Precision = precision;

    /// <summary>Σ log diag(U_s) per state, <c>[S]</c> (Gaussian).</summary>
    public readonly ArrayView<double> Constants = constants;

    /// <summary>log B[s, m], <c>[S × M]</c> (categorical; −∞ for a zero probability).</summary>
    public readonly ArrayView<double> LogEmissions = logEmissions;
}
