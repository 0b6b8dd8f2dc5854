using System.Data.Common;
using System.Text.Json;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Persistence;

/// <summary>The job row both database stores keep: the column list they select, and the checkpoint it holds.
/// </summary>
internal static class JobRows
{
    /// <summary>The columns <see cref="ReadAll"/> expects, in its order.</summary>
    public const string Columns = "job_id, spec, status, step, fit_state, model";

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
                JsonSerializer.Deserialize<JobStatus>(reader.GetString(2))!,
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return jobs;
    }
}
