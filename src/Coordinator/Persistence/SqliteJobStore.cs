using AiMass.Kernels;
using Microsoft.Data.Sqlite;

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// Checkpoints in a SQLite file in the coordinator's data directory (WAL journal, so a reader never blocks the
/// writer). One row per job; the EM state is a blob, the rest JSON, and the state a column of its own so that the
/// store itself keeps a final state final. SQLite has no asynchronous I/O: each call runs on the thread pool.
/// </summary>
public sealed class SqliteJobStore : IJobStore
{
    private readonly string _connectionString;

    /// <summary>
    /// Opens (creating if needed) the store at <paramref name="path"/> and checks that it can write there. Throws
    /// <see cref="InvalidInputException"/> naming the path and the remedy when the folder or file cannot be used.
    /// </summary>
    public SqliteJobStore(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable($"cannot create the folder {folder} ({e.Message.TrimEnd('.')})");
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            using var connection = Open();
            SqliteJobSchema.Create(connection);
        }
        catch (SqliteException e)
        {
            throw Unusable(e.Message);
        }
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Location => $"SQLite {Path}";

    /// <inheritdoc />
    public Task<JobSaveResult> SaveAsync(JobCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Run("save job " + checkpoint.JobId, c => SqliteJobSchema.Save(c, checkpoint), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobCheckpoint>> LoadAllAsync(CancellationToken cancellationToken = default) =>
        Run("read the jobs", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {JobRows.Columns} FROM jobs ORDER BY submitted, job_id;";
            using var reader = command.ExecuteReader();
            return JobRows.ReadAll(reader);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return Run("delete job " + jobId, connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM jobs WHERE job_id = $id AND state IN {JobRows.FinalStates};";
            command.Parameters.AddWithValue("$id", jobId);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PruneAsync(
        JobRetention retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return retention.KeepsAll
            ? Task.FromResult<IReadOnlyList<string>>([])
            : Run("apply the retention", c => SqliteJobSchema.Prune(c, retention), cancellationToken);
    }

    private Task<T> Run<T>(string what, Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                try
                {
                    using var connection = Open();
                    return work(connection);
                }
                catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
                {
                    throw new JobStoreException($"The job store {Location} could not {what}: {e.Message}", e);
                }
            },
            cancellationToken);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private InvalidInputException Unusable(string reason) =>
        DataDirectory.Unusable($"the job store {Path}", reason);
}
