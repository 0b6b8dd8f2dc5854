using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// Checkpoints in a SQLite file in the coordinator's data directory (WAL journal, so a reader never blocks the
/// writer). One row per job; the EM state is a blob, the rest JSON.
/// </summary>
public sealed class SqliteJobStore : IJobStore
{
    private readonly string _connectionString;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public SqliteJobStore(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
        Path = path;
        using var connection = Open();
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
              updated TEXT NOT NULL);
            """);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Location => $"SQLite {Path}";

    /// <inheritdoc />
    public void Save(JobCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO jobs (job_id, spec, status, step, fit_state, model, submitted, updated)
            VALUES ($id, $spec, $status, $step, $state, $model, $submitted, $updated)
            ON CONFLICT(job_id) DO UPDATE SET spec = $spec, status = $status, step = $step, fit_state = $state,
              model = $model, updated = $updated;
            """;
        command.Parameters.AddWithValue("$id", checkpoint.JobId);
        command.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(checkpoint.Spec));
        command.Parameters.AddWithValue("$status", JsonSerializer.Serialize(checkpoint.Status));
        command.Parameters.AddWithValue("$step", checkpoint.Step);
        command.Parameters.AddWithValue("$state", (object?)checkpoint.FitState ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", (object?)checkpoint.ModelJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$submitted", checkpoint.Status.SubmittedAt.ToString("O"));
        command.Parameters.AddWithValue("$updated", DateTimeOffset.UtcNow.ToString("O"));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public IReadOnlyList<JobCheckpoint> LoadAll()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {JobRows.Columns} FROM jobs ORDER BY submitted;";
        using var reader = command.ExecuteReader();
        return JobRows.ReadAll(reader);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
