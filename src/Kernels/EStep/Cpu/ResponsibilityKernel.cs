using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Turns per-component squared distances into weighted responsibilities for a tile, W rows per register:
/// ℓ_tk = b_k − ½ q_tk (b_k = log π_k + log det U_k − ½ D log 2π), log p_t = m_t + log Σ_k exp(ℓ_tk − m_t) with
/// m_t = max_k ℓ_tk (log-sum-exp: exp underflows otherwise), ρ_tk = w_t exp(ℓ_tk − log p_t) (PRML eq. 9.23).
/// Terms with ℓ_tk − m_t below <see cref="Cutoff"/> are set to zero: they are below the element type's resolution
/// relative to the row's largest term (e^−50 ≈ 2e−22 for float32, e^−600 for float64), and keeping them would
/// feed subnormal numbers to the moment FMAs, which the CPU handles ~100× slower (microcode assists).
/// </summary>
internal static class ResponsibilityKernel
{
    /// <summary>
    /// <paramref name="norms"/>: q <c>[K × TileRows]</c> in, ρ out; <paramref name="bias"/>: b <c>[K]</c>;
    /// <paramref name="weights"/>: w <c>[TileRows]</c>; <paramref name="logSum"/>: log p_t out <c>[TileRows]</c>. When
    /// <paramref name="logsReady"/>, <paramref name="norms"/> already holds ℓ and <c>logSum</c> max_k ℓ (the
    /// diagonal kernel writes both) and the first pass is skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec, T>(
        ref T norms, ref T bias, int k, ref T weights, ref T logSum, bool logsReady)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var w = TOps.Width;
        var minusHalf = TOps.Broadcast(TOps.FromDouble(-0.5));
        var negativeInfinity = TOps.Broadcast(TOps.FromDouble(double.NegativeInfinity));
        var cutoff = TOps.Broadcast(TOps.FromDouble(Cutoff<T>()));
        for (var v = 0; v < tile; v += w)
        {
            ref var column = ref Unsafe.Add(ref norms, v);
            var max = logsReady ? TOps.Load(ref Unsafe.Add(ref logSum, v)) : negativeInfinity;
            for (var c = 0; c < k && !logsReady; c++)
            {
                ref var q = ref Unsafe.Add(ref column, c * tile);
                var l = TOps.MultiplyAdd(TOps.Load(ref q), minusHalf, TOps.Broadcast(Unsafe.Add(ref bias, c)));
                TOps.Store(l, ref q);
                max = TOps.Max(max, l);
            }

            var sum = TOps.Zero;
            for (var c = 0; c < k; c++)
            {
                ref var q = ref Unsafe.Add(ref column, c * tile);
                var e = TOps.ExpAbove(TOps.Subtract(TOps.Load(ref q), max), cutoff);
                TOps.Store(e, ref q);
                sum = TOps.Add(sum, e);
            }

            var factor = TOps.Divide(TOps.Load(ref Unsafe.Add(ref weights, v)), sum);
            for (var c = 0; c < k; c++)
            {
                ref var q = ref Unsafe.Add(ref column, c * tile);
                TOps.Store(TOps.Multiply(TOps.Load(ref q), factor), ref q);
            }

            TOps.Store(TOps.Add(max, TOps.Log(sum)), ref Unsafe.Add(ref logSum, v));
        }
    }

    /// <summary>The smallest ℓ − m kept: −50 for float32, −600 for float64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Cutoff<T>()
        where T : unmanaged => Unsafe.SizeOf<T>() == sizeof(float) ? -50 : -600;
}
