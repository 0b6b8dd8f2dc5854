using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// float64 operations on state vectors of the HMM recursions: rows of Sp values (Sp a multiple of the register
/// width, padding lanes zero), W states per register. Matrices are <c>[S × Sp]</c> row-major.
/// </summary>
internal static class StateVectorKernels
{
    /// <summary>
    /// <c>target[:] = Σ_{r&lt;S} v[r] · M[r, :]</c>: the vector–matrix product that carries α̂ forward (M = A) and
    /// β̂ backward (M = Aᵀ). Four independent sums over r per register hide the FMA latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Propagate<TOps, TVec>(ref double v, ref double m, int s, int sp, ref double target)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var w = TOps.Width;
        for (var j = 0; j < sp; j += w)
        {
            TVec a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
            ref var column = ref Unsafe.Add(ref m, j);
            var r = 0;
            for (; r + 4 <= s; r += 4)
            {
                a0 = TOps.MultiplyAdd(
                    TOps.Broadcast(Unsafe.Add(ref v, r)), TOps.Load(ref Unsafe.Add(ref column, r * sp)), a0);
                a1 = TOps.MultiplyAdd(
                    TOps.Broadcast(Unsafe.Add(ref v, r + 1)), TOps.Load(ref Unsafe.Add(ref column, (r + 1) * sp)), a1);
                a2 = TOps.MultiplyAdd(
                    TOps.Broadcast(Unsafe.Add(ref v, r + 2)), TOps.Load(ref Unsafe.Add(ref column, (r + 2) * sp)), a2);
                a3 = TOps.MultiplyAdd(
                    TOps.Broadcast(Unsafe.Add(ref v, r + 3)), TOps.Load(ref Unsafe.Add(ref column, (r + 3) * sp)), a3);
            }

            for (; r < s; r++)
            {
                a0 = TOps.MultiplyAdd(
                    TOps.Broadcast(Unsafe.Add(ref v, r)), TOps.Load(ref Unsafe.Add(ref column, r * sp)), a0);
            }

            TOps.Store(TOps.Add(TOps.Add(a0, a1), TOps.Add(a2, a3)), ref Unsafe.Add(ref target, j));
        }
    }

    /// <summary><c>a ← a ⊙ b</c>; returns Σ a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MultiplySum<TOps, TVec>(ref double a, ref double b, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var sum = TOps.Zero;
        for (var j = 0; j < sp; j += TOps.Width)
        {
            var p = TOps.Multiply(TOps.Load(ref Unsafe.Add(ref a, j)), TOps.Load(ref Unsafe.Add(ref b, j)));
            TOps.Store(p, ref Unsafe.Add(ref a, j));
            sum = TOps.Add(sum, p);
        }

        return TOps.SumToDouble(sum);
    }

    /// <summary>Σ v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum<TOps, TVec>(ref double v, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var sum = TOps.Zero;
        for (var j = 0; j < sp; j += TOps.Width)
        {
            sum = TOps.Add(sum, TOps.Load(ref Unsafe.Add(ref v, j)));
        }

        return TOps.SumToDouble(sum);
    }

    /// <summary>
    /// <c>target ← v · (1 / sum)</c> (one scalar division: a vector division per register costs ~16 cycles of
    /// throughput; the result differs from v / sum by at most one ulp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Normalise<TOps, TVec>(ref double v, double sum, ref double target, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var factor = TOps.Broadcast(1.0 / sum);
        for (var j = 0; j < sp; j += TOps.Width)
        {
            TOps.Store(TOps.Multiply(TOps.Load(ref Unsafe.Add(ref v, j)), factor), ref Unsafe.Add(ref target, j));
        }
    }

    /// <summary><c>target ← v · (1 / sum)</c>, then entries below <paramref name="flush"/> set to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NormaliseAndFlush<TOps, TVec>(ref double v, double sum, double flush, ref double target, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var factor = TOps.Broadcast(1.0 / sum);
        var limit = TOps.Broadcast(flush);
        for (var j = 0; j < sp; j += TOps.Width)
        {
            var q = TOps.Multiply(TOps.Load(ref Unsafe.Add(ref v, j)), factor);
            TOps.Store(TOps.ZeroBelow(q, q, limit), ref Unsafe.Add(ref target, j));
        }
    }

    /// <summary><c>target ← (e ⊙ β) · scale</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Weigh<TOps, TVec>(ref double e, ref double beta, double scale, ref double target, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var factor = TOps.Broadcast(scale);
        for (var j = 0; j < sp; j += TOps.Width)
        {
            var p = TOps.Multiply(TOps.Load(ref Unsafe.Add(ref e, j)), TOps.Load(ref Unsafe.Add(ref beta, j)));
            TOps.Store(TOps.Multiply(p, factor), ref Unsafe.Add(ref target, j));
        }
    }

    /// <summary>
    /// <c>P[r, :] += Σ_{t&lt;n} α[t, r] · w[t, :]</c> for r &lt; S (α and w row stride Sp): the transition sums
    /// Σ_t α̂_t w_tᵀ of a tile, from which the counts follow as A ⊙ P without ever forming ξ_t. Four rows of P
    /// at a time stay in registers over the tile (no load/store of P per step).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOuterProducts<TOps, TVec>(
        ref double alpha, ref double w, int n, int s, int sp, ref double pairs)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var r = 0;
        for (; r + 4 <= s; r += 4)
        {
            for (var j = 0; j < sp; j += TOps.Width)
            {
                TVec p0 = TOps.Zero, p1 = TOps.Zero, p2 = TOps.Zero, p3 = TOps.Zero;
                for (var t = 0; t < n; t++)
                {
                    ref var a = ref Unsafe.Add(ref alpha, (t * sp) + r);
                    var x = TOps.Load(ref Unsafe.Add(ref w, (t * sp) + j));
                    p0 = TOps.MultiplyAdd(TOps.Broadcast(a), x, p0);
                    p1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 1)), x, p1);
                    p2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 2)), x, p2);
                    p3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref a, 3)), x, p3);
                }

                AddInto<TOps, TVec>(p0, ref Unsafe.Add(ref pairs, (r * sp) + j));
                AddInto<TOps, TVec>(p1, ref Unsafe.Add(ref pairs, ((r + 1) * sp) + j));
                AddInto<TOps, TVec>(p2, ref Unsafe.Add(ref pairs, ((r + 2) * sp) + j));
                AddInto<TOps, TVec>(p3, ref Unsafe.Add(ref pairs, ((r + 3) * sp) + j));
            }
        }

        for (; r < s; r++)
        {
            for (var j = 0; j < sp; j += TOps.Width)
            {
                var p0 = TOps.Zero;
                for (var t = 0; t < n; t++)
                {
                    var x = TOps.Load(ref Unsafe.Add(ref w, (t * sp) + j));
                    p0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref alpha, (t * sp) + r)), x, p0);
                }

                AddInto<TOps, TVec>(p0, ref Unsafe.Add(ref pairs, (r * sp) + j));
            }
        }
    }

    /// <summary>β ← β where α &gt; 0, else 0; then g ← α ⊙ β; returns Σ g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MaskedProduct<TOps, TVec>(ref double alpha, ref double beta, ref double g, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var positive = TOps.Broadcast(double.Epsilon);
        var sum = TOps.Zero;
        for (var j = 0; j < sp; j += TOps.Width)
        {
            var a = TOps.Load(ref Unsafe.Add(ref alpha, j));
            var b = TOps.ZeroBelow(TOps.Load(ref Unsafe.Add(ref beta, j)), a, positive);
            TOps.Store(b, ref Unsafe.Add(ref beta, j));
            var product = TOps.Multiply(a, b);
            TOps.Store(product, ref Unsafe.Add(ref g, j));
            sum = TOps.Add(sum, product);
        }

        return TOps.SumToDouble(sum);
    }

    /// <summary><c>total ← total + v</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate<TOps, TVec>(ref double v, ref double total, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        for (var j = 0; j < sp; j += TOps.Width)
        {
            ref var t = ref Unsafe.Add(ref total, j);
            TOps.Store(TOps.Add(TOps.Load(ref t), TOps.Load(ref Unsafe.Add(ref v, j))), ref t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInto<TOps, TVec>(TVec value, ref double target)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct =>
        TOps.Store(TOps.Add(TOps.Load(ref target), value), ref target);
}
