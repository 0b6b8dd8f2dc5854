using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Where a job's tiles come from: the partition's rows, read and prepared by <see cref="TileLoader"/> (centred on
/// m_p), or the partition's <see cref="ResidentTiles{T}"/> once complete. While the copy is being filled (the
/// first run), each streamed tile is also stored in it, and each finished block's rows are evicted from the row
/// source's resident pages (a memory-mapped file would otherwise count twice: once mapped, once copied).
/// </summary>
internal sealed class TileSource<T>(DataPartition partition, double[] centre, ResidentTiles<T>? resident)
    where T : unmanaged
{
    /// <summary>The partition.</summary>
    public DataPartition Partition { get; } = partition;

    /// <summary>m_p, <c>[D]</c>.</summary>
    public double[] Centre { get; } = centre;

    /// <summary>The resident copy, or null when the partition streams.</summary>
    public ResidentTiles<T>? Resident { get; } = resident;

    /// <summary>
    /// Puts tile <paramref name="tile"/> (partition rows <c>[first, first + n)</c>) in <paramref name="ws"/>:
    /// from the complete copy, else read from the partition (and stored in the copy being filled). The kernels
    /// see the same bits either way.
    /// </summary>
    public void Load<TOps, TVec>(int tile, long first, int n, TileWorkspace<T> ws)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
    {
        if (Resident is { Complete: true } complete)
        {
            complete.Use<TOps, TVec>(tile, n, ws);
            return;
        }

        TileLoader.Load<TOps, TVec, T>(Partition, first, n, Centre, ws);
        Resident?.Store(tile, ws);
    }

    /// <summary>
    /// Called when a block of rows <c>[first, first + count)</c> is done: while the copy is being filled, those
    /// rows (and their weights) leave the row source's resident pages.
    /// </summary>
    public void BlockDone(long first, long count)
    {
        if (Resident is not { Complete: false })
        {
            return;
        }

        (Partition.Rows as IEvictableRowSource)?.Evict(first, count);
        (Partition.Weights as IEvictableRowSource)?.Evict(first, count);
    }
}
