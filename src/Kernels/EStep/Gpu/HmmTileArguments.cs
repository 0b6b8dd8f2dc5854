using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Everything the HMM tile kernels (<see cref="HmmEmissionKernels"/>, <see cref="HmmStatisticsKernels"/>) read,
/// as one value-type kernel parameter, for one batch of whole sequences: its rows (centred float32, as
/// <see cref="DeviceRows"/> holds them), their step flags, the parameters, the workspace and the partials.
/// </summary>
/// <remarks>
/// Shared memory of one group (float64): <c>xs [R × D]</c> tile rows, then <c>[R × S]</c> log-densities
/// (emission kernel) or α̂ (statistics kernel), <c>[R × S]</c> w, <c>[R × S]</c> γ, <c>[R]</c> row maxima m_t
/// (emission kernel) or step flags (statistics kernel). Per-group float64 partials, <c>[grid × L]</c>:
/// <c>Start [S] | Z [S × S] | Posterior [S] | S1 | S2 | Counts | LL [1]</c> with Z = Σ_t α̂_t w_tᵀ (the host
/// multiplies by A to get Σ_t ξ_t).
/// </remarks>
internal readonly struct HmmTileArguments(
    ArrayView<float> rows, ArrayView<byte> flags, HmmShape shape, HmmModelViews model, HmmWorkspaceViews work,
    ArrayView<double> partials, int rowCount, double symbolOffset)
{
    /// <summary>The batch's centred rows x̃ = x − m_p, <c>[n × D]</c> (categorical: D = 1, the symbol − m_p).
    /// </summary>
    public readonly ArrayView<float> Rows = rows;

    /// <summary>Per row, <c>[n]</c>: bit 0 = first step of its sequence, bit 1 = last step.</summary>
    public readonly ArrayView<byte> Flags = flags;

    /// <summary>Model sizes and the tile size.</summary>
    public readonly HmmShape Shape = shape;

    /// <summary>The parameters.</summary>
    public readonly HmmModelViews Model = model;

    /// <summary>The batch's workspace.</summary>
    public readonly HmmWorkspaceViews Work = work;

    /// <summary>Per-group float64 partial statistics, <c>[grid × L]</c>.</summary>
    public readonly ArrayView<double> Partials = partials;

    /// <summary>Rows in the batch (n).</summary>
    public readonly int RowCount = rowCount;

    /// <summary>m_p of a categorical partition: symbol = ⌊x̃ + m_p + ½⌋ (see <see cref="CategoricalSymbolIndex"/>).
    /// </summary>
    public readonly double SymbolOffset = symbolOffset;

    /// <summary>Shared offset of the second tile array (log-densities or α̂).</summary>
    public int SecondOffset => Shape.TileRows * Shape.Features;

    /// <summary>Shared offset of the w tile.</summary>
    public int WeightedOffset => SecondOffset + (Shape.TileRows * Shape.States);

    /// <summary>Shared offset of the γ tile.</summary>
    public int GammaOffset => WeightedOffset + (Shape.TileRows * Shape.States);

    /// <summary>Shared offset of the per-row values (m_t or flags).</summary>
    public int RowValuesOffset => GammaOffset + (Shape.TileRows * Shape.States);

    /// <summary>float64 values of dynamic shared memory one group needs: R·(D + 3S + 1).</summary>
    public static int SharedDoubles(int tileRows, int features, int states) =>
        tileRows * (features + (3 * states) + 1);
}
