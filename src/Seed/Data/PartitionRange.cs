using AiMass.Kernels;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data;

/// <summary>
/// One partition of a dataset: rows <c>[FirstRow, FirstRow + RowCount)</c> and, for sequence data, the whole
/// sequences <c>[FirstSequence, FirstSequence + SequenceCount)</c> they hold (both 0 for independent rows).
/// </summary>
/// <param name="Index">Partition index, 0-based; statistics are added in this order.</param>
/// <param name="FirstRow">The partition's first row in the dataset.</param>
/// <param name="RowCount">Number of rows (≥ 1).</param>
/// <param name="FirstSequence">Index of the partition's first sequence (0 for independent rows).</param>
/// <param name="SequenceCount">Number of whole sequences (0 for independent rows).</param>
public sealed record PartitionRange(int Index, long FirstRow, long RowCount, int FirstSequence, int SequenceCount)
{
    /// <summary>One past the partition's last row.</summary>
    public long EndRow => FirstRow + RowCount;

    /// <summary>
    /// The rows of this partition as a <see cref="DataPartition"/>: a <see cref="RowSlice"/> of
    /// <paramref name="data"/>, the matching slice of <paramref name="weights"/> (if any), and this partition's
    /// entries of <paramref name="sequenceLengths"/> (the whole dataset's lengths, if any).
    /// </summary>
    /// <exception cref="InvalidInputException">The sources are shorter than the partition, or the lengths do not
    /// cover exactly this partition's rows (a plan made for other data).</exception>
    public DataPartition Slice(IRowSource data, IRowSource? weights = null, IReadOnlyList<int>? sequenceLengths = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckCovers(data);
        if (weights is not null)
        {
            CheckCovers(weights);
        }

        return new DataPartition(
            Index,
            new RowSlice(data, FirstRow, RowCount),
            weights is null ? null : new RowSlice(weights, FirstRow, RowCount),
            sequenceLengths is null ? null : SliceLengths(sequenceLengths));
    }

    private int[] SliceLengths(IReadOnlyList<int> lengths)
    {
        if (SequenceCount == 0 || FirstSequence + SequenceCount > lengths.Count)
        {
            throw new InvalidInputException(
                $"partition {Index} was not planned for these {lengths.Count} sequences; "
                + "plan the partitions with the sequence lengths");
        }

        var slice = new int[SequenceCount];
        long sum = 0;
        for (var i = 0; i < slice.Length; i++)
        {
            slice[i] = lengths[FirstSequence + i];
            sum += slice[i];
        }

        if (sum != RowCount)
        {
            throw new InvalidInputException(
                $"partition {Index} has {RowCount} rows but its {SequenceCount} sequences add up to {sum}; "
                + "plan the partitions with these sequence lengths");
        }

        return slice;
    }

    private void CheckCovers(IRowSource source)
    {
        if (EndRow > source.Rows)
        {
            throw new InvalidInputException(
                $"partition {Index} needs rows up to {EndRow} but {source.Name} has {source.Rows}; "
                + "plan the partitions for this file");
        }
    }
}
