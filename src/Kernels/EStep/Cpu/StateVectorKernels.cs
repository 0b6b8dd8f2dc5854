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
        var w = TOps.Width;
        var sum = TOps.Zero;
        for (var j = 0; j < sp; j += w)
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

    /// <summary><c>v ← v / sum</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Divide<TOps, TVec>(ref double v, double sum, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var divisor = TOps.Broadcast(sum);
        for (var j = 0; j < sp; j += TOps.Width)
        {
            ref var x = ref Unsafe.Add(ref v, j);
            TOps.Store(TOps.Divide(TOps.Load(ref x), divisor), ref x);
        }
    }

    /// <summary><c>v ← v / sum</c>, then entries below <paramref name="flush"/> set to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DivideAndFlush<TOps, TVec>(ref double v, double sum, double flush, int sp)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        var divisor = TOps.Broadcast(sum);
        var limit = TOps.Broadcast(flush);
        for (var j = 0; j < sp; j += TOps.Width)
        {
            ref var x = ref Unsafe.Add(ref v, j);
            var q = TOps.Divide(TOps.Load(ref x), divisor);
            TOps.Store(TOps.ZeroBelow(q, q, limit), ref x);
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
    /// <c>P[r, :] += v[r] · w</c> for every r &lt; S with v[r] ≠ 0: Σ_t α̂_t(r) w_t, from which the transition
    /// counts follow as A ⊙ P without ever forming ξ_t.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOuter<TOps, TVec>(ref double v, ref double w, int s, int sp, ref double pairs)
        where TOps : struct, ISimd<TVec, double>
        where TVec : struct
    {
        for (var r = 0; r < s; r++)
        {
            var vr = Unsafe.Add(ref v, r);
            if (vr == 0)
            {
                continue;
            }

            var factor = TOps.Broadcast(vr);
            ref var row = ref Unsafe.Add(ref pairs, r * sp);
            for (var j = 0; j < sp; j += TOps.Width)
            {
                ref var p = ref Unsafe.Add(ref row, j);
                TOps.Store(TOps.MultiplyAdd(factor, TOps.Load(ref Unsafe.Add(ref w, j)), TOps.Load(ref p)), ref p);
            }
        }
    }

    /// <summary>β ← β where α &gt; 0, else 0; then α ← α ⊙ β; returns Σ α.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MaskedProduct<TOps, TVec>(ref double alpha, ref double beta, int sp)
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
            var g = TOps.Multiply(a, b);
            TOps.Store(g, ref Unsafe.Add(ref alpha, j));
            sum = TOps.Add(sum, g);
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
}
