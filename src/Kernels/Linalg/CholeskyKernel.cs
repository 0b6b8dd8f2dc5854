using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.Linalg;

/// <summary>
/// Dense float64 Cholesky factor Σ = Rᵀ R (R upper triangular, row-major) and the upper-triangular inverse
/// U = R⁻¹, which is scikit-learn's precision Cholesky (Σ⁻¹ = U Uᵀ). Both are written as element-wise updates of
/// contiguous row segments (fused multiply-add, vectorised), never as sums across lanes: every element sees the
/// same operations in the same order whatever the vector width, the blocking or the thread that runs it, so an
/// AVX-512, an AVX2 and a scalar machine compute the same bits (a worker that rebuilds the precision factors from
/// the covariances it receives agrees with the coordinator to the last bit).
/// </summary>
/// <remarks>
/// The factor is right-looking and blocked: rows of a panel of <see cref="Panel"/> pivots are finished, then every
/// row below takes the panel's updates in one pass (a_ij ← a_ij − Σ_k r_ki r_kj, k ascending: the unblocked
/// algorithm's order). The inverse solves R U = I from the last row up, U[i, ·] = −Σ_{k&gt;i} R[i, k] U[k, ·] /
/// R[i, i] (and 1 / R[i, i] on the diagonal), sixteen columns at a time held in registers. About D³/3 flops each.
/// Above <see cref="ParallelFrom"/> features both loops run their independent rows (factor) or column blocks
/// (inverse) in parallel: the same bits, since each element's operations do not change.
/// </remarks>
internal static class CholeskyKernel
{
    /// <summary>Pivots per panel of the blocked factor.</summary>
    public const int Panel = 8;

    /// <summary>Columns of U per block of the inverse (four registers of four).</summary>
    public const int Block = 16;

    /// <summary>D from which one matrix is spread over the thread pool.</summary>
    public const int ParallelFrom = 384;

    /// <summary>
    /// Overwrites the upper triangle of <paramref name="a"/> (<c>[D × D]</c> row-major, symmetric; only the upper
    /// triangle is read) with R, Σ = Rᵀ R. False when a pivot is not positive or not finite (Σ is not positive
    /// definite); the lower triangle is never touched.
    /// </summary>
    public static bool TryFactor(double[] a, int d) => TryFactor(a, d, d >= ParallelFrom);

    /// <summary><see cref="TryFactor(double[], int)"/>, with the trailing updates spread over the thread pool or
    /// not (tests compare the two).</summary>
    public static bool TryFactor(double[] a, int d, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentOutOfRangeException.ThrowIfLessThan(a.Length, d * d);
        for (var k0 = 0; k0 < d; k0 += Panel)
        {
            var end = Math.Min(k0 + Panel, d);
            for (var k = k0; k < end; k++)
            {
                var pivot = a[(k * d) + k];
                if (!(pivot > 0) || !double.IsFinite(pivot))
                {
                    return false;
                }

                var r = Math.Sqrt(pivot);
                a[(k * d) + k] = r;
                Divide(a.AsSpan((k * d) + k + 1, d - k - 1), r);
                for (var i = k + 1; i < end; i++)
                {
                    Update(a, d, i, k, k + 1);
                }
            }

            if (end < d)
            {
                TrailingUpdate(a, d, k0, end, parallel);
            }
        }

        return true;
    }

    /// <summary>
    /// U = R⁻¹ (upper triangular, row-major, zeros below the diagonal) from the upper triangle of
    /// <paramref name="factor"/>.
    /// </summary>
    public static void InvertUpper(double[] factor, double[] inverse, int d) =>
        InvertUpper(factor, inverse, d, d >= ParallelFrom);

