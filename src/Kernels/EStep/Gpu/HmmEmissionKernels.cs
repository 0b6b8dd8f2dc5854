using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The HMM emission kernels, data-parallel over every (step, state) of a batch: one thread group per tile of R
/// rows (grid-stride over tiles) loads the tile into shared memory, computes log b_s(x_t) for every (row, state)
/// item, then the row maxima m_t and the shifted emissions e_t(s) = exp(log b_s(x_t) − m_t) that
/// <see cref="ForwardBackwardKernels"/> consumes (Rabiner's scaling with the shift of
/// <see cref="Hmm.ForwardBackward"/>, so densities far below 1e−308 cannot underflow). Writes the workspace's
/// emissions and m_t into its terms. Float64 throughout, the reference's formulas term by term.
/// </summary>
/// <remarks>
/// Gaussian: log b_s(x) = Σ log diag(U_s) − ½(D log 2π + ‖(x − μ_s) U_s‖²) in the centred frame
/// (x̃ − μ̃_s = x − μ_s); diag U_s = diag(1/σ_s). Categorical: log B[s, x_t]. Work per tile: O(R·S·D) diag,
/// O(R·S·D²/2) full, O(R·S) categorical.
/// </remarks>
internal static class HmmEmissionKernels
{
    /// <summary>Diagonal covariances.</summary>
    public static void ComputeDiagonalEmissionsKernel(HmmTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<double>();
        var tiles = (a.RowCount + a.Shape.TileRows - 1) / a.Shape.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            HmmTileSteps.LoadRows(a, shared, tile);
            Group.Barrier();
            int s = a.Shape.States, d = a.Shape.Features;
            for (var e = Group.IdxX; e < a.Shape.TileRows * s; e += Group.DimX)
            {
                var i = e / s;
                var c = e - (i * s);
                var q = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var y = (shared[(i * d) + j] - a.Model.Means[(c * d) + j]) * a.Model.Precision[(c * d) + j];
                    q += y * y;
                }

                shared[a.SecondOffset + e] = a.Model.Constants[c] - (0.5 * (a.Shape.FeatureLog2Pi + q));
            }

            Group.Barrier();
            ShiftAndExponentiate(a, shared, tile);
        }
    }

    /// <summary>Full covariances: y_j = Σ_{l≤j} (x̃_l − μ̃_sl) U_s[l, j] (U upper-triangular).</summary>
    public static void ComputeFullEmissionsKernel(HmmTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<double>();
        var tiles = (a.RowCount + a.Shape.TileRows - 1) / a.Shape.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            HmmTileSteps.LoadRows(a, shared, tile);
            Group.Barrier();
            int s = a.Shape.States, d = a.Shape.Features;
            for (var e = Group.IdxX; e < a.Shape.TileRows * s; e += Group.DimX)
            {
                var i = e / s;
                var c = e - (i * s);
                int x0 = i * d, m0 = c * d, u0 = c * d * d;
                var q = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var y = 0.0;
                    for (var l = 0; l <= j; l++)
                    {
                        y += (shared[x0 + l] - a.Model.Means[m0 + l]) * a.Model.Precision[u0 + (l * d) + j];
                    }

                    q += y * y;
                }

                shared[a.SecondOffset + e] = a.Model.Constants[c] - (0.5 * (a.Shape.FeatureLog2Pi + q));
            }

            Group.Barrier();
            ShiftAndExponentiate(a, shared, tile);
        }
    }

    /// <summary>Categorical emissions: log B[s, x_t], the symbol decoded from the centred row.</summary>
    public static void ComputeCategoricalEmissionsKernel(HmmTileArguments a)
    {
        var shared = SharedMemory.GetDynamic<double>();
        var tiles = (a.RowCount + a.Shape.TileRows - 1) / a.Shape.TileRows;
        for (var tile = Grid.IdxX; tile < tiles; tile += Grid.DimX)
        {
            HmmTileSteps.LoadRows(a, shared, tile);
            Group.Barrier();
            int s = a.Shape.States, m = a.Shape.Symbols;
            for (var e = Group.IdxX; e < a.Shape.TileRows * s; e += Group.DimX)
            {
                var i = e / s;
                var c = e - (i * s);
                var symbol = HmmTileSteps.Symbol(a, shared[i]);
                shared[a.SecondOffset + e] = symbol >= 0 && symbol < m
                    ? a.Model.LogEmissions[(c * m) + symbol]
                    : double.NegativeInfinity;
            }

            Group.Barrier();
            ShiftAndExponentiate(a, shared, tile);
        }
    }

    /// <summary>
    /// m_t = max_s log b_s(x_t) per row (into the terms), then e_t(s) = exp(log b − m_t), 0 where log b = −∞ or
    /// m_t = −∞ (as the reference). Ends with a barrier, so the next tile may overwrite shared memory.
    /// </summary>
    private static void ShiftAndExponentiate(HmmTileArguments a, ArrayView<double> shared, int tile)
    {
        int s = a.Shape.States, r = a.Shape.TileRows, first = tile * r;
        for (var i = Group.IdxX; i < r; i += Group.DimX)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < s; c++)
            {
                var v = shared[a.SecondOffset + (i * s) + c];
                max = v > max ? v : max;
            }

            shared[a.RowValuesOffset + i] = max;
            if (first + i < a.RowCount)
            {
                a.Work.Terms[first + i] = max;
            }
        }

        Group.Barrier();
        for (var e = Group.IdxX; e < r * s; e += Group.DimX)
        {
            var i = e / s;
            var row = first + i;
            if (row < a.RowCount)
            {
                var max = shared[a.RowValuesOffset + i];
                var v = shared[a.SecondOffset + e];
                var usable = max != double.NegativeInfinity && v != double.NegativeInfinity;
                a.Work.Emissions[(first * s) + e] = usable ? DeviceMath.Exp(v - max) : 0.0;
            }
        }

        Group.Barrier();
    }
}
