using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Immutable hidden-Markov-model parameters (hmmlearn's names): start probabilities π, transition matrix A and
/// per-state emissions — Gaussian means and covariances with their precision Cholesky factors (as
/// <see cref="GaussianMixtureParameters"/> keeps them), or a categorical emission table. All arrays are flat
/// and row-major; arrays an emission kind does not use are empty.
/// </summary>
public sealed class HmmParameters : ModelParameters
{
    /// <summary>Largest allowed |row sum − 1| of a probability vector.</summary>
    public const double SumTolerance = 1e-6;

    private HmmParameters(HmmEmission emission, int states, int features, int symbols, double[][] arrays)
    {
        Emission = emission;
        States = states;
        Features = features;
        Symbols = symbols;
        StartProbabilities = ImmutableCollectionsMarshal.AsImmutableArray(arrays[0]);
        Transitions = ImmutableCollectionsMarshal.AsImmutableArray(arrays[1]);
        Means = ImmutableCollectionsMarshal.AsImmutableArray(arrays[2]);
        Covariances = ImmutableCollectionsMarshal.AsImmutableArray(arrays[3]);
        PrecisionCholesky = ImmutableCollectionsMarshal.AsImmutableArray(arrays[4]);
        LogDetPrecisionCholesky = ImmutableCollectionsMarshal.AsImmutableArray(arrays[5]);
        EmissionProbabilities = ImmutableCollectionsMarshal.AsImmutableArray(arrays[6]);
    }

    /// <summary>What the states emit.</summary>
    public HmmEmission Emission { get; }

    /// <summary>Number of hidden states (S).</summary>
    public int States { get; }

    /// <summary>Columns per data row: D for Gaussian emissions, 1 (the symbol) for categorical.</summary>
    public override int Features { get; }

    /// <summary>Number of categorical symbols (M); 0 for Gaussian emissions.</summary>
    public int Symbols { get; }

    /// <summary>Start probabilities π (hmmlearn <c>startprob_</c>), <c>[S]</c>, summing to 1.</summary>
    public ImmutableArray<double> StartProbabilities { get; }

    /// <summary>
    /// Transition matrix A (hmmlearn <c>transmat_</c>), <c>[S × S]</c>, A[r, s] = p(s | r); rows sum to 1.
    /// </summary>
    public ImmutableArray<double> Transitions { get; }

    /// <summary>Gaussian state means μ, <c>[S × D]</c>; empty for categorical emissions.</summary>
    public ImmutableArray<double> Means { get; }

    /// <summary>Gaussian covariances: full <c>[S × D × D]</c>, diag <c>[S × D]</c>; empty for categorical.</summary>
    public ImmutableArray<double> Covariances { get; }

    /// <summary>
    /// Precision Cholesky factors in the covariances' layout: upper-triangular U with Σ⁻¹ = U Uᵀ (full), 1/σ (diag).
    /// </summary>
    public ImmutableArray<double> PrecisionCholesky { get; }

    /// <summary>Σ log diag(U_s) per state, <c>[S]</c> (½ log det Σ_s⁻¹); empty for categorical.</summary>
    public ImmutableArray<double> LogDetPrecisionCholesky { get; }

    /// <summary>
    /// Categorical emission probabilities B (hmmlearn <c>emissionprob_</c>), <c>[S × M]</c>; rows sum to 1.
    /// </summary>
    public ImmutableArray<double> EmissionProbabilities { get; }

    /// <inheritdoc />
    /// <remarks>(S − 1) start + S(S − 1) transition parameters plus the emissions': S·D means and S·D(D+1)/2
    /// (full) or S·D (diag) covariance values, or S(M − 1) categorical probabilities.</remarks>
    public override long FreeParameterCount
    {
        get
        {
            long s = States, d = Features;
            var emissions = Emission switch
            {
                HmmEmission.GaussianFull => (s * d) + (s * d * (d + 1) / 2),
                HmmEmission.GaussianDiag => 2 * s * d,
                _ => s * (Symbols - 1),
            };
            return (s - 1) + (s * (s - 1)) + emissions;
        }
    }

    /// <summary>The mean of state <paramref name="s"/>, <c>[D]</c> (Gaussian emissions).</summary>
    public ReadOnlySpan<double> Mean(int s) => Means.AsSpan(s * Features, Features);

    /// <summary>Row <paramref name="r"/> of the transition matrix, <c>[S]</c>.</summary>
    public ReadOnlySpan<double> TransitionRow(int r) => Transitions.AsSpan(r * States, States);

    /// <summary>
    /// A Gaussian HMM. <paramref name="type"/> is full or diag; shapes: start <c>[S]</c>, transitions
    /// <c>[S × S]</c>, means <c>[S × D]</c>, covariances <c>[S × D × D]</c> or <c>[S × D]</c>. Throws
    /// <see cref="InvalidInputException"/> naming the bad value, and <see cref="DegenerateComponentException"/>
    /// for a covariance that is not positive definite. Full covariances are stored with both triangles set to their
    /// average (the canonical form the mixtures use, so every node derives the same precision factors). The arrays
    /// are owned by the result from here on.
    /// </summary>
    public static HmmParameters CreateGaussian(
        CovarianceType type, double[] start, double[] transitions, double[] means, double[] covariances, int features)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        var emission = HmmEmissions.FromCovarianceType(type);
        var s = HmmParameterChecks.StartAndTransitions(start, transitions);
        HmmParameterChecks.GaussianShapes(type, s, features, means, covariances);
        if (type == CovarianceType.Full)
        {
            covariances = HmmParameterChecks.Symmetrized(covariances, s, features);
        }

        var precision = new double[covariances.Length];
        var logDet = HmmParameterChecks.PrecisionCholesky(type, s, features, covariances, precision);
        return new HmmParameters(
            emission, s, features, 0, [start, transitions, means, covariances, precision, logDet, []]);
    }

    /// <summary>
    /// A categorical HMM over <paramref name="symbols"/> symbols: start <c>[S]</c>, transitions <c>[S × S]</c>,
    /// emission probabilities <c>[S × M]</c>. Throws <see cref="InvalidInputException"/> naming the bad value.
    /// The arrays are owned by the result from here on.
    /// </summary>
    public static HmmParameters CreateCategorical(
        double[] start, double[] transitions, double[] emissionProbabilities, int symbols)
    {
        ArgumentNullException.ThrowIfNull(emissionProbabilities);
        var s = HmmParameterChecks.StartAndTransitions(start, transitions);
        if (symbols < 1)
        {
            throw new InvalidInputException($"A categorical HMM needs at least one symbol (M={symbols}).");
        }

        if (emissionProbabilities.Length != s * symbols)
        {
            throw new InvalidInputException(
                $"emissionprob has {emissionProbabilities.Length} values; S={s} states × M={symbols} symbols " +
                $"need {s * symbols}.");
        }

        for (var r = 0; r < s; r++)
        {
            HmmParameterChecks.Distribution(emissionProbabilities.AsSpan(r * symbols, symbols), $"emissionprob[{r}]");
        }

        return new HmmParameters(
            HmmEmission.Categorical, s, 1, symbols, [start, transitions, [], [], [], [], emissionProbabilities]);
    }
}
