using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// What survives a coordinator restart: the job as submitted, where it stands (the EM state after the last M-step
/// and the step counter), its progress history, and — once finished — its model or error.
/// </summary>
/// <param name="JobId">Job id.</param>
/// <param name="Spec">The job as submitted (partitions resolved).</param>
/// <param name="Status">The last status (state, summary, history, error, times).</param>
/// <param name="Step">The last step whose statistics were reduced (requests continue from Step + 1).</param>
/// <param name="FitState">The encoded <see cref="Kernels.Em.EmFitState"/>, while the job runs.</param>
/// <param name="ModelJson">The model file, once the job succeeded.</param>
public sealed record JobCheckpoint(
    string JobId, FitSpec Spec, JobStatus Status, int Step, byte[]? FitState, string? ModelJson);
