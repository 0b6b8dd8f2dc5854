namespace AiMass.Coordinator.Persistence;

/// <summary>Durable job checkpoints; written after every M-step and at the end of a job.</summary>
public interface IJobStore
{
    /// <summary>Inserts or replaces the checkpoint of <see cref="JobCheckpoint.JobId"/>.</summary>
    void Save(JobCheckpoint checkpoint);

    /// <summary>Every stored job, oldest first.</summary>
    IReadOnlyList<JobCheckpoint> LoadAll();

    /// <summary>Where the jobs are kept, for log lines (never credentials).</summary>
    string Location { get; }
}
