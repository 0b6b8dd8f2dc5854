using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The Gaussian-mixture E-step of one partition as an <see cref="IBlockJob"/>: block b is rows
/// <c>[b·BlockRows, (b+1)·BlockRows)</c>, computed tile by tile into the thread's float64 block statistics, then
/// added to <see cref="Total"/> in block order.
/// </summary>
internal sealed class MixtureBlockJob<TOps, TVec, T>(
    DataPartition partition,
    double[] centre,
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
    public int BlockCount { get; } = MixtureLayout.Blocks(partition.RowCount);

    /// <inheritdoc />
    public void ComputeBlock(int block, int worker)
    {
        var ws = workspaces.Get<T>(worker, model.Layout);
        ws.Block.Clear();
        var first = (long)block * MixtureLayout.BlockRows;
        var end = Math.Min(first + MixtureLayout.BlockRows, partition.RowCount);
        for (var start = first; start < end; start += MixtureLayout.TileRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(MixtureLayout.TileRows, end - start);
            TileLoader.Load<TOps, TVec, T>(partition, start, n, centre, ws);
            MixtureTile<TOps, TVec, T>.Process(model, ws, n);
        }
    }

    /// <inheritdoc />
    public void MergeBlock(int block, int worker) => Total.Add(workspaces.Get<T>(worker, model.Layout).Block);
}
