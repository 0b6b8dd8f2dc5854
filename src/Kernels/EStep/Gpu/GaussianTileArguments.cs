using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Everything a Gaussian-mixture tile kernel reads, as one value-type kernel parameter (views and ints only).
/// All float arrays are in the partition's centred frame (x̃ = x − m_p) and padded to D_p = ⌈D/4⌉·4 columns
/// with zeros, so padded columns add nothing to any sum.
/// </summary>
/// <remarks>
/// Shared memory of one group (floats): <c>xs [T × (D_p+1)]</c> tile rows (odd row stride: no bank conflicts
/// between row blocks), <c>ws [T]</c> weights, <c>lp [K × T]</c> log-probabilities then responsibilities
/// ρ = w·r (component-major), <c>ll [T]</c> per-row log-likelihood terms.
/// Per-block float64 partials, <c>[grid × L]</c>: <c>N [K] | S1 [K × D] | S2 [S2Length] | LL [1]</c>.
/// </remarks>
internal readonly struct GaussianTileArguments(
    ArrayView<float> rows, ArrayView<float> weights, GaussianParameterViews parameters,
    ArrayView<double> partials, int rowCount, int features, int components, int tileRows, int secondMomentLength)
{
    /// <summary>The chunk's centred rows, <c>[n × D]</c>, row-major, unpadded.</summary>
    public readonly ArrayView<float> Rows = rows;

    /// <summary>Sample weights, <c>[n]</c>.</summary>
    public readonly ArrayView<float> Weights = weights;

    /// <summary>Centred means μ̃ <c>[K × D_p]</c>.</summary>
    public readonly ArrayView<float> Means = parameters.Means;

    /// <summary>Precision factors: full <c>[K × D_p × D_p]</c> upper-triangular U_k, tied <c>[D_p × D_p]</c>,
    /// diag and spherical <c>[K × D_p]</c> values 1/σ.</summary>
    public readonly ArrayView<float> Precision = parameters.Precision;

    /// <summary>Distance in <see cref="Precision"/> between components: D_p² full, 0 tied, D_p diag.</summary>
    public readonly int PrecisionStride = parameters.PrecisionStride;

    /// <summary>Per-component constants log π_k + log det U_k − ½ D log 2π − C_max, <c>[K]</c>.</summary>
    public readonly ArrayView<float> Constants = parameters.Constants;

    /// <summary>Centred statistic shifts c̃_k, <c>[K × D_p]</c>.</summary>
    public readonly ArrayView<float> Shifts = parameters.Shifts;

    /// <summary>Per-block float64 partial sums, <c>[grid × PartialLength]</c>.</summary>
    public readonly ArrayView<double> Partials = partials;

    /// <summary>Rows in this chunk (n).</summary>
    public readonly int RowCount = rowCount;

    /// <summary>Features (D).</summary>
    public readonly int Features = features;

    /// <summary>Components (K).</summary>
    public readonly int Components = components;

    /// <summary>Rows per tile (T, a multiple of 4).</summary>
    public readonly int TileRows = tileRows;

    /// <summary>Length of the S2 block of the partials.</summary>
    public readonly int SecondMomentLength = secondMomentLength;

    /// <summary>D_p: D rounded up to a multiple of 4.</summary>
    public int PaddedFeatures => (Features + 3) / 4 * 4;

    /// <summary>Row stride of the shared tile, D_p + 1 (odd).</summary>
    public int RowStride => PaddedFeatures + 1;

    /// <summary>Shared offset of the weights.</summary>
    public int WeightsOffset => TileRows * RowStride;

    /// <summary>Shared offset of the log-probabilities / responsibilities.</summary>
    public int LogProbabilityOffset => WeightsOffset + TileRows;

    /// <summary>Shared offset of the per-row log-likelihood terms.</summary>
    public int RowLikelihoodOffset => LogProbabilityOffset + (Components * TileRows);

    /// <summary>Partials offset of S1.</summary>
    public int FirstMomentOffset => Components;

    /// <summary>Partials offset of S2.</summary>
    public int SecondMomentOffset => Components + (Components * Features);

    /// <summary>Partials offset of the log-likelihood.</summary>
    public int LikelihoodOffset => SecondMomentOffset + SecondMomentLength;

    /// <summary>Length L of one block's partials.</summary>
    public int PartialLength => LikelihoodOffset + 1;

    /// <summary>Floats of shared memory one group needs: T·(D_p + 1 + K + 2).</summary>
    public static int SharedFloats(int tileRows, int features, int components) =>
        tileRows * (((features + 3) / 4 * 4) + 1 + components + 2);
}
