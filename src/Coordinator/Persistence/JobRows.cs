using System.Data.Common;
using System.Text.Json;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Persistence;

/// <summary>The job row both database stores keep: the column list they select, the values they write, and the
/// checkpoint it holds.</summary>
internal static class JobRows
{
    /// <summary>The columns <see cref="ReadAll"/> expects, in its order.</summary>
    public const string Columns = "job_id, spec, status, step, fit_state, model";

    /// <summary>The final states as an SQL list, for the conditions that keep them final.</summary>
    public static readonly string FinalStates =
        $"('{JobState.Succeeded}', '{JobState.Failed}', '{JobState.Cancelled}')";

    /// <summary>
    /// The spec as stored: a finished job's without its <c>--init</c> model text (up to the API's body limit), which
    /// only a job that may still resume needs; <see cref="FitSpec.InitModelName"/> still names it.
    /// </summary>
    public static string SpecJson(JobCheckpoint checkpoint) =>
        JsonSerializer.Serialize(checkpoint.Status.IsFinal ? Slim(checkpoint.Spec) : checkpoint.Spec);

    /// <summary><paramref name="spec"/> without its bulky init model text.</summary>
    public static FitSpec Slim(FitSpec spec) => spec.InitModel is null ? spec : spec with { InitModel = null };

    /// <summary>
    /// The <c>updated</c> column: when the row was written; for a finished job, when it ended (its
    /// <see cref="JobStatus.FinishedAt"/>), which retention counts from.
    /// </summary>
    public static DateTimeOffset Updated(JobCheckpoint checkpoint) =>
        checkpoint.Status is { IsFinal: true, FinishedAt: { } ended } ? ended : DateTimeOffset.UtcNow;

    /// <summary>The status column's JSON.</summary>
    public static string StatusJson(JobCheckpoint checkpoint) => JsonSerializer.Serialize(checkpoint.Status);

    /// <summary>The status read back from the status column's JSON.</summary>
    public static JobStatus ReadStatus(string json) => JsonSerializer.Deserialize<JobStatus>(json)!;

    /// <summary>Every row of <paramref name="reader"/> (selected as <see cref="Columns"/>) as a checkpoint.</summary>
    public static IReadOnlyList<JobCheckpoint> ReadAll(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var jobs = new List<JobCheckpoint>();
        while (reader.Read())
        {
            jobs.Add(new JobCheckpoint(
                reader.GetString(0),
                JsonSerializer.Deserialize<FitSpec>(reader.GetString(1))!,
                ReadStatus(reader.GetString(2)),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return jobs;
    }
}
