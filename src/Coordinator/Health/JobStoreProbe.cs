using AiMass.Coordinator.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AiMass.Coordinator.Health;

/// <summary>
/// Whether the coordinator's job store answers, for <c>/readyz</c>: one trivial query against the database (never
/// the jobs themselves), so a probe every few seconds costs nothing. Descriptions name the store's location, never
/// its credentials.
/// </summary>
public static class JobStoreProbe
{
    /// <summary>How long the query may take before the store counts as not answering.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Healthy when <paramref name="store"/> answers a query.</summary>
    public static async Task<HealthCheckResult> CheckAsync(IJobStore store, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(Timeout);
        try
        {
            switch (store)
            {
                case PostgresJobStore postgres:
                    await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
                    {
                        await connection.OpenAsync(deadline.Token);
                        await using var command = new NpgsqlCommand("SELECT 1;", connection);
                        await command.ExecuteScalarAsync(deadline.Token);
                    }

                    break;
                case SqliteJobStore sqlite:
                    await using (var connection = new SqliteConnection(
                        new SqliteConnectionStringBuilder { DataSource = sqlite.Path, Mode = SqliteOpenMode.ReadOnly }
                            .ToString()))
                    {
                        await connection.OpenAsync(deadline.Token);
                        await using var command = connection.CreateCommand();
                        command.CommandText = "SELECT count(*) FROM sqlite_master;";
                        await command.ExecuteScalarAsync(deadline.Token);
                    }

                    break;
            }

            return HealthCheckResult.Healthy($"the job store ({store.Location}) answers");
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or OperationCanceledException
                                       or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(
                $"the job store ({store.Location}) does not answer: {e.GetType().Name}");
        }
    }
}
