namespace AiMass.Kernels.Hmm;

/// <summary>
/// MAP re-estimation of Gaussian state means and covariances from shifted statistics, with hmmlearn's formulas
/// (<c>GaussianHMM._do_mstep</c>, after Huang, Acero and Hon, <i>Spoken Language Processing</i>, pp. 443–445).
/// </summary>
/// <remarks>
/// Per state, with N = Σγ + 10ε (scikit-learn's floor, so an empty state stays finite), shift c = previous mean,
/// S1 = Σγ(x − c), S2 = Σγ(x − c)(x − c)ᵀ, prior mean μ₀, weight λ, scale ψ and weight ν:
/// <list type="bullet">
/// <item>e = (λ(μ₀ − c) + S1)/(λ + N), μ = c + e  — equals (λμ₀ + Σγx)/(λ + N)</item>
/// <item>C = λ(μ − μ₀)(μ − μ₀)ᵀ + S2 − S1eᵀ − eS1ᵀ + N eeᵀ  — equals λ(μ − μ₀)(μ − μ₀)ᵀ + Σγ(x − μ)(x − μ)ᵀ</item>
/// <item>full: Σ = (ψI + C)/(max(ν − D, 0) + N) + reg·I;
/// diag: σ² = (ψ + C_jj)/max(max(ν − 1, 0) + N, 1e−5) + reg</item>
/// </list>
/// hmmlearn adds a scalar <c>covars_prior</c> to every entry of a full matrix (numpy broadcasting); here it is
/// the inverse-Wishart scale ψI, which is what it means for diag and what keeps the prior positive definite.
/// </remarks>
internal static class HmmGaussianEstimate
{
    private const double NFloor = 10 * 2.220446049250313e-16;

    /// <summary>Means <c>[S × D]</c> and covariances (full <c>[S × D × D]</c>, diag <c>[S × D]</c>).</summary>
    /// <remarks>With <paramref name="updateMeans"/> false (hmmlearn <c>params</c> without m) the means stay the
    /// previous ones exactly (e = 0) and the covariances are estimated about them.</remarks>
    public static (double[] Means, double[] Covariances) Estimate(
        HmmStatistics stats, HmmParameters previous, HmmPriors priors, double regCovar, bool updateMeans = true)
    {
        int s = stats.States, d = stats.Features;
        var full = stats.Emission == HmmEmission.GaussianFull;
        var means = new double[s * d];
        var covariances = new double[full ? s * d * d : s * d];
        var e = new double[d];
        var offset = new double[d];
        double lambda = priors.MeansWeight, mu0 = priors.MeansPrior;
        for (var c = 0; c < s; c++)
        {
            var n = stats.Posterior[c] + NFloor;
            var shift = previous.Mean(c);
            var s1 = stats.S1.AsSpan(c * d, d);
            for (var j = 0; j < d; j++)
            {
                e[j] = updateMeans ? ((lambda * (mu0 - shift[j])) + s1[j]) / (lambda + n) : 0;
                means[(c * d) + j] = shift[j] + e[j];
                offset[j] = means[(c * d) + j] - mu0;
            }

            var state = new State(n, s1, e, offset, lambda, priors.CovarsPrior, regCovar);
            if (full)
            {
                FullCovariance(
                    state, stats.S2.AsSpan(c * d * d, d * d), Math.Max(priors.CovarsWeight - d, 0) + n,
                    covariances.AsSpan(c * d * d, d * d));
            }
            else
            {
                DiagonalCovariance(
                    state, stats.S2.AsSpan(c * d, d), Math.Max(Math.Max(priors.CovarsWeight - 1, 0) + n, 1e-5),
                    covariances.AsSpan(c * d, d));
            }
        }

        return (means, covariances);
    }

    /// <summary>Σ = (ψI + C)/denominator + reg·I, symmetrised from the two triangles of S2.</summary>
    private static void FullCovariance(State state, ReadOnlySpan<double> s2, double denominator, Span<double> block)
    {
        var d = state.E.Length;
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                // Average the two triangles so the result is exactly symmetric.
                var scatter = 0.5 * (s2[(i * d) + j] + s2[(j * d) + i]);
                var numerator = state.Scatter(i, j, scatter) + (i == j ? state.CovarsPrior : 0);
                block[(i * d) + j] = block[(j * d) + i] = numerator / denominator;
            }

            block[(i * d) + i] += state.RegCovar;
        }
    }

    /// <summary>σ²_j = (ψ + C_jj)/denominator + reg.</summary>
    private static void DiagonalCovariance(State state, ReadOnlySpan<double> s2, double denominator, Span<double> row)
    {
        for (var j = 0; j < row.Length; j++)
        {
            row[j] = ((state.Scatter(j, j, s2[j]) + state.CovarsPrior) / denominator) + state.RegCovar;
        }
    }

    /// <summary>One state's quantities: N, S1, the mean step e, μ − μ₀, and the prior constants.</summary>
    private readonly ref struct State(
        double n, ReadOnlySpan<double> s1, ReadOnlySpan<double> e, ReadOnlySpan<double> offset, double lambda,
        double covarsPrior, double regCovar)
    {
        public ReadOnlySpan<double> E { get; } = e;

        public double CovarsPrior { get; } = covarsPrior;

        public double RegCovar { get; } = regCovar;

        private ReadOnlySpan<double> S1 { get; } = s1;

        private ReadOnlySpan<double> Offset { get; } = offset;

        /// <summary>C_ij = λ(μ − μ₀)_i(μ − μ₀)_j + S2_ij − S1_i e_j − e_i S1_j + N e_i e_j.</summary>
        public double Scatter(int i, int j, double s2) =>
            (lambda * Offset[i] * Offset[j]) + s2 - (S1[i] * E[j]) - (E[i] * S1[j]) + (n * E[i] * E[j]);
    }
}
