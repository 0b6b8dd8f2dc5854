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
/// Σ_t ξ_t = A ⊙ P with P = Σ_t α̂_t w_tᵀ, one rank-1 update per step.
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

            var sum = StateVectorKernels.MultiplySum<TOps, TVec>(ref current, ref Unsafe.Add(ref emissions, t * sp), sp);
            var shift = ws.Shift[t];
            if (!(sum > 0) || double.IsNegativeInfinity(shift))
            {
                return double.NegativeInfinity;
            }

            StateVectorKernels.DivideAndFlush<TOps, TVec>(ref current, sum, Negligible, sp);
            ws.Scale[t] = sum;
            logLikelihood += Math.Log(sum) + shift;
            if ((t & 0xFFF) == 0xFFF)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return logLikelihood;
    }

    /// <summary>Starts the backward pass: β̂_{T−1} = 1 and γ_{T−1} = α̂_{T−1} renormalised.</summary>
    public static void BeginBackward<T>(PreparedHmm<T> model, HmmWorkspace<T> ws, int length)
        where T : unmanaged
    {
        var sp = model.PaddedStates;
        ws.Beta.AsSpan(0, model.States).Fill(1.0);
        ref var last = ref ws.Alpha[(length - 1) * sp];
        StateVectorKernels.Divide<TOps, TVec>(ref last, StateVectorKernels.Sum<TOps, TVec>(ref last, sp), sp);
    }

    /// <summary>
    /// Backward steps t = <paramref name="from"/> − 1 down to <paramref name="to"/>: β̂_t from β̂_{t+1}, the
    /// transition sums into the block's P, and γ_t in place of α̂_t (renormalised, as hmmlearn does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(PreparedHmm<T> model, HmmWorkspace<T> ws, int from, int to)
        where T : unmanaged
    {
        int s = model.States, sp = model.PaddedStates;
        ref var emissions = ref MemoryMarshal.GetArrayDataReference(ws.Emissions);
        ref var alpha = ref MemoryMarshal.GetArrayDataReference(ws.Alpha);
        ref var transposed = ref MemoryMarshal.GetArrayDataReference(model.TransposedTransitions);
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(ws.Block.Pairs);
        ref var beta = ref MemoryMarshal.GetArrayDataReference(ws.Beta);
        ref var weighted = ref MemoryMarshal.GetArrayDataReference(ws.Weighted);
        for (var t = from - 1; t >= to; t--)
        {
            StateVectorKernels.Weigh<TOps, TVec>(
                ref Unsafe.Add(ref emissions, (t + 1) * sp), ref beta, 1.0 / ws.Scale[t + 1], ref weighted, sp);
            ref var current = ref Unsafe.Add(ref alpha, t * sp);
            StateVectorKernels.Propagate<TOps, TVec>(ref weighted, ref transposed, s, sp, ref beta);
            StateVectorKernels.AddOuter<TOps, TVec>(ref current, ref weighted, s, sp, ref pairs);
            var sum = StateVectorKernels.MaskedProduct<TOps, TVec>(ref current, ref beta, sp);
            StateVectorKernels.Divide<TOps, TVec>(ref current, sum, sp);
        }
    }
}
