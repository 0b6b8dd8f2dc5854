using Akka.Actor;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The protocol of a job's <see cref="JobStoreWriterActor"/> (local to the coordinator, never serialized). A
/// <see cref="Save"/> is answered to its sender with <see cref="Saved"/>, <see cref="SaveRefused"/> or
/// <see cref="SaveFailed"/>; while the store fails, with a <see cref="StoreFaulted"/> per failed attempt.
/// </summary>
public static class JobStoreWrites
{
    /// <summary>Write <paramref name="Checkpoint"/> as the job's row (replacing any newer-than-stored one that waits).
    /// </summary>
    /// <param name="Checkpoint">The whole row.</param>
    public sealed record Save(JobCheckpoint Checkpoint);

    /// <summary>The checkpoint of <paramref name="Step"/> in <paramref name="State"/> is the job's row.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="State">The state written.</param>
    /// <param name="Step">The step written.</param>
    public sealed record Saved(string JobId, JobState State, int Step);

    /// <summary>Nothing was written: the store already holds a final state for the job.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="FinalInStore">The final status the store keeps.</param>
    public sealed record SaveRefused(string JobId, JobStatus FinalInStore);

    /// <summary>
    /// A write failed with an error of the store (<see cref="JobStoreException"/>); it is retried after
    /// <paramref name="RetryIn"/>, with the newest checkpoint then waiting.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Reason">The store's error, naming the store (never credentials).</param>
    /// <param name="RetryIn">When the next attempt starts.</param>
    public sealed record StoreFaulted(string JobId, string Reason, TimeSpan RetryIn);

    /// <summary>A write failed with an error that is not the store's (a bug); it is not retried.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Reason">The exception's type and message.</param>
    public sealed record SaveFailed(string JobId, string Reason);

    /// <summary>The writer's own record of a finished attempt (piped back from the store's task).</summary>
    internal sealed record Attempted(JobSaveResult? Result, Exception? Error);

    /// <summary>The writer's timer: try the waiting checkpoint again.</summary>
    internal sealed record RetryDue;

    /// <summary>Who asked for a checkpoint to be written, and what.</summary>
    internal sealed record Pending(JobCheckpoint Checkpoint, IActorRef ReplyTo);
}
