using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Priors;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// The HMM M-step (Baum-Welch re-estimation, Rabiner 1989 eqs. 40a–c and 53), MAP with hmmlearn's priors
/// (<c>BaseHMM._do_mstep</c>, <c>CategoricalHMM._do_mstep</c>, <c>GaussianHMM._do_mstep</c>): pure, from the
/// total statistics only.
/// </summary>
/// <remarks>
/// Probabilities: p_i ∝ max(α − 1 + n_i, 0) per start vector, transition row and emission row. Entries of the
/// previous π and A that are exactly zero stay zero (structural zeros, e.g. a left-right model), as in hmmlearn.
/// A vector whose new entries are all zero (no expected counts, e.g. a state never visited) keeps its previous
/// value instead of hmmlearn's row of zeros, so the parameters stay valid. Gaussian means and covariances: see
/// <see cref="HmmGaussianEstimate"/>; <see cref="RegCovar"/> is added to every covariance diagonal.
/// </remarks>
/// <param name="RegCovar">Non-negative value added to the covariance diagonals (scikit-learn <c>reg_covar</c>).</param>
public sealed record HmmMStep(double RegCovar = 1e-6) : IEmModel
{
    /// <summary>MAP priors; <see cref="HmmPriors.None"/> (the default) is maximum likelihood.</summary>
    public HmmPriors Priors { get; init; } = HmmPriors.None;

    /// <summary>A saved model as the MAP prior (instead of <see cref="Priors"/>); null for none.</summary>
    public HmmPriorModel? PriorModel { get; init; }

    /// <summary>hmmlearn's <c>params</c>: the letters (<see cref="HmmParamLetters"/>) the M-step updates; null for
    /// all. A parameter left out keeps its previous value exactly.</summary>
    public string? Params { get; init; }

    /// <inheritdoc />
    public string? PriorDescription => PriorModel?.Description;

    /// <inheritdoc />
    public double LogPrior(ModelParameters parameters) =>
        PriorModel is { } prior ? prior.LogPrior((HmmParameters)parameters) : 0;

    /// <inheritdoc />
    public ModelParameters MStep(SufficientStatistics total, ModelParameters previous)
    {
        ArgumentNullException.ThrowIfNull(total);
        ArgumentNullException.ThrowIfNull(previous);
        if (total is not HmmStatistics stats || previous is not HmmParameters parameters)
        {
            throw new ArgumentException("The HMM M-step needs HMM statistics and parameters.");
        }

        return Estimate(stats, parameters);
    }

    /// <summary>New parameters from <paramref name="stats"/>, computed under <paramref name="previous"/>.</summary>
    public HmmParameters Estimate(HmmStatistics stats, HmmParameters previous)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(previous);
        if (stats.Emission != previous.Emission || stats.States != previous.States
            || stats.Features != previous.Features || stats.Symbols != previous.Symbols)
        {
            throw new ArgumentException("The statistics do not have the shape of the previous parameters.");
        }

        if (!(RegCovar >= 0) || double.IsInfinity(RegCovar))
        {
            throw new InvalidInputException($"--reg-covar {RegCovar} must be a finite number ≥ 0.");
        }

        Priors.Validate();
        PriorModel?.Validate(previous);
        var (start, transitions) = PriorModel is { } model
            ? model.EstimateChain(stats, previous)
            : EstimateChain(stats, previous);
        start = Updates('s') ? start : [.. previous.StartProbabilities];
        transitions = Updates('t') ? transitions : [.. previous.Transitions];
        if (stats.Emission == HmmEmission.Categorical)
        {
            var table = !Updates('e') ? [.. previous.EmissionProbabilities]
                : PriorModel?.EstimateEmissionTable(stats, previous) ?? EstimateEmissionTable(stats, previous);
            return HmmParameters.CreateCategorical(start, transitions, table, stats.Symbols);
        }

        var (means, covariances) = PriorModel is { } gaussian
            ? HmmGaussianMap.Estimate(stats, previous, gaussian.Gaussian, RegCovar, Updates('m'))
            : HmmGaussianEstimate.Estimate(stats, previous, Priors, RegCovar, Updates('m'));
        covariances = Updates('c') ? covariances : [.. previous.Covariances];
        try
        {
            return HmmParameters.CreateGaussian(
                stats.Emission.CovarianceType(), start, transitions, means, covariances, stats.Features);
        }
        catch (DegenerateComponentException e)
        {
            throw new DegenerateComponentException(
                e.Component,
                $"State {e.Component} has an ill-defined covariance (it holds {stats.Posterior[e.Component]:G4} of " +
                $"{stats.Rows} observations' posterior weight): raise --reg-covar (now {RegCovar:G3}) or lower " +
                "--states.");
        }
    }

    private bool Updates(char letter) => Params is null || Params.Contains(letter, StringComparison.Ordinal);

    /// <summary>π <c>[S]</c> and A <c>[S × S]</c> from the expected start and transition counts.</summary>
    private (double[] Start, double[] Transitions) EstimateChain(HmmStatistics stats, HmmParameters previous)
    {
        var s = stats.States;
        var start = new double[s];
        Dirichlet(stats.Start, Priors.StartProbPrior, previous.StartProbabilities.AsSpan(), true, start);
        var transitions = new double[s * s];
        for (var r = 0; r < s; r++)
        {
            Dirichlet(
                stats.Transitions.AsSpan(r * s, s), Priors.TransmatPrior, previous.TransitionRow(r), true,
                transitions.AsSpan(r * s, s));
        }

        return (start, transitions);
    }

    /// <summary>
    /// B <c>[S × M]</c> from the expected symbol counts (emission zeros are not structural, as in hmmlearn).
    /// </summary>
    private double[] EstimateEmissionTable(HmmStatistics stats, HmmParameters previous)
    {
        int s = stats.States, m = stats.Symbols;
        var emissions = new double[s * m];
        for (var c = 0; c < s; c++)
        {
            Dirichlet(
                stats.Counts.AsSpan(c * m, m), Priors.EmissionProbPrior,
                previous.EmissionProbabilities.AsSpan(c * m, m), false, emissions.AsSpan(c * m, m));
        }

        return emissions;
    }

    /// <summary>
    /// result_i ∝ max(α − 1 + n_i, 0), zero where <paramref name="keepZeros"/> and previous_i = 0; the previous
    /// vector when every entry comes out zero.
    /// </summary>
    private static void Dirichlet(
        ReadOnlySpan<double> counts, double alpha, ReadOnlySpan<double> previous, bool keepZeros, Span<double> result)
    {
        var sum = 0.0;
        for (var i = 0; i < counts.Length; i++)
        {
            result[i] = keepZeros && previous[i] == 0 ? 0 : Math.Max(alpha - 1 + counts[i], 0);
            sum += result[i];
        }

        if (!(sum > 0) || !double.IsFinite(sum))
        {
            previous.CopyTo(result);
            return;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            result[i] /= sum;
        }
    }
}
