using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// q_tk = Σ_j (x_tj s_jk + o_jk)² for every row t of a tile and every component k: with s = 1/σ and o = −μ/σ the
/// diagonal-covariance Mahalanobis distance. Where s = 1 (<c>unitScale</c>: spherical, whose 1/σ_k² multiplies q
/// afterwards, and tied, o = −μU applied to x U) the element is x + o, an add instead of an FMA: adds run on other
/// ports than FMAs (two of each on AMD Zen), so such a tile issues half the FMAs. Register-blocked as 4 registers of
/// rows × 4 components (16 accumulators); the linear form x·s − μ·s keeps float32 error proportional to |x|/σ, not
/// its square (as the expanded GEMM form would).
/// </summary>
internal static class DiagonalNormKernel
{
    /// <summary>
    /// Writes the log-densities ℓ_tk = b_k + h_k q_tk into <c>norms[k × TileRows + t]</c> for k &lt; K4 and
    /// max_k ℓ_tk into <c>maxima[t]</c>. <paramref name="columns"/>: x feature-major <c>[D × TileRows]</c>;
    /// <paramref name="scale"/> (read unless <paramref name="unitScale"/>), <paramref name="offset"/>:
    /// <c>[D × K4]</c>; <paramref name="bias"/>: b <c>[K4]</c> (−∞ for padding components);
    /// <paramref name="normScale"/>: h <c>[K4]</c> (−½, or −½/σ_k² for spherical).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec, T>(
        ref T columns, ref T scale, ref T offset, ref T bias, ref T normScale, int d, int k4, bool unitScale,
        ref T norms, ref T maxima)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        if (unitScale)
        {
            Run<TOps, TVec, T, UnitScale>(
                ref columns, ref scale, ref offset, ref bias, ref normScale, d, k4, ref norms, ref maxima);
        }
        else
        {
            Run<TOps, TVec, T, Scaled>(
                ref columns, ref scale, ref offset, ref bias, ref normScale, d, k4, ref norms, ref maxima);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOps, TVec, T, TForm>(
        ref T columns, ref T scale, ref T offset, ref T bias, ref T normScale, int d, int k4, ref T norms,
        ref T maxima)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
        where TForm : struct, IForm
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
                    p = TForm.Unit ? default : TOps.Broadcast(Unsafe.Add(ref sj, 0));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 0));
                    y = Element<TOps, TVec, T, TForm>(x0, p, m); a00 = TOps.MultiplyAdd(y, y, a00);
                    y = Element<TOps, TVec, T, TForm>(x1, p, m); a10 = TOps.MultiplyAdd(y, y, a10);
                    y = Element<TOps, TVec, T, TForm>(x2, p, m); a20 = TOps.MultiplyAdd(y, y, a20);
                    y = Element<TOps, TVec, T, TForm>(x3, p, m); a30 = TOps.MultiplyAdd(y, y, a30);
                    p = TForm.Unit ? default : TOps.Broadcast(Unsafe.Add(ref sj, 1));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 1));
                    y = Element<TOps, TVec, T, TForm>(x0, p, m); a01 = TOps.MultiplyAdd(y, y, a01);
                    y = Element<TOps, TVec, T, TForm>(x1, p, m); a11 = TOps.MultiplyAdd(y, y, a11);
                    y = Element<TOps, TVec, T, TForm>(x2, p, m); a21 = TOps.MultiplyAdd(y, y, a21);
                    y = Element<TOps, TVec, T, TForm>(x3, p, m); a31 = TOps.MultiplyAdd(y, y, a31);
                    p = TForm.Unit ? default : TOps.Broadcast(Unsafe.Add(ref sj, 2));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 2));
                    y = Element<TOps, TVec, T, TForm>(x0, p, m); a02 = TOps.MultiplyAdd(y, y, a02);
                    y = Element<TOps, TVec, T, TForm>(x1, p, m); a12 = TOps.MultiplyAdd(y, y, a12);
                    y = Element<TOps, TVec, T, TForm>(x2, p, m); a22 = TOps.MultiplyAdd(y, y, a22);
                    y = Element<TOps, TVec, T, TForm>(x3, p, m); a32 = TOps.MultiplyAdd(y, y, a32);
                    p = TForm.Unit ? default : TOps.Broadcast(Unsafe.Add(ref sj, 3));
                    m = TOps.Broadcast(Unsafe.Add(ref oj, 3));
                    y = Element<TOps, TVec, T, TForm>(x0, p, m); a03 = TOps.MultiplyAdd(y, y, a03);
                    y = Element<TOps, TVec, T, TForm>(x1, p, m); a13 = TOps.MultiplyAdd(y, y, a13);
                    y = Element<TOps, TVec, T, TForm>(x2, p, m); a23 = TOps.MultiplyAdd(y, y, a23);
                    y = Element<TOps, TVec, T, TForm>(x3, p, m); a33 = TOps.MultiplyAdd(y, y, a33);
                    x = ref Unsafe.Add(ref x, tile);
                    sj = ref Unsafe.Add(ref sj, k4);
                    oj = ref Unsafe.Add(ref oj, k4);
                }

                var b0 = TOps.Broadcast(Unsafe.Add(ref bias, k0 + 0));
                var b1 = TOps.Broadcast(Unsafe.Add(ref bias, k0 + 1));
                var b2 = TOps.Broadcast(Unsafe.Add(ref bias, k0 + 2));
                var b3 = TOps.Broadcast(Unsafe.Add(ref bias, k0 + 3));
                var h0 = TOps.Broadcast(Unsafe.Add(ref normScale, k0 + 0));
                var h1 = TOps.Broadcast(Unsafe.Add(ref normScale, k0 + 1));
                var h2 = TOps.Broadcast(Unsafe.Add(ref normScale, k0 + 2));
                var h3 = TOps.Broadcast(Unsafe.Add(ref normScale, k0 + 3));
                ref var q0 = ref Unsafe.Add(ref norms, ((k0 + 0) * tile) + g);
                a00 = TOps.MultiplyAdd(a00, h0, b0);
                TOps.Store(a00, ref Unsafe.Add(ref q0, 0 * w));
                a10 = TOps.MultiplyAdd(a10, h0, b0);
                TOps.Store(a10, ref Unsafe.Add(ref q0, 1 * w));
                a20 = TOps.MultiplyAdd(a20, h0, b0);
                TOps.Store(a20, ref Unsafe.Add(ref q0, 2 * w));
                a30 = TOps.MultiplyAdd(a30, h0, b0);
                TOps.Store(a30, ref Unsafe.Add(ref q0, 3 * w));
                ref var q1 = ref Unsafe.Add(ref norms, ((k0 + 1) * tile) + g);
                a01 = TOps.MultiplyAdd(a01, h1, b1);
                TOps.Store(a01, ref Unsafe.Add(ref q1, 0 * w));
                a11 = TOps.MultiplyAdd(a11, h1, b1);
                TOps.Store(a11, ref Unsafe.Add(ref q1, 1 * w));
                a21 = TOps.MultiplyAdd(a21, h1, b1);
                TOps.Store(a21, ref Unsafe.Add(ref q1, 2 * w));
                a31 = TOps.MultiplyAdd(a31, h1, b1);
                TOps.Store(a31, ref Unsafe.Add(ref q1, 3 * w));
                ref var q2 = ref Unsafe.Add(ref norms, ((k0 + 2) * tile) + g);
                a02 = TOps.MultiplyAdd(a02, h2, b2);
                TOps.Store(a02, ref Unsafe.Add(ref q2, 0 * w));
                a12 = TOps.MultiplyAdd(a12, h2, b2);
                TOps.Store(a12, ref Unsafe.Add(ref q2, 1 * w));
                a22 = TOps.MultiplyAdd(a22, h2, b2);
                TOps.Store(a22, ref Unsafe.Add(ref q2, 2 * w));
                a32 = TOps.MultiplyAdd(a32, h2, b2);
                TOps.Store(a32, ref Unsafe.Add(ref q2, 3 * w));
                ref var q3 = ref Unsafe.Add(ref norms, ((k0 + 3) * tile) + g);
                a03 = TOps.MultiplyAdd(a03, h3, b3);
                TOps.Store(a03, ref Unsafe.Add(ref q3, 0 * w));
                a13 = TOps.MultiplyAdd(a13, h3, b3);
                TOps.Store(a13, ref Unsafe.Add(ref q3, 1 * w));
                a23 = TOps.MultiplyAdd(a23, h3, b3);
                TOps.Store(a23, ref Unsafe.Add(ref q3, 2 * w));
                a33 = TOps.MultiplyAdd(a33, h3, b3);
                TOps.Store(a33, ref Unsafe.Add(ref q3, 3 * w));
                var m0 = TOps.Max(TOps.Max(a00, a01), TOps.Max(a02, a03));
                ref var max0 = ref Unsafe.Add(ref maxima, g + (0 * w));
                TOps.Store(k0 == 0 ? m0 : TOps.Max(m0, TOps.Load(ref max0)), ref max0);
                var m1 = TOps.Max(TOps.Max(a10, a11), TOps.Max(a12, a13));
                ref var max1 = ref Unsafe.Add(ref maxima, g + (1 * w));
                TOps.Store(k0 == 0 ? m1 : TOps.Max(m1, TOps.Load(ref max1)), ref max1);
                var m2 = TOps.Max(TOps.Max(a20, a21), TOps.Max(a22, a23));
                ref var max2 = ref Unsafe.Add(ref maxima, g + (2 * w));
                TOps.Store(k0 == 0 ? m2 : TOps.Max(m2, TOps.Load(ref max2)), ref max2);
                var m3 = TOps.Max(TOps.Max(a30, a31), TOps.Max(a32, a33));
                ref var max3 = ref Unsafe.Add(ref maxima, g + (3 * w));
                TOps.Store(k0 == 0 ? m3 : TOps.Max(m3, TOps.Load(ref max3)), ref max3);
            }
        }
    }

    /// <summary>x s + o, or x + o for the unit-scale form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Element<TOps, TVec, T, TForm>(TVec x, TVec s, TVec o)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
        where TForm : struct, IForm => TForm.Unit ? TOps.Add(x, o) : TOps.MultiplyAdd(x, s, o);

    /// <summary>Whether every s is 1, fixed when the kernel is compiled.</summary>
    private interface IForm
    {
        static abstract bool Unit { get; }
    }

    private readonly struct UnitScale : IForm
    {
        public static bool Unit => true;
    }

    private readonly struct Scaled : IForm
    {
        public static bool Unit => false;
    }
}
