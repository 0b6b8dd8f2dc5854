namespace AiMass.Kernels.Candidates;

/// <summary>
/// One candidate model (a K and covariance type) with its initialisations, as one <see cref="Em.EmFit"/> would
/// hold them: iterating while any run is unfinished, then scored once under the best run's model (the best lower
/// bound, scikit-learn's rule), then done. A candidate that failed (a degenerate component) is done with an error.
/// </summary>
/// <param name="Components">K (HMM: states).</param>
/// <param name="Covariance">Covariance type name (or the model kind).</param>
/// <param name="Prior">The MAP prior's description, or null.</param>
/// <param name="Runs">Its initialisations, in init order.</param>
/// <param name="Outcome">Its scoring pass, once done.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record CandidateGroup(
    int Components, string Covariance, string? Prior, IReadOnlyList<CandidateRun> Runs, CandidateOutcome? Outcome,
    string? Error)
{
    /// <summary>The arithmetic of its scoring pass (<see cref="Em.EmFit.PrecisionToEvaluate"/>: float32 only for
    /// <c>--precision single</c>).</summary>
    public EStep.EStepPrecision ScoringPrecision { get; init; } = EStep.EStepPrecision.Double;

    /// <summary>True while some initialisation needs more iterations.</summary>
    public bool Iterating => Error is null && Runs.Any(r => !r.Finished);

    /// <summary>True when every initialisation finished and the chosen model awaits its scoring pass.</summary>
    public bool Scoring => Error is null && Outcome is null && Runs.All(r => r.Finished);

    /// <summary>True once scored or failed.</summary>
    public bool Done => Error is not null || Outcome is not null;

    /// <summary>
    /// Index of the best run: the first whose final lower bound beats every earlier one (scikit-learn's
    /// <c>lower_bound &gt; max_lower_bound or max_lower_bound == -inf</c>, as <see cref="Em.EmFit"/>).
    /// </summary>
    public int Best
    {
        get
        {
            var best = -1;
            for (var i = 0; i < Runs.Count; i++)
            {
                if (best < 0 || Runs[i].LowerBound > Runs[best].LowerBound
                    || double.IsNegativeInfinity(Runs[best].LowerBound))
                {
                    best = i;
                }
            }

            return best;
        }
    }
}
