using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Where <see cref="DeviceRows"/> cuts a partition into device chunks: every <c>chunkRows</c> rows for
/// independent rows; at sequence boundaries only when the partition has (valid) sequence lengths, packing whole
/// sequences greedily up to <c>chunkRows</c> rows, a longer sequence alone in its chunk.
/// </summary>
internal static class ChunkCuts
{
    /// <summary>
    /// The chunks' (first row, row count) in row order. Throws <see cref="DeviceCannotRunException"/> (the backend
    /// then uses the CPU path) for a sequence whose rows·D do not fit int32 kernel indices.
    /// </summary>
    public static IEnumerable<(long First, int Count)> Cut(DataPartition partition, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var lengths = partition.SequenceLengths;
        return lengths is not null && Covers(lengths, partition.RowCount)
            ? AtSequenceBoundaries(lengths, chunkRows, partition.Rows.Features)
            : Fixed(partition.RowCount, chunkRows);
    }

    private static IEnumerable<(long First, int Count)> Fixed(long rows, int chunkRows)
    {
        for (long first = 0; first < rows; first += chunkRows)
        {
            yield return (first, (int)Math.Min(chunkRows, rows - first));
        }
    }

    private static IEnumerable<(long First, int Count)> AtSequenceBoundaries(
        IReadOnlyList<int> lengths, int chunkRows, int features)
    {
        long first = 0;
        var count = 0;
        for (var i = 0; i < lengths.Count; i++)
        {
            var length = lengths[i];
            if ((long)length * features >= int.MaxValue)
            {
                throw new DeviceCannotRunException(
                    $"Sequence {i} has {length} rows of {features} values, more than one device chunk can index " +
                    "(2³¹ values); this partition runs on the CPU path.");
            }

            if (count > 0 && (long)count + length > chunkRows)
            {
                yield return (first, count);
                first += count;
                count = 0;
            }

            count += length;
        }

        if (count > 0)
        {
            yield return (first, count);
        }
    }

    /// <summary>True when every length is positive and they add up to <paramref name="rows"/> (otherwise the
    /// HMM E-step reports the lengths and the rows are cut as independent rows).</summary>
    private static bool Covers(IReadOnlyList<int> lengths, long rows)
    {
        long sum = 0;
        foreach (var length in lengths)
        {
            if (length < 1)
            {
                return false;
            }

            sum += length;
        }

        return sum == rows;
    }
}
