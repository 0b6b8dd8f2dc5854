using System.Net.Sockets;
using System.Text.Json;
using AiMass.Kernels;
using Npgsql;

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// Checkpoints in a PostgreSQL database (<c>--job-store</c>, <c>AIMASS_JOB_STORE</c>): the store to use when a
/// standby coordinator on another machine must be able to take over, since every coordinator that connects to the
/// same database sees the same jobs. One row per job in <c>aimass_jobs</c> (created when missing); the EM state is a
/// <c>bytea</c>, the rest JSON text, as in <see cref="SqliteJobStore"/>.
/// </summary>
public sealed class PostgresJobStore : IJobStore, IDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];
    private readonly NpgsqlDataSource _source;

    /// <summary>
    /// Connects with <paramref name="connectionString"/> (Npgsql's keywords: <c>Host=…;Port=…;Database=…;
    /// Username=…;Password=…</c>) and creates the table when missing. Throws <see cref="InvalidInputException"/>
    /// naming the server (never the password) and the remedy when the string is malformed or the server cannot be
    /// used.
    /// </summary>
    public PostgresJobStore(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(
                $"The job store connection string is malformed ({e.Message}); give one like " +
                "'Host=db;Port=5432;Database=aimass;Username=aimass;Password=…' in --job-store or AIMASS_JOB_STORE.");
        }

        ConnectionString = connectionString;
        Location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _source = NpgsqlDataSource.Create(builder);
        try
        {
            using var command = _source.CreateCommand("""
                CREATE TABLE IF NOT EXISTS aimass_jobs (
                  job_id text PRIMARY KEY,
                  spec text NOT NULL,
                  status text NOT NULL,
                  step integer NOT NULL,
                  fit_state bytea,
                  model text,
                  submitted timestamptz NOT NULL,
                  updated timestamptz NOT NULL);
                """);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            _source.Dispose();
            throw new InvalidInputException(
                $"Cannot use the job store {Location}: {e.Message.Split('\n')[0]}. Check that the server runs and " +
                "accepts this user (--job-store or AIMASS_JOB_STORE).");
        }
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The connection string (for a second store over the same database in tests; never logged).</summary>
    internal string ConnectionString { get; }

    /// <summary>
    /// Inserts or replaces the checkpoint; an error the server calls transient (a dropped connection, a failover,
    /// too many clients) is retried twice, after 0.5 s and 2 s, before it reaches the job.
    /// </summary>
    public void Save(JobCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Write(checkpoint);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && attempt < RetryDelays.Length)
            {
                Thread.Sleep(RetryDelays[attempt]);
            }
        }
    }

    private void Write(JobCheckpoint checkpoint)
    {
        using var command = _source.CreateCommand("""
            INSERT INTO aimass_jobs (job_id, spec, status, step, fit_state, model, submitted, updated)
            VALUES ($1, $2, $3, $4, $5, $6, $7, now())
            ON CONFLICT (job_id) DO UPDATE SET spec = EXCLUDED.spec, status = EXCLUDED.status, step = EXCLUDED.step,
              fit_state = EXCLUDED.fit_state, model = EXCLUDED.model, updated = EXCLUDED.updated;
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.JobId });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(checkpoint.Spec) });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(checkpoint.Status) });
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
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public IReadOnlyList<JobCheckpoint> LoadAll()
    {
        using var command = _source.CreateCommand(
            $"SELECT {JobRows.Columns} FROM aimass_jobs ORDER BY submitted, job_id;");
        using var reader = command.ExecuteReader();
        return JobRows.ReadAll(reader);
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _source.Dispose();
}
