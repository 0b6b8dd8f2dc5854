using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The per-component pieces of the statistics for one tile: centring (ẑ = x' − ĉ_k in either layout),
/// N_k = Σ ρ, Ŝ1_k = Σ ρ ẑ, and the second moments (SYRK-like for full and tied, element-wise for diag).
/// Sums over the tile stay in registers of the element type and are widened once into float64.
/// </summary>
internal static class MomentKernels
{
    /// <summary>
    /// Feature-major <c>scaled[i, t] = (columns[i, t] − centre[i]) · factor[t]</c> for i &lt; D and every row of
    /// the tile (factor omitted when <paramref name="useFactor"/> is false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CentreColumns<TOps, TVec, T>(
        ref T columns, ref T centre, int d, ref T factor, bool useFactor, ref T scaled)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var w = TOps.Width;
        for (var i = 0; i < d; i++)
        {
            var c = TOps.Broadcast(Unsafe.Add(ref centre, i));
            ref var source = ref Unsafe.Add(ref columns, i * tile);
            ref var target = ref Unsafe.Add(ref scaled, i * tile);
            for (var v = 0; v < tile; v += w)
            {
                var z = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref source, v)), c);
                if (useFactor)
                {
                    z = TOps.Multiply(z, TOps.Load(ref Unsafe.Add(ref factor, v)));
                }

                TOps.Store(z, ref Unsafe.Add(ref target, v));
            }
        }
    }

    /// <summary>Row-major <c>centred[t, :] = rows[t, :] − centre</c> for t &lt; n (Dp columns; padding stays 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CentreRows<TOps, TVec, T>(ref T rows, ref T centre, int dp, int n, ref T centred)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var w = TOps.Width;
        for (var j = 0; j < dp; j += w)
        {
            var c = TOps.Load(ref Unsafe.Add(ref centre, j));
            for (var t = 0; t < n; t++)
            {
                var offset = (t * dp) + j;
                var z = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref rows, offset)), c);
                TOps.Store(z, ref Unsafe.Add(ref centred, offset));
            }
        }
    }

    /// <summary>Σ_t values[t] over the whole tile, widened to float64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double TileSum<TOps, TVec, T>(ref T values)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var w = TOps.Width;
        TVec s0 = TOps.Zero, s1 = TOps.Zero;
        for (var v = 0; v < MixtureLayout.TileRows; v += 2 * w)
        {
            s0 = TOps.Add(s0, TOps.Load(ref Unsafe.Add(ref values, v)));
            s1 = TOps.Add(s1, TOps.Load(ref Unsafe.Add(ref values, v + w)));
        }

        return TOps.SumToDouble(TOps.Add(s0, s1));
    }

    /// <summary><c>destination[i] += Σ_t scaled[i, t]</c> for i &lt; D over the whole tile (feature-major).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowSums<TOps, TVec, T>(ref T scaled, int d, ref double destination)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        for (var i = 0; i < d; i++)
        {
            ref var row = ref Unsafe.Add(ref scaled, i * MixtureLayout.TileRows);
            Unsafe.Add(ref destination, i) += TileSum<TOps, TVec, T>(ref row);
        }
    }

    /// <summary><c>destination[:] += Σ_{t &lt; n} factor[t] · centred[t, :]</c> (Dp columns); four independent
    /// sums over t hide the FMA latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FirstMoment<TOps, TVec, T>(ref T factor, ref T centred, int dp, int n, ref double destination)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var w = TOps.Width;
        for (var j = 0; j < dp; j += w)
        {
            TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
            ref var z = ref Unsafe.Add(ref centred, j);
            var t = 0;
            for (; t + 4 <= n; t += 4)
            {
                s0 = Term<TOps, TVec, T>(ref factor, ref z, t, dp, s0);
                s1 = Term<TOps, TVec, T>(ref factor, ref z, t + 1, dp, s1);
                s2 = Term<TOps, TVec, T>(ref factor, ref z, t + 2, dp, s2);
                s3 = Term<TOps, TVec, T>(ref factor, ref z, t + 3, dp, s3);
            }

            for (; t < n; t++)
            {
                s0 = Term<TOps, TVec, T>(ref factor, ref z, t, dp, s0);
            }

            TOps.AddTo(TOps.Add(TOps.Add(s0, s1), TOps.Add(s2, s3)), ref Unsafe.Add(ref destination, j));
        }
    }

    /// <summary>
    /// Diagonal statistics of one component: <c>s1[j] += Σ_t ρ_t ẑ_tj</c> and <c>s2[j] += Σ_t ρ_t ẑ_tj²</c> with
    /// ẑ_t = rows[t] − centre, for t &lt; n (two rows at a time into independent sums).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DiagonalMoments<TOps, TVec, T>(
        ref T rho, ref T rows, ref T centre, int dp, int n, ref double s1, ref double s2)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var w = TOps.Width;
        for (var j = 0; j < dp; j += w)
        {
            var c = TOps.Load(ref Unsafe.Add(ref centre, j));
            ref var x = ref Unsafe.Add(ref rows, j);
            TVec first0 = TOps.Zero, second0 = TOps.Zero, first1 = TOps.Zero, second1 = TOps.Zero;
            var t = 0;
            for (; t + 2 <= n; t += 2)
            {
                var z0 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref x, t * dp)), c);
                var z1 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref x, (t + 1) * dp)), c);
                var a0 = TOps.Multiply(TOps.Broadcast(Unsafe.Add(ref rho, t)), z0);
                var a1 = TOps.Multiply(TOps.Broadcast(Unsafe.Add(ref rho, t + 1)), z1);
                first0 = TOps.Add(first0, a0);
                first1 = TOps.Add(first1, a1);
                second0 = TOps.MultiplyAdd(a0, z0, second0);
                second1 = TOps.MultiplyAdd(a1, z1, second1);
            }

            if (t < n)
            {
                var z0 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref x, t * dp)), c);
                var a0 = TOps.Multiply(TOps.Broadcast(Unsafe.Add(ref rho, t)), z0);
                first0 = TOps.Add(first0, a0);
                second0 = TOps.MultiplyAdd(a0, z0, second0);
            }

            TOps.AddTo(TOps.Add(first0, first1), ref Unsafe.Add(ref s1, j));
            TOps.AddTo(TOps.Add(second0, second1), ref Unsafe.Add(ref s2, j));
        }
    }

    /// <summary>
    /// The lower-triangle register blocks of <c>S2 += Aᵀ Ẑ</c> (<c>[D × Dp]</c>, row stride Dp): 8-row groups, each
    /// covering the registers of columns j ≤ its last row, in steps of 3, 2 or 1 registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SecondMoments<TOps, TVec, T>(ref T scaled, ref T centred, int d, int dp, int n, ref double s2)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var w = TOps.Width;
        for (var i0 = 0; i0 < d; i0 += 8)
        {
            var rows = Math.Min(8, d - i0);
            var registers = ((i0 + rows - 1) / w) + 1;
            ref var a = ref Unsafe.Add(ref scaled, i0 * tile);
            for (var v = 0; v < registers;)
            {
                ref var z = ref Unsafe.Add(ref centred, v * w);
                ref var target = ref Unsafe.Add(ref s2, (i0 * dp) + (v * w));
                var step = Math.Min(3, registers - v);
                switch (step)
                {
                    case 3:
                        OuterProduct8x3Kernel.Run<TOps, TVec, T>(ref a, ref z, n, ref target, dp, rows);
                        break;
                    case 2:
                        OuterProduct8x2Kernel.Run<TOps, TVec, T>(ref a, ref z, n, ref target, dp, rows);
                        break;
                    default:
                        OuterProduct8x1Kernel.Run<TOps, TVec, T>(ref a, ref z, n, ref target, dp, rows);
                        break;
                }

                v += step;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Term<TOps, TVec, T>(ref T factor, ref T z, int t, int dp, TVec sum)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
        => TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref factor, t)), TOps.Load(ref Unsafe.Add(ref z, t * dp)), sum);
}
