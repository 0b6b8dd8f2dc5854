using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The parameters of one iteration in the form the kernels read, in the partition's centred frame
/// x' = x − m_p (m_p: the partition's column means), rounded to the element type T.
/// </summary>
/// <remarks>
/// Each component's rows are centred on ĉ_k = T(c'_k), c'_k = c_k − m_p; the kernels accumulate statistics of
/// ẑ = x' − ĉ_k and <see cref="StatisticsAssembler"/> moves them exactly (in float64) to the shift c'_k using
/// <see cref="Delta"/> = ĉ_k − c'_k. Densities (scikit-learn's forms, Bishop PRML eq. 2.43): full and tied
/// y = x'U_k − b_k with b_k = μ'_k U_k computed in float64; diag y_j = x'_j p_kj − μ'_kj p_kj, spherical
/// p_k (x'_j − μ'_kj) with p_k² applied to the sum.
/// In the centred frame the float32 error of y grows with |x'|/σ (linearly, never its square).
/// </remarks>
internal sealed record PreparedMixture<T>
    where T : unmanaged
{
    /// <summary>Shapes and padding.</summary>
    public required MixtureLayout Layout { get; init; }

    /// <summary>log π_k + Σ log diag U_k − ½ D log 2π, <c>[K4]</c> (−∞ for padding components).</summary>
    public required T[] Bias { get; init; }

    /// <summary>b_k − T(b_k) in float64, <c>[K]</c>: what rounding the biases cost each row's log-density.
    /// </summary>
    public required double[] BiasError { get; init; }

    /// <summary>ĉ_k, <c>[K × Dp]</c> (zero padding).</summary>
    public required T[] Centres { get; init; }

    /// <summary>ĉ_k − c'_k in float64, <c>[K × D]</c>.</summary>
    public required double[] Delta { get; init; }

    /// <summary>Full: U_k <c>[K × D × H]</c>; tied: U <c>[D × H]</c> (zero-padded columns); otherwise empty.</summary>
    public required T[] Triangular { get; init; }

    /// <summary>Full: the initial value of y, −b_k = −μ'_k U_k, <c>[K × H]</c>; otherwise zeros <c>[H]</c>.</summary>
    public required T[] Offset { get; init; }

    /// <summary>Diag: p_kj; spherical and tied: 1 (the kernel adds instead); <c>[D × K4]</c> (feature-major, zero
    /// for padded components).</summary>
    public required T[] Scale { get; init; }

    /// <summary>Diag: −μ'_kj p_kj; spherical: −μ'_kj; tied: −(μ'_k U)_j; <c>[D × K4]</c>.</summary>
    public required T[] Shift { get; init; }

    /// <summary>What multiplies Σ_j (x s + o)² in ℓ_k: −½ p_k² for spherical (its p_k left out of s and o), −½
    /// otherwise; <c>[K4]</c>.</summary>
    public required T[] NormScale { get; init; }
}
