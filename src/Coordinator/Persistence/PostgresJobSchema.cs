using AiMass.Seed.Protocol;
using Npgsql;

namespace AiMass.Coordinator.Persistence;

/// <summary>The SQL of <see cref="PostgresJobStore"/>: the table, its upgrade, the conditional save, the retention.
/// </summary>
internal static class PostgresJobSchema
{
    /// <summary>Creates the table, or adds the state column to one made by an older version.</summary>
    public static void Create(NpgsqlDataSource source)
    {
        using var command = source.CreateCommand("""
            CREATE TABLE IF NOT EXISTS aimass_jobs (
              job_id text PRIMARY KEY,
              spec text NOT NULL,
              status text NOT NULL,
              step integer NOT NULL,
              fit_state bytea,
              model text,
              submitted timestamptz NOT NULL,
              updated timestamptz NOT NULL,
              state text);
            ALTER TABLE aimass_jobs ADD COLUMN IF NOT EXISTS state text;
            UPDATE aimass_jobs SET state = status::json->>'State' WHERE state IS NULL;
            """);
        command.ExecuteNonQuery();
    }

    /// <summary>The conditional save of <see cref="IJobStore.SaveAsync"/>.</summary>
    public static async Task<JobSaveResult> SaveAsync(
        NpgsqlDataSource source, JobCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand($"""
            INSERT INTO aimass_jobs (job_id, spec, status, state, step, fit_state, model, submitted, updated)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (job_id) DO UPDATE SET spec = EXCLUDED.spec, status = EXCLUDED.status, state = EXCLUDED.state,
              step = EXCLUDED.step, fit_state = EXCLUDED.fit_state, model = EXCLUDED.model, updated = EXCLUDED.updated
            WHERE aimass_jobs.state IS NULL OR aimass_jobs.state NOT IN {JobRows.FinalStates};
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.JobId });
        command.Parameters.Add(new NpgsqlParameter { Value = JobRows.SpecJson(checkpoint) });
        command.Parameters.Add(new NpgsqlParameter { Value = JobRows.StatusJson(checkpoint) });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Status.State.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Step });
        command.Parameters.Add(new NpgsqlParameter<byte[]?>
        {
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea, TypedValue = checkpoint.FitState,
        });
        command.Parameters.Add(new NpgsqlParameter<string?>
        {
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, TypedValue = checkpoint.ModelJson,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Status.SubmittedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = JobRows.Updated(checkpoint).ToUniversalTime() });
        if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            return JobSaveResult.Written;
        }

        // The row is final, and a final row never changes again (only a delete removes it).
        await using var stored = source.CreateCommand("SELECT status FROM aimass_jobs WHERE job_id = $1;");
        stored.Parameters.Add(new NpgsqlParameter { Value = checkpoint.JobId });
        return JobSaveResult.Refused(JobRows.ReadStatus((string)(await stored.ExecuteScalarAsync(cancellationToken))!));
    }

    /// <summary>Every job, oldest first.</summary>
    public static async Task<IReadOnlyList<JobCheckpoint>> LoadAllAsync(
        NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            $"SELECT {JobRows.Columns} FROM aimass_jobs ORDER BY submitted, job_id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return JobRows.ReadAll(reader);
    }

    /// <summary>Deletes a finished job; false when no such finished job is stored.</summary>
    public static async Task<bool> DeleteAsync(
        NpgsqlDataSource source, string jobId, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            $"DELETE FROM aimass_jobs WHERE job_id = $1 AND state IN {JobRows.FinalStates};");
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes the finished jobs <paramref name="retention"/> does not keep; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> PruneAsync(
        NpgsqlDataSource source, JobRetention retention, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand($"""
            DELETE FROM aimass_jobs WHERE state IN {JobRows.FinalStates} AND (
              ($1::timestamptz IS NOT NULL AND updated < $1)
              OR ($2 > 0 AND job_id NOT IN (
                SELECT job_id FROM aimass_jobs WHERE state IN {JobRows.FinalStates}
                ORDER BY updated DESC, job_id DESC LIMIT $2)))
            RETURNING job_id;
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>
        {
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, TypedValue = retention.EndedAfter?.ToUniversalTime(),
        });
        command.Parameters.Add(new NpgsqlParameter { Value = retention.KeepJobs });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deleted = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deleted.Add(reader.GetString(0));
        }

        return deleted;
    }
}
