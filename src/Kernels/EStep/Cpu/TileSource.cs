using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Where a job's tiles come from: the partition's rows, read and prepared by <see cref="TileLoader"/> (centred on
/// m_p), or the partition's <see cref="ResidentTiles{T}"/> once complete. While the copy is being filled (the
/// first run), each streamed tile is also stored in it. Each finished block's rows that were read from the source
/// are evicted from its resident pages (a memory-mapped file would otherwise count twice, once mapped and once
/// copied, or grow the process to the file's size when it streams).
/// </summary>
internal sealed class TileSource<T>(DataPartition partition, double[] centre, ResidentTiles<T>? resident)
    where T : unmanaged
{
    private long _evictedUpTo;

    /// <summary>The partition.</summary>
    public DataPartition Partition { get; } = partition;

    /// <summary>m_p, <c>[D]</c>.</summary>
    public double[] Centre { get; } = centre;

    /// <summary>The resident copy, or null when the partition streams.</summary>
    public ResidentTiles<T>? Resident { get; } = resident;

    /// <summary>
    /// Puts tile <paramref name="tile"/> (partition rows <c>[first, first + n)</c>) in <paramref name="ws"/>:
    /// from the complete copy, else read from the partition (and stored in the copy being filled). The kernels
    /// see the same bits either way. <paramref name="spread"/>: see <see cref="ResidentTiles{T}.Use"/>.
    /// </summary>
    public void Load<TOps, TVec>(int tile, long first, int n, TileWorkspace<T> ws, bool spread = false)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
    {
        ws.FetchNothing(); // a run that stopped mid-tile may have left its next tile recorded
        if (Resident is { Complete: true } complete)
        {
            complete.Use<TOps, TVec>(tile, n, ws, spread);
            return;
        }

        TileLoader.Load<TOps, TVec, T>(Partition, first, n, Centre, ws);
        Resident?.Store(tile, ws);
    }

    /// <summary>
    /// Called in block order once the rows before <paramref name="end"/> are done: when they were read from the
    /// row source (streamed, or filling the copy), the rows since the last call (and their weights) leave its
    /// resident pages, so a memory-mapped file larger than memory costs the process only the blocks in flight
    /// (re-reading them next iteration is a minor page fault while the page cache still holds them). Ordered, so
    /// that whole 2 MiB granules behind every thread can go (see <c>MemoryAdvice</c> in AiMass.Seed).
    /// </summary>
    public void Merged(long end)
    {
        var first = _evictedUpTo;
        _evictedUpTo = end;
        if (Resident is { Complete: true } || end <= first)
        {
            return; // read from the copy: the source's pages were not touched
        }

        (Partition.Rows as IEvictableRowSource)?.Evict(first, end - first);
        (Partition.Weights as IEvictableRowSource)?.Evict(first, end - first);
    }
}
