using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// q_tk = Σ_j (x_tj s_jk + o_jk)² for every row t of a tile and every component k: with s = 1/σ and o = −μ/σ the
/// diagonal-covariance Mahalanobis distance, with s = 1 and o = −μU applied to x U the tied one. Register-blocked
/// as 4 registers of rows × 4 components (16 accumulators), two FMAs per element; the linear form
/// x·s − μ·s keeps float32 error proportional to |x|/σ, not its square (as the expanded GEMM form would).
/// </summary>
internal static class DiagonalNormKernel
{
    /// <summary>
    /// Writes q into <c>norms[k × TileRows + t]</c> for k &lt; K4. <paramref name="columns"/>: x feature-major
    /// <c>[D × TileRows]</c>; <paramref name="scale"/>, <paramref name="offset"/>: <c>[D × K4]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec, T>(ref T columns, ref T scale, ref T offset, int d, int k4, ref T norms)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var w = TOps.Width;
        for (var g = 0; g < tile; g += 4 * w)
        {
            for (var k0 = 0; k0 < k4; k0 += 4)
            {
                TVec a00 = TOps.Zero; TVec a01 = TOps.Zero; TVec a02 = TOps.Zero; TVec a03 = TOps.Zero;
                TVec a10 = TOps.Zero; TVec a11 = TOps.Zero; TVec a12 = TOps.Zero; TVec a13 = TOps.Zero;
                TVec a20 = TOps.Zero; TVec a21 = TOps.Zero; TVec a22 = TOps.Zero; TVec a23 = TOps.Zero;
                TVec a30 = TOps.Zero; TVec a31 = TOps.Zero; TVec a32 = TOps.Zero; TVec a33 = TOps.Zero;
                ref var x = ref Unsafe.Add(ref columns, g);
                ref var sj = ref Unsafe.Add(ref scale, k0);
                ref var oj = ref Unsafe.Add(ref offset, k0);
                for (var j = 0; j < d; j++)
                {
                    var x0 = TOps.Load(ref Unsafe.Add(ref x, 0 * w));
                    var x1 = TOps.Load(ref Unsafe.Add(ref x, 1 * w));
                    var x2 = TOps.Load(ref Unsafe.Add(ref x, 2 * w));
                    var x3 = TOps.Load(ref Unsafe.Add(ref x, 3 * w));
                    TVec p, m, y;
                    p = TOps.Broadcast(Unsafe.Add(ref sj, 0));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 0));
                    y = TOps.MultiplyAdd(x0, p, m); a00 = TOps.MultiplyAdd(y, y, a00);
                    y = TOps.MultiplyAdd(x1, p, m); a10 = TOps.MultiplyAdd(y, y, a10);
                    y = TOps.MultiplyAdd(x2, p, m); a20 = TOps.MultiplyAdd(y, y, a20);
                    y = TOps.MultiplyAdd(x3, p, m); a30 = TOps.MultiplyAdd(y, y, a30);
                    p = TOps.Broadcast(Unsafe.Add(ref sj, 1));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 1));
                    y = TOps.MultiplyAdd(x0, p, m); a01 = TOps.MultiplyAdd(y, y, a01);
                    y = TOps.MultiplyAdd(x1, p, m); a11 = TOps.MultiplyAdd(y, y, a11);
                    y = TOps.MultiplyAdd(x2, p, m); a21 = TOps.MultiplyAdd(y, y, a21);
                    y = TOps.MultiplyAdd(x3, p, m); a31 = TOps.MultiplyAdd(y, y, a31);
                    p = TOps.Broadcast(Unsafe.Add(ref sj, 2));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 2));
                    y = TOps.MultiplyAdd(x0, p, m); a02 = TOps.MultiplyAdd(y, y, a02);
                    y = TOps.MultiplyAdd(x1, p, m); a12 = TOps.MultiplyAdd(y, y, a12);
                    y = TOps.MultiplyAdd(x2, p, m); a22 = TOps.MultiplyAdd(y, y, a22);
                    y = TOps.MultiplyAdd(x3, p, m); a32 = TOps.MultiplyAdd(y, y, a32);
                    p = TOps.Broadcast(Unsafe.Add(ref sj, 3));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 3));
                    y = TOps.MultiplyAdd(x0, p, m); a03 = TOps.MultiplyAdd(y, y, a03);
                    y = TOps.MultiplyAdd(x1, p, m); a13 = TOps.MultiplyAdd(y, y, a13);
                    y = TOps.MultiplyAdd(x2, p, m); a23 = TOps.MultiplyAdd(y, y, a23);
                    y = TOps.MultiplyAdd(x3, p, m); a33 = TOps.MultiplyAdd(y, y, a33);
                    x = ref Unsafe.Add(ref x, tile);
                    sj = ref Unsafe.Add(ref sj, k4);
                    oj = ref Unsafe.Add(ref oj, k4);
                }

                ref var q0 = ref Unsafe.Add(ref norms, ((k0 + 0) * tile) + g);
                TOps.Store(a00, ref Unsafe.Add(ref q0, 0 * w));
                TOps.Store(a10, ref Unsafe.Add(ref q0, 1 * w));
                TOps.Store(a20, ref Unsafe.Add(ref q0, 2 * w));
                TOps.Store(a30, ref Unsafe.Add(ref q0, 3 * w));
                ref var q1 = ref Unsafe.Add(ref norms, ((k0 + 1) * tile) + g);
                TOps.Store(a01, ref Unsafe.Add(ref q1, 0 * w));
                TOps.Store(a11, ref Unsafe.Add(ref q1, 1 * w));
                TOps.Store(a21, ref Unsafe.Add(ref q1, 2 * w));
                TOps.Store(a31, ref Unsafe.Add(ref q1, 3 * w));
                ref var q2 = ref Unsafe.Add(ref norms, ((k0 + 2) * tile) + g);
                TOps.Store(a02, ref Unsafe.Add(ref q2, 0 * w));
                TOps.Store(a12, ref Unsafe.Add(ref q2, 1 * w));
                TOps.Store(a22, ref Unsafe.Add(ref q2, 2 * w));
                TOps.Store(a32, ref Unsafe.Add(ref q2, 3 * w));
                ref var q3 = ref Unsafe.Add(ref norms, ((k0 + 3) * tile) + g);
                TOps.Store(a03, ref Unsafe.Add(ref q3, 0 * w));
                TOps.Store(a13, ref Unsafe.Add(ref q3, 1 * w));
                TOps.Store(a23, ref Unsafe.Add(ref q3, 2 * w));
                TOps.Store(a33, ref Unsafe.Add(ref q3, 3 * w));
            }
        }
    }
}