    /// <summary><see cref="InvertUpper(double[], double[], int)"/>, with the column blocks spread over the thread
    /// pool or not (tests compare the two).</summary>
    public static void InvertUpper(double[] factor, double[] inverse, int d, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(factor);
        ArgumentNullException.ThrowIfNull(inverse);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor.Length, d * d);
        ArgumentOutOfRangeException.ThrowIfLessThan(inverse.Length, d * d);
        Array.Clear(inverse, 0, d * d);
        var blocks = (d + Block - 1) / Block;
        if (parallel)
        {
            Parallel.For(0, blocks, b => InvertColumns(factor, inverse, d, b * Block));
            return;
        }

        for (var b = 0; b < blocks; b++)
        {
            InvertColumns(factor, inverse, d, b * Block);
        }
    }

    /// <summary>Columns j0 .. j0+Block of U: rows from the last one up (row i needs rows k &gt; i of U).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InvertColumns(double[] factor, double[] inverse, int d, int j0)
    {
        ref var r = ref factor[0];
        ref var u = ref inverse[0];
        var last = Math.Min(j0 + Block, d) - 1; // rows below the block's last column are zero in these columns
        for (var i = last; i >= 0; i--)
        {
            ref var rowR = ref Unsafe.Add(ref r, i * d);
            var pivot = Unsafe.Add(ref rowR, i);
            if (j0 + Block <= d)
            {
                Row16(ref rowR, ref u, i, j0, last, d, pivot);
                continue;
            }

            for (var j = Math.Max(i, j0); j < d; j++)
            {
                var s = 0.0;
                for (var k = i + 1; k <= j; k++)
                {
                    s = Math.FusedMultiplyAdd(Unsafe.Add(ref rowR, k), Unsafe.Add(ref u, (k * d) + j), s);
                }

                Unsafe.Add(ref u, (i * d) + j) = j == i ? 1.0 / pivot : -s / pivot;
            }
        }
    }

    /// <summary>U[i, j0 .. j0+16): Σ_{k=i+1..last} R[i, k] U[k, j] in four registers (U[k, j] = 0 for k &gt; j adds
    /// exact zeros), then −s / R[i, i], or 1 / R[i, i] on the diagonal; entries left of the diagonal stay 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row16(ref double rowR, ref double u, int i, int j0, int last, int d, double pivot)
    {
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var k = i + 1; k <= last; k++)
        {
            var c = Vector256.Create(Unsafe.Add(ref rowR, k));
            ref var source = ref Unsafe.Add(ref u, (k * d) + j0);
            s0 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref source), s0);
            s1 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref source, 4), s1);
            s2 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref source, 8), s2);
            s3 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref source, 12), s3);
        }

        var p = Vector256.Create(pivot);
        ref var target = ref Unsafe.Add(ref u, (i * d) + j0);
        (-s0 / p).StoreUnsafe(ref target);
        (-s1 / p).StoreUnsafe(ref target, 4);
        (-s2 / p).StoreUnsafe(ref target, 8);
        (-s3 / p).StoreUnsafe(ref target, 12);
        for (var j = j0; j <= Math.Min(i, j0 + Block - 1); j++)
        {
            Unsafe.Add(ref u, (i * d) + j) = j == i ? 1.0 / pivot : 0;
        }
    }

    /// <summary>Rows i ≥ <paramref name="end"/>: a[i, i..] −= Σ_{k=k0..end−1} r[k, i] r[k, i..], k ascending.
    /// </summary>
    private static void TrailingUpdate(double[] a, int d, int k0, int end, bool parallel)
    {
        if (parallel)
        {
            Parallel.For(end, d, i => Update(a, d, i, k0, end));
            return;
        }

        for (var i = end; i < d; i++)
        {
            Update(a, d, i, k0, end);
        }
    }

    /// <summary>a[i, i..d) −= Σ_{k=from..to−1} a[k, i] a[k, i..d), one fused multiply-add per k, k ascending
    /// (at most <see cref="Panel"/> values of k: their coefficients stay in registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(double[] a, int d, int i, int from, int to)
    {
        ref var m = ref a[0];
        ref var row = ref Unsafe.Add(ref m, (i * d) + i);
        Span<double> coefficients = stackalloc double[Panel];
        for (var k = from; k < to; k++)
        {
            coefficients[k - from] = -Unsafe.Add(ref m, (k * d) + i);
        }

        var count = to - from;
        var length = d - i;
        var j = 0;
        if (count == Panel)
        {
            j = FullPanel(ref row, ref Unsafe.Add(ref m, (from * d) + i), coefficients, d, length);
        }

        for (; j + 4 <= length; j += 4)
        {
            var value = Vector256.LoadUnsafe(ref row, (nuint)j);
            for (var k = 0; k < count; k++)
            {
                value = Vector256.FusedMultiplyAdd(Vector256.Create(coefficients[k]),
                    Vector256.LoadUnsafe(ref Unsafe.Add(ref m, ((from + k) * d) + i + j)), value);
            }

            value.StoreUnsafe(ref row, (nuint)j);
        }

        for (; j < length; j++)
        {
            var value = Unsafe.Add(ref row, j);
            for (var k = 0; k < count; k++)
            {
                value = Math.FusedMultiplyAdd(coefficients[k], Unsafe.Add(ref m, ((from + k) * d) + i + j), value);
            }

            Unsafe.Add(ref row, j) = value;
        }
    }

    /// <summary>The four-element chunks of <see cref="Update"/> for a full panel (eight coefficients in
    /// registers, one fused multiply-add per k in k order); returns the first column it left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FullPanel(ref double row, ref double p, ReadOnlySpan<double> coefficients, int d, int length)
    {
        Vector256<double> c0 = Vector256.Create(coefficients[0]), c1 = Vector256.Create(coefficients[1]);
        Vector256<double> c2 = Vector256.Create(coefficients[2]), c3 = Vector256.Create(coefficients[3]);
        Vector256<double> c4 = Vector256.Create(coefficients[4]), c5 = Vector256.Create(coefficients[5]);
        Vector256<double> c6 = Vector256.Create(coefficients[6]), c7 = Vector256.Create(coefficients[7]);
        var j = 0;
        for (; j + 4 <= length; j += 4)
        {
            ref var q = ref Unsafe.Add(ref p, j);
            var value = Vector256.LoadUnsafe(ref row, (nuint)j);
            value = Vector256.FusedMultiplyAdd(c0, Vector256.LoadUnsafe(ref q), value);
            value = Vector256.FusedMultiplyAdd(c1, Vector256.LoadUnsafe(ref Unsafe.Add(ref q, d)), value);
            value = Vector256.FusedMultiplyAdd(c2, Vector256.LoadUnsafe(ref Unsafe.Add(ref q, 2 * d)), value);
            value = Vector256.FusedMultiplyAdd(c3, Vector256.LoadUnsafe(ref Unsafe.Add(ref q, 3 * d)), value);
            value = Vector256.FusedMultiplyAdd(c4, Vector256.LoadUnsafe(ref Unsafe.Add(ref q, 4 * d)), value);
            value = Vector256.FusedMultiplyAdd(c5, Vector256.LoadUnsafe(ref Unsafe.Add(ref q, 5 * d)), value);
            value = Vector256.FusedMultiplyAdd(c6, Vector256.LoadUnsafe(ref Unsafe.Add(ref q, 6 * d)), value);
            value = Vector256.FusedMultiplyAdd(c7, Vector256.LoadUnsafe(ref Unsafe.Add(ref q, 7 * d)), value);
            value.StoreUnsafe(ref row, (nuint)j);
        }

        return j;
    }

    /// <summary>values /= divisor, element by element.</summary>
    private static void Divide(Span<double> values, double divisor)
    {
        var j = 0;
        var v = Vector256.Create(divisor);
        for (; j + 4 <= values.Length; j += 4)
        {
            (Vector256.Create(values.Slice(j, 4)) / v).CopyTo(values.Slice(j, 4));
        }

        for (; j < values.Length; j++)
        {
            values[j] /= divisor;
        }
    }
}
