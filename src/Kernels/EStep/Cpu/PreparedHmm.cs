using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The parameters of one iteration in the form the HMM kernels read. The chain (π, A) is float64 with the state
/// axis padded to Sp, a whole number of float64 registers (padding entries are zero, so padded states never
/// receive mass). Gaussian emissions reuse the mixture's prepared densities (<see cref="PreparedMixture{T}"/>,
/// in the partition's centred frame, element type T) with a zero kernel bias: the per-state constant is added in
/// float64 from <see cref="LogNormalizers"/>.
/// </summary>
internal sealed record PreparedHmm<T>
    where T : unmanaged
{
    /// <summary>The float64 parameters these were prepared from.</summary>
    public required HmmParameters Parameters { get; init; }

    /// <summary>S.</summary>
    public int States => Parameters.States;

    /// <summary>S rounded up to a whole number of float64 registers.</summary>
    public required int PaddedStates { get; init; }

    /// <summary>π, <c>[Sp]</c>.</summary>
    public required double[] Start { get; init; }

    /// <summary>A, <c>[S × Sp]</c>: row r holds p(· | r).</summary>
    public required double[] Transitions { get; init; }

    /// <summary>Aᵀ, <c>[S × Sp]</c>: row s holds p(s | ·), for β̂_t = A w as a sum of rows.</summary>
    public required double[] TransposedTransitions { get; init; }

    /// <summary>Gaussian: log det U_s − ½ D log 2π, <c>[Sp]</c> (−∞ for padding); empty for categorical.</summary>
    public required double[] LogNormalizers { get; init; }

    /// <summary>Gaussian: the densities' kernel form with bias 0 (−∞ for padding); null for categorical.</summary>
    public required PreparedMixture<T>? Mixture { get; init; }

    /// <summary>Categorical: e(s | m) = B[s, m] / max_s B[s, m], <c>[M × Sp]</c>; empty for Gaussian.</summary>
    public required double[] SymbolEmissions { get; init; }

    /// <summary>Categorical: log max_s B[s, m] (−∞ when no state emits m), <c>[M]</c>; empty for Gaussian.</summary>
    public required double[] SymbolShifts { get; init; }

    /// <summary>True when this model's workspace shapes equal <paramref name="other"/>'s.</summary>
    public bool SameShape(PreparedHmm<T> other) =>
        other.Parameters.Emission == Parameters.Emission && other.States == States
        && other.PaddedStates == PaddedStates && other.Parameters.Features == Parameters.Features
        && other.Parameters.Symbols == Parameters.Symbols && other.Mixture?.Layout == Mixture?.Layout;
}
