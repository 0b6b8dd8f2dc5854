using AiMass.Seed.Protocol;
using Microsoft.Data.Sqlite;

namespace AiMass.Coordinator.Persistence;

/// <summary>The SQL of <see cref="SqliteJobStore"/>: the table, its upgrade, the conditional save, the retention.
/// </summary>
internal static class SqliteJobSchema
{
    /// <summary>Creates the table (or adds the state column to one of an older version) and checks that the file
    /// can be written: SQLite opens a file it may not write read-only, and would fail only at the first save.</summary>
    public static void Create(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS jobs (
              job_id TEXT PRIMARY KEY,
              spec TEXT NOT NULL,
              status TEXT NOT NULL,
              step INTEGER NOT NULL,
              fit_state BLOB,
              model TEXT,
              submitted TEXT NOT NULL,
              updated TEXT NOT NULL,
              state TEXT);
            """);
        using var probe = connection.BeginTransaction(deferred: false);
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('jobs') WHERE name = 'state';";
            if (Convert.ToInt64(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                Execute(connection, "ALTER TABLE jobs ADD COLUMN state TEXT;");
            }
        }

        Execute(connection, "UPDATE jobs SET state = json_extract(status, '$.State') WHERE state IS NULL;");
        probe.Commit();
    }

    /// <summary>The conditional save of <see cref="IJobStore.SaveAsync"/>, in one transaction.</summary>
    public static JobSaveResult Save(SqliteConnection connection, JobCheckpoint checkpoint)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO jobs (job_id, spec, status, state, step, fit_state, model, submitted, updated)
            VALUES ($id, $spec, $status, $state, $step, $fit, $model, $submitted, $updated)
            ON CONFLICT(job_id) DO UPDATE SET spec = excluded.spec, status = excluded.status, state = excluded.state,
              step = excluded.step, fit_state = excluded.fit_state, model = excluded.model, updated = excluded.updated
            WHERE jobs.state IS NULL OR jobs.state NOT IN {JobRows.FinalStates};
            """;
        command.Parameters.AddWithValue("$id", checkpoint.JobId);
        command.Parameters.AddWithValue("$spec", JobRows.SpecJson(checkpoint));
        command.Parameters.AddWithValue("$status", JobRows.StatusJson(checkpoint));
        command.Parameters.AddWithValue("$state", checkpoint.Status.State.ToString());
        command.Parameters.AddWithValue("$step", checkpoint.Step);
        command.Parameters.AddWithValue("$fit", (object?)checkpoint.FitState ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", (object?)checkpoint.ModelJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$submitted", checkpoint.Status.SubmittedAt.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$updated", Time(JobRows.Updated(checkpoint)));
        var result = command.ExecuteNonQuery() > 0 ? JobSaveResult.Written : JobSaveResult.Refused(Stored(
            connection, checkpoint.JobId));
        transaction.Commit();
        return result;
    }

    /// <summary>Deletes the finished jobs <paramref name="retention"/> does not keep; returns their ids.</summary>
    public static IReadOnlyList<string> Prune(SqliteConnection connection, JobRetention retention)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM jobs WHERE state IN {JobRows.FinalStates} AND (
              ($cutoff IS NOT NULL AND updated < $cutoff)
              OR ($keep > 0 AND job_id NOT IN (
                SELECT job_id FROM jobs WHERE state IN {JobRows.FinalStates}
                ORDER BY updated DESC, job_id DESC LIMIT $keep)))
            RETURNING job_id;
            """;
        command.Parameters.AddWithValue("$cutoff", retention.EndedAfter is { } t ? Time(t) : DBNull.Value);
        command.Parameters.AddWithValue("$keep", retention.KeepJobs);
        using var reader = command.ExecuteReader();
        var deleted = new List<string>();
        while (reader.Read())
        {
            deleted.Add(reader.GetString(0));
        }

        return deleted;
    }

    /// <summary>Times as sortable UTC text (ISO 8601 "O" with +00:00), so that text order is time order.</summary>
    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O");

    private static JobStatus Stored(SqliteConnection connection, string jobId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM jobs WHERE job_id = $id;";
        command.Parameters.AddWithValue("$id", jobId);
        return JobRows.ReadStatus((string)command.ExecuteScalar()!);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
