namespace AiMass.Seed.Protocol;

/// <summary>Lifecycle of a cluster job.</summary>
public enum JobState
{
    /// <summary>Accepted: sampling rows and initialising (k-means++) before the first iteration; cancellable.</summary>
    Planning,

    /// <summary>EM iterations are running.</summary>
    Running,

    /// <summary>
    /// The job store refused a checkpoint (a full disk, a lost database): the job waits, the write is retried with
    /// backoff, and the job continues once it lands. <see cref="JobStatus.Error"/> says why.
    /// </summary>
    Paused,

    /// <summary>Finished; the model is available.</summary>
    Succeeded,

    /// <summary>Stopped by an error; <see cref="JobStatus.Error"/> says why.</summary>
    Failed,

    /// <summary>Stopped by the user.</summary>
    Cancelled,
}
