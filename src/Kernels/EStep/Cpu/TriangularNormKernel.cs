using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// ‖y_t‖² with y_t = z_t U + y⁰ for every row t of a tile, U upper-triangular <c>[D × H]</c> (zero below the
/// diagonal and in the padding columns): a small triangular GEMM, register-blocked as 3 registers of rows × 8
/// columns of U (24 accumulators), so each loaded register of z feeds 8 FMAs and each broadcast of U feeds 3.
/// Column block j₀ only needs rows i &lt; j₀ + 8 of U (the triangle).
/// </summary>
internal static class TriangularNormKernel
{
    /// <summary>
    /// Adds ‖z_t U + y⁰‖² to <c>norms[t]</c> for t in [0, TileRows). <paramref name="columns"/>: z feature-major
    /// <c>[D × TileRows]</c>; <paramref name="u"/>: <c>[D × H]</c>; <paramref name="yStartAll"/>: y⁰ <c>[H]</c>;
    /// <paramref name="yOut"/>: when <paramref name="storeY"/>, receives y feature-major <c>[H × TileRows]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec, T>(
        ref T columns, ref T u, ref T yStartAll, int d, int h, ref T norms, bool storeY, ref T yOut)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var w = TOps.Width;
        for (var g = 0; g < tile; g += 3 * w)
        {
            for (var j0 = 0; j0 < h; j0 += 8)
            {
                ref var yStart = ref Unsafe.Add(ref yStartAll, j0);
                var b0 = TOps.Broadcast(Unsafe.Add(ref yStart, 0));
                var b1 = TOps.Broadcast(Unsafe.Add(ref yStart, 1));
                var b2 = TOps.Broadcast(Unsafe.Add(ref yStart, 2));
                var b3 = TOps.Broadcast(Unsafe.Add(ref yStart, 3));
                var b4 = TOps.Broadcast(Unsafe.Add(ref yStart, 4));
                var b5 = TOps.Broadcast(Unsafe.Add(ref yStart, 5));
                var b6 = TOps.Broadcast(Unsafe.Add(ref yStart, 6));
                var b7 = TOps.Broadcast(Unsafe.Add(ref yStart, 7));
                TVec a00 = b0; TVec a01 = b1; TVec a02 = b2; TVec a03 = b3;
                TVec a04 = b4; TVec a05 = b5; TVec a06 = b6; TVec a07 = b7;
                TVec a10 = b0; TVec a11 = b1; TVec a12 = b2; TVec a13 = b3;
                TVec a14 = b4; TVec a15 = b5; TVec a16 = b6; TVec a17 = b7;
                TVec a20 = b0; TVec a21 = b1; TVec a22 = b2; TVec a23 = b3;
                TVec a24 = b4; TVec a25 = b5; TVec a26 = b6; TVec a27 = b7;
                var rowsNeeded = Math.Min(d, j0 + 8);
                ref var z = ref Unsafe.Add(ref columns, g);
                ref var ui = ref Unsafe.Add(ref u, j0);
                for (var i = 0; i < rowsNeeded; i++)
                {
                    var x0 = TOps.Load(ref z);
                    var x1 = TOps.Load(ref Unsafe.Add(ref z, w));
                    var x2 = TOps.Load(ref Unsafe.Add(ref z, 2 * w));
                    TVec c;
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 0));
                    a00 = TOps.MultiplyAdd(x0, c, a00);
                    a10 = TOps.MultiplyAdd(x1, c, a10);
                    a20 = TOps.MultiplyAdd(x2, c, a20);
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 1));
                    a01 = TOps.MultiplyAdd(x0, c, a01);
                    a11 = TOps.MultiplyAdd(x1, c, a11);
                    a21 = TOps.MultiplyAdd(x2, c, a21);
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 2));
                    a02 = TOps.MultiplyAdd(x0, c, a02);
                    a12 = TOps.MultiplyAdd(x1, c, a12);
                    a22 = TOps.MultiplyAdd(x2, c, a22);
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 3));
                    a03 = TOps.MultiplyAdd(x0, c, a03);
                    a13 = TOps.MultiplyAdd(x1, c, a13);
                    a23 = TOps.MultiplyAdd(x2, c, a23);
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 4));
                    a04 = TOps.MultiplyAdd(x0, c, a04);
                    a14 = TOps.MultiplyAdd(x1, c, a14);
                    a24 = TOps.MultiplyAdd(x2, c, a24);
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 5));
                    a05 = TOps.MultiplyAdd(x0, c, a05);
                    a15 = TOps.MultiplyAdd(x1, c, a15);
                    a25 = TOps.MultiplyAdd(x2, c, a25);
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 6));
                    a06 = TOps.MultiplyAdd(x0, c, a06);
                    a16 = TOps.MultiplyAdd(x1, c, a16);
                    a26 = TOps.MultiplyAdd(x2, c, a26);
                    c = TOps.Broadcast(Unsafe.Add(ref ui, 7));
                    a07 = TOps.MultiplyAdd(x0, c, a07);
                    a17 = TOps.MultiplyAdd(x1, c, a17);
                    a27 = TOps.MultiplyAdd(x2, c, a27);
                    z = ref Unsafe.Add(ref z, tile);
                    ui = ref Unsafe.Add(ref ui, h);
                }

                if (storeY)
                {
                    ref var y0 = ref Unsafe.Add(ref yOut, (j0 * tile) + g + (0 * w));
                    TOps.Store(a00, ref Unsafe.Add(ref y0, 0 * tile));
                    TOps.Store(a01, ref Unsafe.Add(ref y0, 1 * tile));
                    TOps.Store(a02, ref Unsafe.Add(ref y0, 2 * tile));
                    TOps.Store(a03, ref Unsafe.Add(ref y0, 3 * tile));
                    TOps.Store(a04, ref Unsafe.Add(ref y0, 4 * tile));
                    TOps.Store(a05, ref Unsafe.Add(ref y0, 5 * tile));
                    TOps.Store(a06, ref Unsafe.Add(ref y0, 6 * tile));
                    TOps.Store(a07, ref Unsafe.Add(ref y0, 7 * tile));
                    ref var y1 = ref Unsafe.Add(ref yOut, (j0 * tile) + g + (1 * w));
                    TOps.Store(a10, ref Unsafe.Add(ref y1, 0 * tile));
                    TOps.Store(a11, ref Unsafe.Add(ref y1, 1 * tile));
                    TOps.Store(a12, ref Unsafe.Add(ref y1, 2 * tile));
                    TOps.Store(a13, ref Unsafe.Add(ref y1, 3 * tile));
                    TOps.Store(a14, ref Unsafe.Add(ref y1, 4 * tile));
                    TOps.Store(a15, ref Unsafe.Add(ref y1, 5 * tile));
                    TOps.Store(a16, ref Unsafe.Add(ref y1, 6 * tile));
                    TOps.Store(a17, ref Unsafe.Add(ref y1, 7 * tile));
                    ref var y2 = ref Unsafe.Add(ref yOut, (j0 * tile) + g + (2 * w));
                    TOps.Store(a20, ref Unsafe.Add(ref y2, 0 * tile));
                    TOps.Store(a21, ref Unsafe.Add(ref y2, 1 * tile));
                    TOps.Store(a22, ref Unsafe.Add(ref y2, 2 * tile));
                    TOps.Store(a23, ref Unsafe.Add(ref y2, 3 * tile));
                    TOps.Store(a24, ref Unsafe.Add(ref y2, 4 * tile));
                    TOps.Store(a25, ref Unsafe.Add(ref y2, 5 * tile));
                    TOps.Store(a26, ref Unsafe.Add(ref y2, 6 * tile));
                    TOps.Store(a27, ref Unsafe.Add(ref y2, 7 * tile));
                }

                ref var q0 = ref Unsafe.Add(ref norms, g + (0 * w));
                var s0 = TOps.Load(ref q0);
                s0 = TOps.MultiplyAdd(a00, a00, s0);
                s0 = TOps.MultiplyAdd(a01, a01, s0);
                s0 = TOps.MultiplyAdd(a02, a02, s0);
                s0 = TOps.MultiplyAdd(a03, a03, s0);
                s0 = TOps.MultiplyAdd(a04, a04, s0);
                s0 = TOps.MultiplyAdd(a05, a05, s0);
                s0 = TOps.MultiplyAdd(a06, a06, s0);
                s0 = TOps.MultiplyAdd(a07, a07, s0);
                TOps.Store(s0, ref q0);
                ref var q1 = ref Unsafe.Add(ref norms, g + (1 * w));
                var s1 = TOps.Load(ref q1);
                s1 = TOps.MultiplyAdd(a10, a10, s1);
                s1 = TOps.MultiplyAdd(a11, a11, s1);
                s1 = TOps.MultiplyAdd(a12, a12, s1);
                s1 = TOps.MultiplyAdd(a13, a13, s1);
                s1 = TOps.MultiplyAdd(a14, a14, s1);
                s1 = TOps.MultiplyAdd(a15, a15, s1);
                s1 = TOps.MultiplyAdd(a16, a16, s1);
                s1 = TOps.MultiplyAdd(a17, a17, s1);
                TOps.Store(s1, ref q1);
                ref var q2 = ref Unsafe.Add(ref norms, g + (2 * w));
                var s2 = TOps.Load(ref q2);
                s2 = TOps.MultiplyAdd(a20, a20, s2);
                s2 = TOps.MultiplyAdd(a21, a21, s2);
                s2 = TOps.MultiplyAdd(a22, a22, s2);
                s2 = TOps.MultiplyAdd(a23, a23, s2);
                s2 = TOps.MultiplyAdd(a24, a24, s2);
                s2 = TOps.MultiplyAdd(a25, a25, s2);
                s2 = TOps.MultiplyAdd(a26, a26, s2);
                s2 = TOps.MultiplyAdd(a27, a27, s2);
                TOps.Store(s2, ref q2);
            }
        }
    }
}
