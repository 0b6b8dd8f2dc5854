using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// What <see cref="IJobStore.SaveAsync"/> did: the checkpoint was written, or it was refused because the store
/// already holds a final state for the job (succeeded, failed or cancelled), which no write may replace.
/// </summary>
/// <param name="Saved">True when the checkpoint is now the job's row.</param>
/// <param name="FinalInStore">When refused: the final status the store keeps.</param>
public sealed record JobSaveResult(bool Saved, JobStatus? FinalInStore)
{
    /// <summary>The checkpoint was written.</summary>
    public static JobSaveResult Written { get; } = new(true, null);

    /// <summary>The write was refused: the store keeps <paramref name="final"/>.</summary>
    public static JobSaveResult Refused(JobStatus final) => new(false, final);
}
