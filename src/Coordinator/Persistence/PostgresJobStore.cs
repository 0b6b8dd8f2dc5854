using System.Net.Sockets;
using AiMass.Kernels;
using Npgsql;

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// Checkpoints in a PostgreSQL database (<c>--job-store</c>, <c>AIMASS_JOB_STORE</c>): the store to use when a
/// standby coordinator on another machine must be able to take over, since every coordinator that connects to the
/// same database sees the same jobs. One row per job in <c>aimass_jobs</c> (created when missing); the EM state is a
/// <c>bytea</c>, the rest JSON text, as in <see cref="SqliteJobStore"/>, and the state a column of its own so that
/// the database keeps a final state final whichever coordinator writes.
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
            PostgresJobSchema.Create(_source);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            _source.Dispose();
            throw new InvalidInputException(
                $"Cannot use the job store {Location}: {FirstLine(e)}. Check that the server runs and " +
                "accepts this user (--job-store or AIMASS_JOB_STORE).");
        }
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The connection string (for a second store over the same database in tests; never logged).</summary>
    internal string ConnectionString { get; }

    /// <summary>
    /// The conditional save of <see cref="IJobStore.SaveAsync"/>; an error the server calls transient (a dropped
    /// connection, a failover, too many clients) is retried twice, after 0.5 s and 2 s (waiting asynchronously),
    /// before it reaches the caller as a <see cref="JobStoreException"/>.
    /// </summary>
    public async Task<JobSaveResult> SaveAsync(
        JobCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await PostgresJobSchema.SaveAsync(_source, checkpoint, cancellationToken);
            }
            catch (NpgsqlException e) when (e.IsTransient && attempt < RetryDelays.Length)
            {
                await Task.Delay(RetryDelays[attempt], cancellationToken);
            }
            catch (Exception e) when (IsStoreFailure(e))
            {
                throw Failed("save job " + checkpoint.JobId, e);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobCheckpoint>> LoadAllAsync(CancellationToken cancellationToken = default) =>
        Guard("read the jobs", () => PostgresJobSchema.LoadAllAsync(_source, cancellationToken));

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return Guard("delete job " + jobId, () => PostgresJobSchema.DeleteAsync(_source, jobId, cancellationToken));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PruneAsync(
        JobRetention retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return retention.KeepsAll
            ? Task.FromResult<IReadOnlyList<string>>([])
            : Guard("apply the retention", () => PostgresJobSchema.PruneAsync(_source, retention, cancellationToken));
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _source.Dispose();

    private async Task<T> Guard<T>(string what, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Failed(what, e);
        }
    }

    private JobStoreException Failed(string what, Exception e) =>
        new($"The job store {Location} could not {what}: {FirstLine(e)}", e);

    private static bool IsStoreFailure(Exception e) =>
        e is NpgsqlException or SocketException or TimeoutException or IOException;

    private static string FirstLine(Exception e) => e.Message.Split('\n')[0];
}
