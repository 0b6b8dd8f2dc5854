namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The Gaussian-mixture E-step of one partition as an <see cref="IBlockJob"/>: block b is rows
/// <c>[b·BlockRows, (b+1)·BlockRows)</c>, computed tile by tile (tile i: rows from i·TileRows) into the thread's
/// float64 block statistics, then added to <see cref="Total"/> in block order.
/// </summary>
internal sealed class MixtureBlockJob<TOps, TVec, T>(
    TileSource<T> source,
    PreparedMixture<T> model,
    WorkspaceCache workspaces,
    CancellationToken cancellationToken) : IBlockJob
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    /// <summary>The partition's statistics in the padded layout, complete once the run ends.</summary>
    public BlockStatistics Total { get; } = new(model.Layout);

    /// <inheritdoc />
    public int BlockCount { get; } = MixtureLayout.Blocks(source.Partition.RowCount);

    /// <summary>Number of tiles the rows are cut into (the resident copy's size).</summary>
    public static long Tiles(long rows) => (rows + MixtureLayout.TileRows - 1) / MixtureLayout.TileRows;

    /// <inheritdoc />
    public void ComputeBlock(int block, int worker)
    {
        var ws = workspaces.Get<T>(worker, model.Layout);
        ws.Block.Clear();
        var first = (long)block * MixtureLayout.BlockRows;
        var end = Math.Min(first + MixtureLayout.BlockRows, source.Partition.RowCount);
        for (var start = first; start < end; start += MixtureLayout.TileRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(MixtureLayout.TileRows, end - start);
            source.Load<TOps, TVec>((int)(start / MixtureLayout.TileRows), start, n, ws, spread: true);
            MixtureTile<TOps, TVec, T>.Process(model, ws, n);
        }
    }

    /// <inheritdoc />
    public void MergeBlock(int block, int worker)
    {
        Total.Add(workspaces.Get<T>(worker, model.Layout).Block);
        source.Merged(Math.Min((long)(block + 1) * MixtureLayout.BlockRows, source.Partition.RowCount));
    }
}
