namespace AiMass.Kernels.Data;

/// <summary>
/// The rows an E-step works on: one partition of a dataset with optional per-row sample weights.
/// </summary>
/// <param name="Index">Partition index.</param>
/// <param name="Rows">The partition's rows, <c>[n × D]</c>.</param>
/// <param name="Weights">Optional non-negative sample weights, <c>[n × 1]</c>; null means all ones.</param>
/// <param name="SequenceLengths">For sequence models: lengths of the whole sequences in this partition
/// (they add up to <c>Rows.Rows</c>); null for independent rows.</param>
public sealed record DataPartition(
    int Index,
    IRowSource Rows,
    IRowSource? Weights = null,
    IReadOnlyList<int>? SequenceLengths = null)
{
    /// <summary>Optional partial labels, <c>[n × 1]</c>: a row's component (mixtures) or state (HMMs), or −1 for
    /// unknown; a known row's posterior is clamped to its label (semi-supervised EM). Null means no labels.</summary>
    public IRowSource? Labels { get; init; }

    /// <summary>Number of rows in the partition.</summary>
    public long RowCount => Rows.Rows;
}
