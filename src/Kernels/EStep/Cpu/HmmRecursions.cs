using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The scaled forward-backward recursions of <see cref="Hmm.ForwardBackward"/> (Rabiner 1989, §V.A), vectorised
/// over states, in float64 on one sequence held in a <see cref="HmmWorkspace{T}"/>.
/// </summary>
/// <remarks>
/// float64 throughout: α̂ is renormalised every step but its entries span 1e−300..1 (the flush threshold), c_t
/// and Σ_t log c_t over 10⁵ steps need more than float32's 7 digits, and β̂ can reach 1/α̂. The two guards of the
/// reference are kept: normalised α̂ below 1e−300 is flushed to zero, and β̂_t(r) is zeroed where α̂_t(r) = 0.
/// ξ is never formed: with w_t = e_{t+1} ⊙ β̂_{t+1} / c_{t+1}, ξ_t(r, s) = α̂_t(r) A_rs w_t(s), so
/// Σ_t ξ_t = A ⊙ P with P = Σ_t α̂_t w_tᵀ, accumulated tile by tile as a small matrix product.
/// </remarks>
internal static class HmmRecursions<TOps, TVec>
    where TOps : struct, ISimd<TVec, double>
    where TVec : struct
{
    /// <summary>Normalised forward values below this are flushed to zero (as in the reference).</summary>
    private const double Negligible = 1e-300;

    /// <summary>
    /// α̂_t for t &lt; <paramref name="length"/> from the emissions; returns log p(X) = Σ_t (log c_t + m_t), or −∞
    /// when the sequence is impossible under the model.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Forward<T>(PreparedHmm<T> model, HmmWorkspace<T> ws, int length, CancellationToken ct)
        where T : unmanaged
    {
        int s = model.States, sp = model.PaddedStates;
        ref var emissions = ref MemoryMarshal.GetArrayDataReference(ws.Emissions);
        ref var alpha = ref MemoryMarshal.GetArrayDataReference(ws.Alpha);
        ref var transitions = ref MemoryMarshal.GetArrayDataReference(model.Transitions);
        var logLikelihood = 0.0;
        for (var t = 0; t < length; t++)
        {
            ref var current = ref Unsafe.Add(ref alpha, t * sp);
            if (t == 0)
            {
                model.Start.AsSpan().CopyTo(ws.Alpha);
            }
            else
            {
                StateVectorKernels.Propagate<TOps, TVec>(
                    ref Unsafe.Add(ref alpha, (t - 1) * sp), ref transitions, s, sp, ref current);
            }

            var sum = StateVectorKernels.MultiplySum<TOps, TVec>(
                ref current, ref Unsafe.Add(ref emissions, t * sp), sp);
            var shift = ws.Shift[t];
            if (!(sum > 0) || double.IsNegativeInfinity(shift))
            {
                return double.NegativeInfinity;
            }

            StateVectorKernels.NormaliseAndFlush<TOps, TVec>(ref current, sum, Negligible, ref current, sp);
            ws.Scale[t] = sum;
            logLikelihood += Math.Log(sum) + shift;
            if ((t & 0xFFF) == 0xFFF)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return logLikelihood;
    }

    /// <summary>
    /// The backward pass over the tile of steps <c>[t0, end)</c>, after the tiles above it: β̂_t from β̂_{t+1}
    /// (β̂_{T−1} = 1 at t = T − 1 = <paramref name="length"/> − 1), γ_t = α̂_t ⊙ β̂_t renormalised (as hmmlearn
    /// does) into the tile's γ rows, w_t into the tile's w rows, then the tile's transition sums into the block's P.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BackwardTile<T>(PreparedHmm<T> model, HmmWorkspace<T> ws, int t0, int end, int length)
        where T : unmanaged
    {
        int s = model.States, sp = model.PaddedStates;
        ref var emissions = ref MemoryMarshal.GetArrayDataReference(ws.Emissions);
        ref var alpha = ref MemoryMarshal.GetArrayDataReference(ws.Alpha);
        ref var transposed = ref MemoryMarshal.GetArrayDataReference(model.TransposedTransitions);
        ref var beta = ref MemoryMarshal.GetArrayDataReference(ws.Beta);
        ref var gamma = ref MemoryMarshal.GetArrayDataReference(ws.TileGamma);
        ref var weighted = ref MemoryMarshal.GetArrayDataReference(ws.TileWeighted);
        var last = Math.Min(end, length - 1); // steps t < last have a successor
        if (end == length)
        {
            ws.Beta.AsSpan(0, s).Fill(1.0);
            ref var a = ref Unsafe.Add(ref alpha, (length - 1) * sp);
            var sum = StateVectorKernels.Sum<TOps, TVec>(ref a, sp);
            StateVectorKernels.Normalise<TOps, TVec>(ref a, sum, ref Unsafe.Add(ref gamma, (length - 1 - t0) * sp), sp);
        }

        for (var t = last - 1; t >= t0; t--)
        {
            ref var w = ref Unsafe.Add(ref weighted, (t - t0) * sp);
            StateVectorKernels.Weigh<TOps, TVec>(
                ref Unsafe.Add(ref emissions, (t + 1) * sp), ref beta, 1.0 / ws.Scale[t + 1], ref w, sp);
            StateVectorKernels.Propagate<TOps, TVec>(ref w, ref transposed, s, sp, ref beta);
            ref var g = ref Unsafe.Add(ref gamma, (t - t0) * sp);
            var sum = StateVectorKernels.MaskedProduct<TOps, TVec>(
                ref Unsafe.Add(ref alpha, t * sp), ref beta, ref g, sp);
            StateVectorKernels.Normalise<TOps, TVec>(ref g, sum, ref g, sp);
        }

        StateVectorKernels.AddOuterProducts<TOps, TVec>(
            ref Unsafe.Add(ref alpha, t0 * sp), ref weighted, last - t0, s, sp,
            ref MemoryMarshal.GetArrayDataReference(ws.Block.Pairs));
    }
}
