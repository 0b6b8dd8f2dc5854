using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Sums over the rows of one tile in a fixed order that depends on neither the kernels' vector width nor the
/// thread: row t goes to lane t mod 16 of sixteen float64 accumulators (four <c>Vector256&lt;double&gt;</c>, or their
/// lane-by-lane software form where the hardware has none), and the lanes are added in one fixed tree. The same
/// bits for AVX-512, AVX2 and scalar kernels; about 40 vector operations a tile where a scalar loop with a
/// dependency chain took ~800 cycles.
/// </summary>
internal static class TileSums
{
    /// <summary>
    /// Adds Σ_t w_t log p_t (terms with w_t = 0 left out, so a row outside the data never counts) and Σ_t w_t over
    /// the tile to <paramref name="block"/>. <paramref name="logSum"/>: log p_t <c>[TileRows]</c> in the element
    /// type; <paramref name="weights"/>: w_t in float64 <c>[TileRows]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLogLikelihood<T>(ref T logSum, double[] weights, BlockStatistics block)
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        ref var w = ref weights[0];
        Vector256<double> l0 = default, l1 = default, l2 = default, l3 = default;
        Vector256<double> w0 = default, w1 = default, w2 = default, w3 = default;
        for (var t = 0; t < tile; t += 16)
        {
            l0 = Term(ref logSum, ref w, t, l0, ref w0);
            l1 = Term(ref logSum, ref w, t + 4, l1, ref w1);
            l2 = Term(ref logSum, ref w, t + 8, l2, ref w2);
            l3 = Term(ref logSum, ref w, t + 12, l3, ref w3);
        }

        block.LogLikelihood += Reduce(l0, l1, l2, l3);
        block.Weight += Reduce(w0, w1, w2, w3);
    }

    /// <summary>
    /// N_k of the tile: Σ_t ρ_t over all rows of the tile (rows without responsibility hold exact zeros), row t in
    /// lane t mod 16, in the element type, then widened and added in the fixed tree. <paramref name="rho"/>:
    /// <c>[TileRows]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Mass<T>(ref T rho)
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        if (typeof(T) == typeof(float))
        {
            ref var r = ref Unsafe.As<T, float>(ref rho);
            Vector256<float> low = default, high = default;
            for (var t = 0; t < tile; t += 16)
            {
                low += Vector256.LoadUnsafe(ref r, (nuint)t);
                high += Vector256.LoadUnsafe(ref r, (nuint)t + 8);
            }

            var (a, b) = Vector256.Widen(low);
            var (c, d) = Vector256.Widen(high);
            return Reduce(a, b, c, d);
        }

        ref var x = ref Unsafe.As<T, double>(ref rho);
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var t = 0; t < tile; t += 16)
        {
            s0 += Vector256.LoadUnsafe(ref x, (nuint)t);
            s1 += Vector256.LoadUnsafe(ref x, (nuint)t + 4);
            s2 += Vector256.LoadUnsafe(ref x, (nuint)t + 8);
            s3 += Vector256.LoadUnsafe(ref x, (nuint)t + 12);
        }

        return Reduce(s0, s1, s2, s3);
    }

    /// <summary>The sixteen lanes of four accumulators added in a fixed tree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Reduce(Vector256<double> a, Vector256<double> b, Vector256<double> c, Vector256<double> d)
    {
        var s = (a + b) + (c + d);
        return (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Term<T>(
        ref T logSum, ref double weights, int t, Vector256<double> sum, ref Vector256<double> weightSum)
        where T : unmanaged
    {
        var w = Vector256.LoadUnsafe(ref weights, (nuint)t);
        Vector256<double> value;
        if (typeof(T) == typeof(float))
        {
            var (lower, upper) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref logSum), (nuint)t));
            value = Vector256.Create(lower, upper);
        }
        else
        {
            value = Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref logSum), (nuint)t);
        }

        weightSum += w;
        var kept = ~Vector256.Equals(w, Vector256<double>.Zero);
        return sum + Vector256.ConditionalSelect(kept, w * value, Vector256<double>.Zero);
    }
}
