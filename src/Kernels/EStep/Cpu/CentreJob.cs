using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The partition centre m_p: float64 column means, summed per block and merged in block order (so every worker
/// computes the same bits). Working in x − m_p keeps float32 accurate when |x| ≫ the spread (e.g. data at 1e4).
/// </summary>
internal sealed class CentreJob(DataPartition partition, WorkspaceCache workspaces) : IBlockJob
{
    private readonly int _features = partition.Rows.Features;
    private readonly double[] _sum = new double[partition.Rows.Features];

    /// <inheritdoc />
    public int BlockCount { get; } = MixtureLayout.Blocks(partition.RowCount);

    /// <summary>The column means (zeros for an empty partition), valid once the run ends.</summary>
    public double[] Centre()
    {
        var means = new double[_features];
        for (var j = 0; j < _features; j++)
        {
            means[j] = partition.RowCount == 0 ? 0 : _sum[j] / partition.RowCount;
        }

        return means;
    }

    /// <inheritdoc />
    public void ComputeBlock(int block, int worker)
    {
        const int tile = MixtureLayout.TileRows;
        var d = _features;
        var buffer = workspaces.Doubles(worker, (tile + 1) * d);
        var sums = buffer.AsSpan(tile * d, d);
        sums.Clear();
        var first = (long)block * MixtureLayout.BlockRows;
        var end = Math.Min(first + MixtureLayout.BlockRows, partition.RowCount);
        for (var start = first; start < end; start += tile)
        {
            var n = (int)Math.Min(tile, end - start);
            partition.Rows.Read(start, n, buffer.AsSpan(0, n * d));

            for (var t = 0; t < n; t++)
            {
                for (var j = 0; j < d; j++)
                {
                    sums[j] += buffer[(t * d) + j];
                }
            }
        }
    }

    /// <inheritdoc />
    public void MergeBlock(int block, int worker)
    {
        var d = _features;
        var sums = workspaces.Doubles(worker, (MixtureLayout.TileRows + 1) * d).AsSpan(MixtureLayout.TileRows * d, d);
        for (var j = 0; j < d; j++)
        {
            _sum[j] += sums[j];
        }

        // A pass over all rows: what is behind goes back (in block order; see TileSource.Merged).
        var first = (long)block * MixtureLayout.BlockRows;
        var end = Math.Min(first + MixtureLayout.BlockRows, partition.RowCount);
        (partition.Rows as IEvictableRowSource)?.Evict(first, end - first);
    }
}
