namespace AiMass.Kernels.Data;

/// <summary>Reads a partition in fixed-size chunks of rows and their sample weights (float64).</summary>
public static class RowChunks
{
    /// <summary>Rows per chunk: big enough to amortise a read, small enough to stay in cache.</summary>
    public const int DefaultChunkRows = 1024;

    /// <summary>
    /// Calls <paramref name="visit"/> for each chunk with (first row, row count, rows <c>[n × D]</c>,
    /// weights <c>[n]</c>). Weights are ones when the partition has none.
    /// </summary>
    public static void ForEach(
        DataPartition partition, int chunkRows, CancellationToken cancellationToken,
        Action<long, int, double[], double[]> visit)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(visit);
        var d = partition.Rows.Features;
        var rows = new double[chunkRows * d];
        var weights = new double[chunkRows];
        for (long first = 0; first < partition.RowCount; first += chunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(chunkRows, partition.RowCount - first);
            partition.Rows.Read(first, n, rows.AsSpan(0, n * d));
            if (partition.Weights is { } w)
            {
                w.Read(first, n, weights.AsSpan(0, n));
            }
            else
            {
                weights.AsSpan(0, n).Fill(1.0);
            }

            visit(first, n, rows, weights);
        }
    }
}
