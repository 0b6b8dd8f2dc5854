using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The Gaussian-mixture E-step kernels: one fused kernel per covariance family and one deterministic
/// reduction. A tile kernel runs one thread group per row tile (grid-stride over tiles, so each group owns
/// tiles g, g + G, g + 2G, …): load the tile into shared memory, log-densities, log-sum-exp responsibilities,
/// then the moments, all tile-local (no N×K array in device memory), added in float64 to the group's own
/// partials. <see cref="SumBlockPartialsKernel"/> then adds the groups' partials in group order.
/// </summary>
/// <remarks>Kernels take value types only, never throw and never allocate (ILGPU style).</remarks>
internal static class GaussianTileKernels
{
    /// <summary>Full covariances: per-component triangular densities and per-component S2 micro-GEMMs.</summary>
    public static void AccumulateFullCovarianceKernel(GaussianTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<float>();
        var partialBase = Grid.IdxX * a.PartialLength;
        var tiles = (a.RowCount + a.TileRows - 1) / a.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            TileSteps.LoadTile(a, shared, tile);
            Group.Barrier();
            TriangularDensities.ComputeLogDensities(a, shared);
            Group.Barrier();
            TileSteps.ComputeResponsibilities(a, shared);
            Group.Barrier();
            ScatterSteps.AddFirstMoments(a, shared, partialBase);
            ScatterSteps.AddFullScatter(a, shared, partialBase);
            AddLikelihoodOnLastThread(a, shared, partialBase);
            Group.Barrier();
        }
    }

    /// <summary>Tied covariance: the triangular densities with one shared U, and one w-weighted S2.</summary>
    public static void AccumulateTiedCovarianceKernel(GaussianTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<float>();
        var partialBase = Grid.IdxX * a.PartialLength;
        var tiles = (a.RowCount + a.TileRows - 1) / a.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            TileSteps.LoadTile(a, shared, tile);
            Group.Barrier();
            TriangularDensities.ComputeLogDensities(a, shared);
            Group.Barrier();
            TileSteps.ComputeResponsibilities(a, shared);
            Group.Barrier();
            ScatterSteps.AddFirstMoments(a, shared, partialBase);
            ScatterSteps.AddTiedScatter(a, shared, partialBase);
            AddLikelihoodOnLastThread(a, shared, partialBase);
            Group.Barrier();
        }
    }

    /// <summary>Diagonal and spherical covariances.</summary>
    public static void AccumulateDiagonalCovarianceKernel(GaussianTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<float>();
        var partialBase = Grid.IdxX * a.PartialLength;
        var tiles = (a.RowCount + a.TileRows - 1) / a.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            TileSteps.LoadTile(a, shared, tile);
            Group.Barrier();
            DiagonalSteps.ComputeLogDensities(a, shared);
            Group.Barrier();
            TileSteps.ComputeResponsibilities(a, shared);
            Group.Barrier();
            DiagonalSteps.AddMoments(a, shared, partialBase);
            AddLikelihoodOnLastThread(a, shared, partialBase);
            Group.Barrier();
        }
    }

    /// <summary>
    /// Second stage: <c>totals[e] = Σ_{b = 0..blocks−1} partials[b·L + e]</c> in block order, one thread per
    /// entry, float64 — the same additions in the same order on every run.
    /// </summary>
    public static void SumBlockPartialsKernel(
        Index1D e, ArrayView<double> partials, ArrayView<double> totals, int blocks)
    {
        var length = (int)totals.Length;
        var sum = 0.0;
        for (var b = 0; b < blocks; b++)
        {
            sum += partials[(b * length) + e];
        }

        totals[e] = sum;
    }

    private static void AddLikelihoodOnLastThread(GaussianTileArguments a, ArrayView<float> shared, int partialBase)
    {
        if (Group.IdxX == Group.DimX - 1)
        {
            TileSteps.AddTileLikelihood(a, shared, partialBase);
        }
    }
}
