using System.Text.Json.Serialization;

namespace AiMass.Seed.Protocol;

/// <summary>What <c>aimass status</c>, <c>watch</c> and <c>jobs</c> show of a job.</summary>
/// <param name="JobId">Job id.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Summary">The model and data, e.g. "gmm K=16 full on /data/x.npy".</param>
/// <param name="InitCount">Number of initialisations.</param>
/// <param name="PartitionsTotal">Partitions of the dataset.</param>
/// <param name="PartitionsDone">Partitions that answered the current step.</param>
/// <param name="Error">Why the job failed, for the user.</param>
/// <param name="InputError">True when the failure is bad input the user must fix (CLI exit code 2).</param>
/// <param name="SubmittedAt">When the job was accepted (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC), or null.</param>
/// <param name="Converged">Whether the result converged (when succeeded).</param>
/// <param name="History">Iterations from <c>since</c> on (all when asked from 0).</param>
/// <param name="IterationsTotal">Number of iterations recorded so far (for paging the history).</param>
public sealed record JobStatus(
    string JobId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<JobState>))] JobState State,
    string Summary,
    int InitCount,
    int PartitionsTotal,
    int PartitionsDone,
    string? Error,
    bool InputError,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FinishedAt,
    bool? Converged,
    IReadOnlyList<ProgressEntry> History,
    int IterationsTotal)
{
    /// <summary>True when the job can no longer change.</summary>
    [JsonIgnore]
    public bool IsFinal => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
