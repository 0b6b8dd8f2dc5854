namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The HMM E-step of one partition as an <see cref="IBlockJob"/>: block b is the whole sequences the
/// <see cref="HmmBlockPlan"/> gives it, computed into the thread's float64 block statistics, then added to
/// <see cref="Total"/> in the plan's block order (so the total is bit-identical for any thread count).
/// </summary>
internal sealed class HmmBlockJob<TOps, TVec, T, DOps, DVec>(
    TileSource<T> source,
    PreparedHmm<T> model,
    HmmBlockPlan plan,
    WorkspaceCache workspaces,
    CancellationToken cancellationToken) : IBlockJob
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
    where DOps : struct, ISimd<DVec, double>
    where DVec : struct
{
    /// <summary>The partition's statistics in the padded layout, complete once the run ends.</summary>
    public HmmBlockStatistics Total { get; } = new(
        model.States, model.PaddedStates, model.Parameters.Symbols, model.Mixture?.Layout);

    /// <inheritdoc />
    public int BlockCount => plan.Count;

    /// <summary>The row after each computed block (read when the block is merged, in order).</summary>
    private readonly long[] _ends = new long[plan.Count];

    /// <inheritdoc />
    public void ComputeBlock(int block, int worker)
    {
        var ws = Workspace(worker);
        ws.Block.Clear();
        var (firstSequence, count, row) = plan.Block(block);
        var blockRow = row;
        for (var i = firstSequence; i < firstSequence + count; i++)
        {
            var length = plan.Lengths[i];
            HmmSequenceRun<TOps, TVec, T, DOps, DVec>.Run(
                model, ws, source, i, row, length, plan.FirstTiles[i], cancellationToken);
            row += length;
        }

        _ends[block] = row;
    }

    /// <inheritdoc />
    public void MergeBlock(int block, int worker)
    {
        Total.Add(Workspace(worker).Block);
        source.Merged(_ends[block]);
    }

    private HmmWorkspace<T> Workspace(int worker) =>
        workspaces.Get(worker, w => w.Fits(model), () => new HmmWorkspace<T>(model));
}
