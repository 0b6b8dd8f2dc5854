namespace AiMass.Seed.Protocol;

/// <summary>Lifecycle of a cluster job.</summary>
public enum JobState
{
    /// <summary>Accepted, not yet iterating (planning, loading partitions).</summary>
    Pending,

    /// <summary>EM iterations are running.</summary>
    Running,

    /// <summary>Finished; the model is available.</summary>
    Succeeded,

    /// <summary>Stopped by an error; <see cref="JobStatus.Error"/> says why.</summary>
    Failed,

    /// <summary>Stopped by the user.</summary>
    Cancelled,
}
