using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The row-major → feature-major copy of a float32 tile in 8 × 8 blocks (eight row loads, 24 AVX shuffles, up to
/// eight column stores), and of a float64 tile in 4 × 4 blocks. AVX2 gathers did the same at one instruction per 8
/// elements, but a gather costs tens of cycles on AMD Zen 4 (profiled: 17 % of a diag E-step there, against ~4 % for the shuffles); the scalar copy is
/// store-bound at one element per cycle. A copy: no arithmetic, so every vector width gets the same bits.
/// </summary>
internal static class ColumnGather
{
    /// <summary>
    /// <c>columns[j, t] = rows[t, j]</c> for j &lt; D and every row of the tile, in 8 × 8 blocks (float32) or 4 × 4
    /// blocks (float64); <paramref name="rows"/> has row stride Dp (a multiple of the block, so every block load
    /// stays inside its row); T is float or double. Needs <see cref="Avx.IsSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose<T>(ref T rows, int d, int dp, ref T columns)
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var step = typeof(T) == typeof(float) ? 8 : 4;
        for (var t0 = 0; t0 < tile; t0 += step)
        {
            ref var block = ref Unsafe.Add(ref rows, t0 * dp);
            for (var j0 = 0; j0 < d; j0 += step)
            {
                ref var source = ref Unsafe.Add(ref block, j0);
                ref var target = ref Unsafe.Add(ref columns, (j0 * tile) + t0);
                var count = Math.Min(step, d - j0);
                if (typeof(T) == typeof(float))
                {
                    Block8(ref Unsafe.As<T, float>(ref source), dp, ref Unsafe.As<T, float>(ref target), count);
                }
                else
                {
                    Block4(ref Unsafe.As<T, double>(ref source), dp, ref Unsafe.As<T, double>(ref target), count);
                }
            }
        }
    }

    /// <summary>Transposes the 4 × 4 float64 block at <paramref name="source"/> (row stride
    /// <paramref name="stride"/>) into the first <paramref name="count"/> columns at <paramref name="target"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4(ref double source, int stride, ref double target, int count)
    {
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, stride));
        var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * stride));
        var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * stride));
        // Pairs of rows interleaved (lanes 0/2 and 1/3), then the 128-bit halves exchanged.
        Vector256<double> a0 = Avx.UnpackLow(r0, r1), a1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> a2 = Avx.UnpackLow(r2, r3), a3 = Avx.UnpackHigh(r2, r3);
        const int tile = MixtureLayout.TileRows;
        Store(Avx.Permute2x128(a0, a2, 0x20), ref target, 0, count);
        Store(Avx.Permute2x128(a1, a3, 0x20), ref Unsafe.Add(ref target, tile), 1, count);
        Store(Avx.Permute2x128(a0, a2, 0x31), ref Unsafe.Add(ref target, 2 * tile), 2, count);
        Store(Avx.Permute2x128(a1, a3, 0x31), ref Unsafe.Add(ref target, 3 * tile), 3, count);
    }

    /// <summary>Transposes the 8 × 8 block at <paramref name="source"/> (row stride <paramref name="stride"/>)
    /// into the first <paramref name="count"/> columns at <paramref name="target"/> (stride TileRows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(ref float source, int stride, ref float target, int count)
    {
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, stride));
        var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * stride));
        var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * stride));
        var r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * stride));
        var r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * stride));
        var r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * stride));
        var r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * stride));
        // Pairs of rows interleaved, then quadruples, then the 128-bit halves exchanged.
        Vector256<float> a0 = Avx.UnpackLow(r0, r1), a1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> a2 = Avx.UnpackLow(r2, r3), a3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> a4 = Avx.UnpackLow(r4, r5), a5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> a6 = Avx.UnpackLow(r6, r7), a7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> b0 = Avx.Shuffle(a0, a2, 0x44), b1 = Avx.Shuffle(a0, a2, 0xEE);
        Vector256<float> b2 = Avx.Shuffle(a1, a3, 0x44), b3 = Avx.Shuffle(a1, a3, 0xEE);
        Vector256<float> b4 = Avx.Shuffle(a4, a6, 0x44), b5 = Avx.Shuffle(a4, a6, 0xEE);
        Vector256<float> b6 = Avx.Shuffle(a5, a7, 0x44), b7 = Avx.Shuffle(a5, a7, 0xEE);
        const int tile = MixtureLayout.TileRows;
        Store(Avx.Permute2x128(b0, b4, 0x20), ref target, 0, count);
        Store(Avx.Permute2x128(b1, b5, 0x20), ref Unsafe.Add(ref target, tile), 1, count);
        Store(Avx.Permute2x128(b2, b6, 0x20), ref Unsafe.Add(ref target, 2 * tile), 2, count);
        Store(Avx.Permute2x128(b3, b7, 0x20), ref Unsafe.Add(ref target, 3 * tile), 3, count);
        Store(Avx.Permute2x128(b0, b4, 0x31), ref Unsafe.Add(ref target, 4 * tile), 4, count);
        Store(Avx.Permute2x128(b1, b5, 0x31), ref Unsafe.Add(ref target, 5 * tile), 5, count);
        Store(Avx.Permute2x128(b2, b6, 0x31), ref Unsafe.Add(ref target, 6 * tile), 6, count);
        Store(Avx.Permute2x128(b3, b7, 0x31), ref Unsafe.Add(ref target, 7 * tile), 7, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> column, ref float target, int index, int count)
    {
        if (index < count)
        {
            column.StoreUnsafe(ref target);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> column, ref double target, int index, int count)
    {
        if (index < count)
        {
            column.StoreUnsafe(ref target);
        }
    }
}
