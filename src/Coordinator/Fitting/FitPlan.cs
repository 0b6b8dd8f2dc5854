using AiMass.Kernels.Em;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>What the EM driver needs for one job, whoever computes the E-steps.</summary>
/// <param name="Spec">The job as the user gave it.</param>
/// <param name="Model">The family's M-step.</param>
/// <param name="Settings">Iteration limit and tolerance.</param>
/// <param name="Initial">Initial parameters of initialisation i (deterministic).</param>
/// <param name="InitCount">Number of initialisations.</param>
/// <param name="Summary">One line describing the model, e.g. "gmm K=16 full".</param>
public sealed record FitPlan(
    FitSpec Spec, IEmModel Model, EmSettings Settings, Func<int, ModelParameters> Initial, int InitCount,
    string Summary)
{
    /// <summary>A fresh EM state machine for this plan.</summary>
    public EmFit StartFit() => new(Model, Initial, InitCount, Settings);
}
