using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The HMM statistics kernels, data-parallel over the rows of a batch after <see cref="ForwardBackwardKernels"/>:
/// one thread group per tile of R rows (grid-stride over tiles, so group g owns tiles g, g + G, … in every
/// batch) loads α̂ and w, forms γ (<see cref="HmmTileSteps"/>), and adds the tile's expected counts, Z = Σ α̂ wᵀ
/// and the shifted moments to its own float64 partial slice (<see cref="HmmMomentSteps"/>). Every partial entry
/// has one owner thread per group, so the order of additions is fixed; the groups' slices are then added in
/// group order by <see cref="GaussianTileKernels.SumBlockPartialsKernel"/>. No atomics.
/// </summary>
internal static class HmmStatisticsKernels
{
    /// <summary>Diagonal covariances: counts, S1 and per-feature S2.</summary>
    public static void AccumulateDiagonalStatisticsKernel(HmmTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<double>();
        var partialBase = Grid.IdxX * a.Shape.PartialLength;
        var tiles = (a.RowCount + a.Shape.TileRows - 1) / a.Shape.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            PreparePosteriors(a, shared, tile);
            HmmMomentSteps.AddExpectedCounts(a, shared, partialBase, tile);
            HmmMomentSteps.AddDiagonalMoments(a, shared, partialBase);
            Group.Barrier();
        }
    }

    /// <summary>Full covariances: counts, S1 and the lower triangle of each S2 block.</summary>
    public static void AccumulateFullStatisticsKernel(HmmTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<double>();
        var partialBase = Grid.IdxX * a.Shape.PartialLength;
        var tiles = (a.RowCount + a.Shape.TileRows - 1) / a.Shape.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            PreparePosteriors(a, shared, tile);
            HmmMomentSteps.AddExpectedCounts(a, shared, partialBase, tile);
            HmmMomentSteps.AddFirstMoments(a, shared, partialBase);
            HmmMomentSteps.AddFullScatter(a, shared, partialBase);
            Group.Barrier();
        }
    }

    /// <summary>Categorical emissions: counts and the expected symbol counts per state.</summary>
    public static void AccumulateCategoricalStatisticsKernel(HmmTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<double>();
        var partialBase = Grid.IdxX * a.Shape.PartialLength;
        var tiles = (a.RowCount + a.Shape.TileRows - 1) / a.Shape.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            PreparePosteriors(a, shared, tile);
            HmmMomentSteps.AddExpectedCounts(a, shared, partialBase, tile);
            HmmMomentSteps.AddSymbolCounts(a, shared, partialBase);
            Group.Barrier();
        }
    }

    /// <summary>Loads the tile and leaves the normalised γ in shared memory (ends with a barrier).</summary>
    private static void PreparePosteriors(HmmTileArguments a, ArrayView<double> shared, int tile)
    {
        HmmTileSteps.LoadTile(a, shared, tile);
        Group.Barrier();
        HmmTileSteps.ComputePosteriors(a, shared);
        Group.Barrier();
        HmmTileSteps.NormalisePosteriors(a, shared);
        Group.Barrier();
    }
}
