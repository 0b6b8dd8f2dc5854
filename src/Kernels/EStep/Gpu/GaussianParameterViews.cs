using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Device views of one iteration's Gaussian-mixture parameters (see <see cref="GaussianTileArguments"/>).
/// </summary>
internal readonly struct GaussianParameterViews(
    ArrayView<float> means, ArrayView<float> precision, int precisionStride, ArrayView<float> constants,
    ArrayView<float> shifts)
{
    /// <summary>Centred means, <c>[K × D_p]</c>.</summary>
    public readonly ArrayView<float> Means = means;

    /// <summary>Precision factors in the covariance type's layout.</summary>
    public readonly ArrayView<float> Precision = precision;

    /// <summary>Elements between two components' precision factors.</summary>
    public readonly int PrecisionStride = precisionStride;

    /// <summary>Shifted per-component constants, <c>[K]</c>.</summary>
    public readonly ArrayView<float> Constants = constants;

    /// <summary>Centred shifts, <c>[K × D_p]</c>.</summary>
    public readonly ArrayView<float> Shifts = shifts;
}
