using AiMass.Kernels.Em;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Additive E-step statistics of an HMM (Rabiner 1989, eqs. 37–40 and 53), float64. The Gaussian moments are
/// <b>shifted</b> by the state means of the parameters they were computed under (c_s = μ_s), exactly as
/// <see cref="Mixture.GaussianMixtureStatistics"/> does, so the M-step never forms E[x²] − μ² from raw moments.
/// </summary>
/// <remarks>
/// With γ_t(s) = p(z_t = s | X) and ξ_t(r, s) = p(z_t = r, z_{t+1} = s | X), summed over every sequence:
/// <list type="bullet">
/// <item><c>Start[s] = Σ_seq γ_0(s)</c>, <c>[S]</c> (hmmlearn <c>stats['start']</c>)</item>
/// <item><c>Transitions[r, s] = Σ_t ξ_t(r, s)</c>, <c>[S × S]</c> (hmmlearn <c>stats['trans']</c>)</item>
/// <item><c>Posterior[s] = Σ_t γ_t(s)</c>, <c>[S]</c> (hmmlearn <c>stats['post']</c>)</item>
/// <item>Gaussian: <c>S1[s, :] = Σ_t γ_t(s)(x_t − c_s)</c> <c>[S × D]</c>; S2 full
/// <c>Σ_t γ_t(s)(x_t − c_s)(x_t − c_s)ᵀ</c> <c>[S × D × D]</c>, diag <c>Σ_t γ_t(s)(x_t − c_s)²</c>
/// <c>[S × D]</c></item>
/// <item>Categorical: <c>Counts[s, m] = Σ_{t: x_t = m} γ_t(s)</c>, <c>[S × M]</c></item>
/// </list>
/// Arrays an emission kind does not use are empty. HMMs take no sample weights: <see cref="Weight"/> is the
/// number of observations. The constructor copies the lower triangle of full S2 blocks onto the upper one.
/// </remarks>
public sealed class HmmStatistics : SufficientStatistics
{
    /// <summary>Wraps accumulated arrays; the instance owns them from here on.</summary>
    public HmmStatistics(
        HmmEmission emission, int states, int features, int symbols, double[] start, double[] transitions,
        double[] posterior, double[] s1, double[] s2, double[] counts, double logLikelihood, long rows,
        long sequences)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(counts);
        var (s1Length, s2Length, countsLength) = Lengths(emission, states, features, symbols);
        if (start.Length != states || transitions.Length != states * states || posterior.Length != states
            || s1.Length != s1Length || s2.Length != s2Length || counts.Length != countsLength)
        {
            throw new ArgumentException(
                $"Statistics arrays do not match S={states}, D={features}, M={symbols}, {emission}.");
        }

        if (emission == HmmEmission.GaussianFull)
        {
            MirrorLowerTriangle(s2, states, features);
        }

        Emission = emission;
        States = states;
        Features = features;
        Symbols = symbols;
        Start = start;
        Transitions = transitions;
        Posterior = posterior;
        S1 = s1;
        S2 = s2;
        Counts = counts;
        LogLikelihood = logLikelihood;
        Rows = rows;
        Sequences = sequences;
    }

    /// <summary>What the states emit.</summary>
    public HmmEmission Emission { get; }

    /// <summary>Number of states (S).</summary>
    public int States { get; }

    /// <summary>Columns per row: D (Gaussian) or 1 (categorical).</summary>
    public int Features { get; }

    /// <summary>Number of symbols (M); 0 for Gaussian emissions.</summary>
    public int Symbols { get; }

    /// <summary>Expected start counts Σ_seq γ_0(s), <c>[S]</c>.</summary>
    public double[] Start { get; }

    /// <summary>Expected transition counts Σ_t ξ_t(r, s), <c>[S × S]</c>.</summary>
    public double[] Transitions { get; }

    /// <summary>Expected state occupancies Σ_t γ_t(s), <c>[S]</c>.</summary>
    public double[] Posterior { get; }

    /// <summary>Σ_t γ_t(s)(x_t − c_s), <c>[S × D]</c>; empty for categorical.</summary>
    public double[] S1 { get; }

    /// <summary>Shifted second moments: full <c>[S × D × D]</c>, diag <c>[S × D]</c>; empty for categorical.</summary>
    public double[] S2 { get; }

    /// <summary>Expected symbol counts per state, <c>[S × M]</c>; empty for Gaussian emissions.</summary>
    public double[] Counts { get; }

    /// <inheritdoc />
    /// <remarks>Σ over sequences of log p(sequence) under the parameters used.</remarks>
    public override double LogLikelihood { get; }

    /// <inheritdoc />
    /// <remarks>The number of observations: HMMs have no sample weights.</remarks>
    public override double Weight => Rows;

    /// <inheritdoc />
    public override long Rows { get; }

    /// <summary>Number of sequences the statistics cover.</summary>
    public long Sequences { get; }

    /// <inheritdoc />
    public override StatisticsLayout Layout => new HmmStatisticsLayout(Emission, States, Features, Symbols);

    /// <summary>Zero statistics of the given shape.</summary>
    public static HmmStatistics Zero(HmmEmission emission, int states, int features, int symbols)
    {
        var (s1, s2, counts) = Lengths(emission, states, features, symbols);
        return new HmmStatistics(
            emission, states, features, symbols, new double[states], new double[states * states],
            new double[states], new double[s1], new double[s2], new double[counts], 0, 0, 0);
    }

    /// <summary>Zero statistics shaped for <paramref name="parameters"/>.</summary>
    public static HmmStatistics Zero(HmmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Zero(parameters.Emission, parameters.States, parameters.Features, parameters.Symbols);
    }

    /// <inheritdoc />
    public override SufficientStatistics Add(SufficientStatistics other)
    {
        if (other is not HmmStatistics o || o.Emission != Emission || o.States != States
            || o.Features != Features || o.Symbols != Symbols)
        {
            throw new ArgumentException("Only statistics of the same HMM shape can be added.", nameof(other));
        }

        return new HmmStatistics(
            Emission, States, Features, Symbols, Sum(Start, o.Start), Sum(Transitions, o.Transitions),
            Sum(Posterior, o.Posterior), Sum(S1, o.S1), Sum(S2, o.S2), Sum(Counts, o.Counts),
            LogLikelihood + o.LogLikelihood, Rows + o.Rows, Sequences + o.Sequences);
    }

    /// <summary>
    /// Full second moments are symmetric; the lower triangle is authoritative and copied to the upper one (as for
    /// the mixtures), so statistics sent as triangles over the network equal the local ones bit for bit.
    /// </summary>
    private static void MirrorLowerTriangle(double[] s2, int states, int d)
    {
        for (var c = 0; c < states; c++)
        {
            var block = s2.AsSpan(c * d * d, d * d);
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    block[(j * d) + i] = block[(i * d) + j];
                }
            }
        }
    }

    private static (int S1, int S2, int Counts) Lengths(HmmEmission emission, int states, int features, int symbols) =>
        emission switch
        {
            HmmEmission.GaussianFull => (states * features, states * features * features, 0),
            HmmEmission.GaussianDiag => (states * features, states * features, 0),
            _ => (0, 0, states * symbols),
        };

    private static double[] Sum(double[] a, double[] b)
    {
        var result = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] + b[i];
        }

        return result;
    }
}
