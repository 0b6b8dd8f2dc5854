namespace AiMass.Kernels.Candidates;

/// <summary>The scoring pass of a candidate's chosen model (as <see cref="Em.EmFit"/>'s final pass).</summary>
/// <param name="LogLikelihood">Σ wᵢ log p(xᵢ) under the chosen model.</param>
/// <param name="Weight">Σ wᵢ.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Classification">Σ wᵢ log max_k r_ik under the chosen model (for the ICL; 0 when not asked).</param>
public sealed record CandidateOutcome(double LogLikelihood, double Weight, long Rows, double Classification);
