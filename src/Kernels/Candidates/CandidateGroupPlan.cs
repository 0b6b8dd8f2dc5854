using AiMass.Kernels.Em;

namespace AiMass.Kernels.Candidates;

/// <summary>How to fit one candidate: what a separate fit of it would use.</summary>
/// <param name="Components">K (HMM: states).</param>
/// <param name="Covariance">Covariance type name (or the model kind).</param>
/// <param name="Model">Its M-step.</param>
/// <param name="Settings">Its iteration limit and tolerance.</param>
/// <param name="Initial">Initial parameters of initialisation i (deterministic).</param>
/// <param name="InitCount">Number of initialisations.</param>
public sealed record CandidateGroupPlan(
    int Components, string Covariance, IEmModel Model, EmSettings Settings, Func<int, ModelParameters> Initial,
    int InitCount);
