namespace AiMass.Kernels.Candidates;

/// <summary>One row of a model-selection table: a candidate (k, covariance) from its best initialisation. The numbers
/// are null for a candidate that failed.</summary>
/// <param name="Components">k.</param>
/// <param name="Covariance">Covariance type.</param>
/// <param name="LowerBound">Its last lower bound (scikit-learn <c>lower_bound_</c>).</param>
/// <param name="LogLikelihood">Σ wᵢ log p(xᵢ) under it.</param>
/// <param name="Bic">Bayesian information criterion.</param>
/// <param name="Aic">Akaike information criterion.</param>
/// <param name="Icl">Integrated completed likelihood (mclust's, lower is better).</param>
/// <param name="Iterations">EM iterations of its best initialisation.</param>
/// <param name="Converged">Whether that initialisation converged.</param>
/// <param name="BestInit">0-based index of its best initialisation.</param>
/// <param name="Error">Why the candidate failed, or null.</param>
public sealed record SelectionRow(
    int Components, string Covariance, double? LowerBound, double? LogLikelihood, double? Bic, double? Aic,
    double? Icl, int? Iterations, bool Converged, int? BestInit, string? Error);
