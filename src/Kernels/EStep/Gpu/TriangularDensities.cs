using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Log-densities through the precision Cholesky for full and tied covariances, as a register-blocked
/// micro-GEMM per component: <c>Y_k = (X̃_tile − 1 μ̃_kᵀ) U_k</c> (<c>[T × D_p] · [D_p × D_p]</c>), then
/// <c>lp_ik = C'_k − ½ ‖Y_k[i, :]‖²</c> (scikit-learn's <c>_estimate_log_gaussian_prob</c>).
/// </summary>
/// <remarks>
/// One work item is (component k, 4 tile rows); it walks the columns in blocks of 4 and keeps a 4×4 block of
/// Y in registers (16 FMAs per 4 shared + 5 global/L1 loads). U_k is upper-triangular, so column block j only
/// needs rows l ≤ j+3: half the FLOPs of a dense product. The difference x̃ − μ̃ is formed before the product
/// (not x̃U − μ̃U) so nothing cancels in float32 when a component sits far from the partition mean.
/// Tied covariances pass precision stride 0 (every component reads the same U).
/// </remarks>
internal static class TriangularDensities
{
    /// <summary>Fills <c>lp [K × T]</c> in shared memory from the tile in <c>xs</c>.</summary>
    public static void ComputeLogDensities(GaussianTileArguments a, ArrayView<float> shared)
    {
        int t = a.TileRows, blocks = t / 4, items = a.Components * blocks;
        for (var e = Group.IdxX; e < items; e += Group.DimX)
        {
            var k = e / blocks;
            var r0 = (e - (k * blocks)) * 4;
            var q = SquaredNorms(a, shared, k, r0);
            var c = a.Constants[k];
            var o = a.LogProbabilityOffset + (k * t) + r0;
            shared[o] = c - (0.5f * q.X);
            shared[o + 1] = c - (0.5f * q.Y);
            shared[o + 2] = c - (0.5f * q.Z);
            shared[o + 3] = c - (0.5f * q.W);
        }
    }

    /// <summary>‖(x̃_r − μ̃_k) U_k‖² for the four tile rows r0..r0+3.</summary>
    private static Quad SquaredNorms(GaussianTileArguments a, ArrayView<float> shared, int k, int r0)
    {
        int dp = a.PaddedFeatures, stride = a.RowStride, u0 = k * a.PrecisionStride, m0 = k * dp;
        int x0 = r0 * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
        float q0 = 0f, q1 = 0f, q2 = 0f, q3 = 0f;
        for (var cb = 0; cb < dp; cb += 4)
        {
            Quad y0 = default, y1 = default, y2 = default, y3 = default;
            for (var l = 0; l <= cb + 3; l++)
            {
                var mu = a.Means[m0 + l];
                var u = Quad.Load(a.Precision, u0 + (l * dp) + cb);
                y0 = Quad.MulAdd(y0, shared[x0 + l] - mu, u);
                y1 = Quad.MulAdd(y1, shared[x1 + l] - mu, u);
                y2 = Quad.MulAdd(y2, shared[x2 + l] - mu, u);
                y3 = Quad.MulAdd(y3, shared[x3 + l] - mu, u);
            }

            q0 += Quad.SumOfSquares(y0);
            q1 += Quad.SumOfSquares(y1);
            q2 += Quad.SumOfSquares(y2);
            q3 += Quad.SumOfSquares(y3);
        }

        return new Quad(q0, q1, q2, q3);
    }
}
