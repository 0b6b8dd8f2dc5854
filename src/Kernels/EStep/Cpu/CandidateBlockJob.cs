using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The fused E-step of many mixtures over one partition (model selection, restarts in one pass): block b is rows
/// <c>[b·BlockRows, (b+1)·BlockRows)</c>, and each tile of it is read once, then processed by every member's kernels
/// (<see cref="MixtureTile{TOps,TVec,T}"/>) into that member's block statistics while the tile is in cache. Each
/// member sees the same tiles in the same order as its own <see cref="MixtureBlockJob{TOps,TVec,T}"/> and its
/// blocks are merged in block order, so its statistics equal those of a pass for it alone bit for bit. Members asked
/// to also return Σ wᵢ log max_k r_ik (the ICL's term) add it from the tile's responsibilities.
/// </summary>
internal sealed class CandidateBlockJob<TOps, TVec, T> : IBlockJob
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    private readonly TileSource<T> _source;
    private readonly PreparedMixture<T>[] _models;
    private readonly bool[] _classify;
    private readonly WorkspaceCache _workspaces;
    private readonly MixtureLayout _tileShape;
    private readonly CancellationToken _cancellation;
    private readonly TileWorkspace<T>[]?[] _members;
    private readonly double[][] _blockClassification;

    /// <summary>A pass of <paramref name="models"/> over <paramref name="source"/>.</summary>
    public CandidateBlockJob(
        TileSource<T> source, PreparedMixture<T>[] models, bool[] classify, MixtureLayout tileShape,
        WorkspaceCache workspaces, CancellationToken cancellation)
    {
        (_source, _models, _classify, _tileShape) = (source, models, classify, tileShape);
        (_workspaces, _cancellation) = (workspaces, cancellation);
        Totals = models.Select(m => new BlockStatistics(m.Layout)).ToArray();
        Classification = new double[models.Length];
        _members = new TileWorkspace<T>[]?[workspaces.Size];
        _blockClassification = Enumerable.Range(0, workspaces.Size).Select(_ => new double[models.Length]).ToArray();
        BlockCount = MixtureLayout.Blocks(source.Partition.RowCount);
    }

    /// <summary>Each member's statistics in the padded layout, complete once the run ends.</summary>
    public BlockStatistics[] Totals { get; }

    /// <summary>Each member's Σ wᵢ log max_k r_ik (0 where not asked), complete once the run ends.</summary>
    public double[] Classification { get; }

    /// <inheritdoc />
    public int BlockCount { get; }

    /// <inheritdoc />
    public void ComputeBlock(int block, int worker)
    {
        var all = _workspaces.Get(worker, w => w.TileShape == _tileShape, () => new CandidateWorkspaces<T>(_tileShape));
        var members = _members[worker] ??= all.For(_models.Select(m => m.Layout).ToArray());
        var loader = all.Loader;
        var classification = _blockClassification[worker];
        Array.Clear(classification);
        foreach (var ws in members)
        {
            ws.Block.Clear();
        }

        var first = (long)block * MixtureLayout.BlockRows;
        var end = Math.Min(first + MixtureLayout.BlockRows, _source.Partition.RowCount);
        for (var start = first; start < end; start += MixtureLayout.TileRows)
        {
            _cancellation.ThrowIfCancellationRequested();
            var n = (int)Math.Min(MixtureLayout.TileRows, end - start);
            _source.Load<TOps, TVec>((int)(start / MixtureLayout.TileRows), start, n, loader);
            for (var m = 0; m < members.Length; m++)
            {
                var ws = members[m];
                ws.UseTile(ref loader.Rows, ref loader.Columns);
                loader.RawWeights.CopyTo(ws.RawWeights, 0);
                loader.Weights.Span.CopyTo(ws.Weights.Span);
                MixtureTile<TOps, TVec, T>.Process(_models[m], ws, n);
                if (_classify[m])
                {
                    classification[m] += ClassificationTerm(_models[m].Layout.Components, ws, n);
                }
            }
        }
    }

    /// <inheritdoc />
    public void MergeBlock(int block, int worker)
    {
        var members = _members[worker]!;
        for (var m = 0; m < members.Length; m++)
        {
            Totals[m].Add(members[m].Block);
            Classification[m] += _blockClassification[worker][m];
        }

        _source.Merged(Math.Min((long)(block + 1) * MixtureLayout.BlockRows, _source.Partition.RowCount));
    }

    /// <summary>Σ_t w_t log(max_k ρ_tk / w_t) over the tile's rows, from the responsibilities ρ = w·r the kernels
    /// left in <c>ws.Norms</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ClassificationTerm(int k, TileWorkspace<T> ws, int n)
    {
        const int tile = MixtureLayout.TileRows;
        var rho = ws.Norms.Span;
        var weights = ws.Weights.Span;
        var sum = 0.0;
        for (var t = 0; t < n; t++)
        {
            var w = TOps.ToDouble(weights[t]);
            if (w == 0)
            {
                continue;
            }

            var max = 0.0;
            for (var c = 0; c < k; c++)
            {
                max = Math.Max(max, TOps.ToDouble(rho[(c * tile) + t]));
            }

            sum += ws.RawWeights[t] * Math.Log(max / w);
        }

        return sum;
    }
}
