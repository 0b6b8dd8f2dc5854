namespace AiMass.Kernels.Em;

/// <summary>The outcome of a whole fit: the best initialisation's model and how it got there.</summary>
/// <param name="Parameters">The fitted model (after the best initialisation's last M-step).</param>
/// <param name="Converged">Whether the best initialisation converged.</param>
/// <param name="Iterations">EM steps of the best initialisation (scikit-learn <c>n_iter_</c>).</param>
/// <param name="LowerBound">Its last lower bound (scikit-learn <c>lower_bound_</c>).</param>
/// <param name="History">Its iterations, oldest first.</param>
/// <param name="LogLikelihood">Σ wᵢ log p(xᵢ) under the fitted model (one extra E-step pass).</param>
/// <param name="Weight">Σ wᵢ over the data (the row count when unweighted).</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="BestInit">0-based index of the initialisation that won.</param>
/// <param name="InitLowerBounds">Final lower bound of every initialisation.</param>
public sealed record FitResult(
    ModelParameters Parameters,
    bool Converged,
    int Iterations,
    double LowerBound,
    IReadOnlyList<IterationRecord> History,
    double LogLikelihood,
    double Weight,
    long Rows,
    int BestInit,
    IReadOnlyList<double> InitLowerBounds)
{
    /// <summary>The MAP-EM prior (one line), or null for maximum likelihood; with a prior the lower bounds are mean
    /// log posteriors.</summary>
    public string? Prior { get; init; }

    /// <summary>Integrated completed likelihood (mclust's ICL, lower is better): BIC − 2 Σ wᵢ log max_k r_ik; set by
    /// model selection, null otherwise.</summary>
    public double? Icl { get; init; }

    /// <summary>Model selection: the criterion (bic, aic or icl) that chose this model among
    /// <see cref="Selection"/>; null for a plain fit.</summary>
    public string? Criterion { get; init; }

    /// <summary>Model selection: one row per candidate (k, covariance), from its best initialisation.</summary>
    public IReadOnlyList<Candidates.SelectionRow>? Selection { get; init; }

    /// <summary>Bayesian information criterion, as scikit-learn: −2 log L + p ln n (n = Σ w).</summary>
    public double Bic => (-2 * LogLikelihood) + (Parameters.FreeParameterCount * Math.Log(Weight));

    /// <summary>Akaike information criterion, as scikit-learn: −2 log L + 2p.</summary>
    public double Aic => (-2 * LogLikelihood) + (2.0 * Parameters.FreeParameterCount);
}
