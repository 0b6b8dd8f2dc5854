using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The per-component pieces of the statistics for one tile: A = ρ ⊙ (x' − ĉ_k) feature-major, Ŝ1_k = Σ ρ ẑ, and the
/// second moments (SYRK-like for full and tied, element-wise for diag), with ẑ = x' − ĉ_k formed on load.
/// Sums over the tile stay in registers of the element type and are widened once into float64.
/// </summary>
internal static class MomentKernels
{
    /// <summary>
    /// Feature-major <c>scaled[i, t] = (columns[i, t] − centre[i]) · factor[t]</c> for i &lt; D and every row of
    /// the tile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CentreColumns<TOps, TVec, T>(
        ref T columns, ref T centre, int d, ref T factor, ref T scaled)
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
                TOps.Store(TOps.Multiply(z, TOps.Load(ref Unsafe.Add(ref factor, v))), ref Unsafe.Add(ref target, v));
            }
        }
    }

    /// <summary>
    /// Writes the rows t &lt; n with <c>factor[t] ≠ 0</c> into <paramref name="active"/> in increasing order and
    /// returns their number. Responsibilities are mostly exact zeros once components separate, and skipping them
    /// changes no bit of the sums (adding ±0 is exact). <paramref name="active"/> needs
    /// <see cref="ActiveSpare"/> entries past the largest count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ActiveRows<TOps, TVec, T>(ref T factor, int n, ref int active)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        if (typeof(TVec) == typeof(Vector512<float>) && Avx512F.IsSupported)
        {
            return ActiveRows512(ref Unsafe.As<T, float>(ref factor), n, ref active);
        }

        // Branch-free compaction: each byte of the non-zero mask selects 8 ready-made lane lists; the store may
        // write up to 7 entries past the count, which the next store overwrites.
        var w = TOps.Width;
        var count = 0;
        ref var table = ref MemoryMarshal.GetArrayDataReference(CompressTable);
        for (var v = 0; v < n; v += w)
        {
            var mask = TOps.NonZeroMask(TOps.Load(ref Unsafe.Add(ref factor, v)));
            for (var shift = 0; shift < w; shift += 8)
            {
                var bits = (int)((mask >> shift) & 0xFF);
                var lanes = Vector256.LoadUnsafe(ref Unsafe.Add(ref table, bits * 8)) + Vector256.Create(v + shift);
                lanes.StoreUnsafe(ref Unsafe.Add(ref active, count));
                count += BitOperations.PopCount((uint)bits);
            }
        }

        return count;
    }

    /// <summary>Entries of an active-row list that <see cref="ActiveRows{TOps,TVec,T}"/> may write past its count.
    /// </summary>
    public const int ActiveSpare = 16;

    /// <summary>
    /// <see cref="ActiveRows{TOps,TVec,T}"/> for 16 float32 lanes: the non-zero lanes' row numbers packed in
    /// order by one <c>vpcompressd</c> (register form) and stored whole — a sixth of the table path's instructions
    /// and no branch, where most registers hold a few non-zero lanes (rows of a tile come in no particular order
    /// of component). The store may write up to 15 entries past the count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ActiveRows512(ref float factor, int n, ref int active)
    {
        var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var count = 0;
        for (var v = 0; v < n; v += 16)
        {
            var nonZero = ~Vector512.Equals(Vector512.LoadUnsafe(ref factor, (nuint)v), Vector512<float>.Zero);
            var rows = Avx512F.Compress(Vector512<int>.Zero, nonZero.AsInt32(), lanes + Vector512.Create(v));
            rows.StoreUnsafe(ref Unsafe.Add(ref active, count));
            count += BitOperations.PopCount((uint)nonZero.ExtractMostSignificantBits());
        }

        return count;
    }

    /// <summary><c>destination[:] += Σ_t factor[t] · (rows[t, :] − centre)</c> over the listed rows (Dp columns);
    /// four independent sums hide the FMA latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FirstMoment<TOps, TVec, T>(
        ref T factor, ref T rows, ref T centre, int dp, ref int active, int count, ref double destination)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var w = TOps.Width;
        for (var j = 0; j < dp; j += w)
        {
            TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
            var c = TOps.Load(ref Unsafe.Add(ref centre, j));
            ref var z = ref Unsafe.Add(ref rows, j);
            var q = 0;
            for (; q + 4 <= count; q += 4)
            {
                s0 = Term<TOps, TVec, T>(ref factor, ref z, c, Unsafe.Add(ref active, q), dp, s0);
                s1 = Term<TOps, TVec, T>(ref factor, ref z, c, Unsafe.Add(ref active, q + 1), dp, s1);
                s2 = Term<TOps, TVec, T>(ref factor, ref z, c, Unsafe.Add(ref active, q + 2), dp, s2);
                s3 = Term<TOps, TVec, T>(ref factor, ref z, c, Unsafe.Add(ref active, q + 3), dp, s3);
            }

            for (; q < count; q++)
            {
                s0 = Term<TOps, TVec, T>(ref factor, ref z, c, Unsafe.Add(ref active, q), dp, s0);
            }

            TOps.AddTo(TOps.Add(TOps.Add(s0, s1), TOps.Add(s2, s3)), ref Unsafe.Add(ref destination, j));
        }
    }

    /// <summary>
    /// Diagonal statistics of one component: <c>s1[j] += Σ_t ρ_t ẑ_tj</c> and <c>s2[j] += Σ_t ρ_t ẑ_tj²</c> with
    /// ẑ_t = rows[t] − centre, over the listed rows (two at a time into independent sums).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DiagonalMoments<TOps, TVec, T>(
        ref T rho, ref T rows, ref T centre, int dp, ref int active, int count, ref double s1, ref double s2)
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
            var q = 0;
            for (; q + 2 <= count; q += 2)
            {
                int t0 = Unsafe.Add(ref active, q), t1 = Unsafe.Add(ref active, q + 1);
                var z0 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref x, t0 * dp)), c);
                var z1 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref x, t1 * dp)), c);
                var a0 = TOps.Multiply(TOps.Broadcast(Unsafe.Add(ref rho, t0)), z0);
                var a1 = TOps.Multiply(TOps.Broadcast(Unsafe.Add(ref rho, t1)), z1);
                first0 = TOps.Add(first0, a0);
                first1 = TOps.Add(first1, a1);
                second0 = TOps.MultiplyAdd(a0, z0, second0);
                second1 = TOps.MultiplyAdd(a1, z1, second1);
            }

            if (q < count)
            {
                var t0 = Unsafe.Add(ref active, q);
                var z0 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref x, t0 * dp)), c);
                var a0 = TOps.Multiply(TOps.Broadcast(Unsafe.Add(ref rho, t0)), z0);
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
    public static void SecondMoments<TOps, TVec, T>(
        ref T scaled, ref T rows, ref T centre, int d, int dp, ref int active, int count, ref double s2)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var w = TOps.Width;
        for (var i0 = 0; i0 < d; i0 += 8)
        {
            var valid = Math.Min(8, d - i0);
            var registers = ((i0 + valid - 1) / w) + 1;
            ref var a = ref Unsafe.Add(ref scaled, i0 * tile);
            for (var v = 0; v < registers;)
            {
                ref var x = ref Unsafe.Add(ref rows, v * w);
                ref var c = ref Unsafe.Add(ref centre, v * w);
                ref var target = ref Unsafe.Add(ref s2, (i0 * dp) + (v * w));
                var step = Math.Min(3, registers - v);
                switch (step)
                {
                    case 3:
                        OuterProduct8x3Kernel.Run<TOps, TVec, T>(
                            ref a, ref x, ref c, ref active, count, ref target, dp, valid);
                        break;
                    case 2:
                        OuterProduct8x2Kernel.Run<TOps, TVec, T>(
                            ref a, ref x, ref c, ref active, count, ref target, dp, valid);
                        break;
                    default:
                        OuterProduct8x1Kernel.Run<TOps, TVec, T>(
                            ref a, ref x, ref c, ref active, count, ref target, dp, valid);
                        break;
                }

                v += step;
            }
        }
    }

    /// <summary>For each byte b: the positions of its set bits, lowest first, padded with zeros to 8.</summary>
    private static readonly int[] CompressTable = BuildCompressTable();

    private static int[] BuildCompressTable()
    {
        var table = new int[256 * 8];
        for (var bits = 0; bits < 256; bits++)
        {
            var count = 0;
            for (var lane = 0; lane < 8; lane++)
            {
                if ((bits & (1 << lane)) != 0)
                {
                    table[(bits * 8) + count++] = lane;
                }
            }
        }

        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Term<TOps, TVec, T>(ref T factor, ref T x, TVec centre, int t, int dp, TVec sum)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var z = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref x, t * dp)), centre);
        return TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref factor, t)), z, sum);
    }
}
