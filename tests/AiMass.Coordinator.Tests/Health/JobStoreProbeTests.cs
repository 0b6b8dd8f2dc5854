using AiMass.Coordinator.Health;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiMass.Coordinator.Tests.Health;

/// <summary>
/// The job-store readiness probe answers from the real store: ready while a SQLite job store answers a query, not
/// ready (naming the store's location) once its database is gone.
/// </summary>
public sealed class JobStoreProbeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_sqlite_store_is_ready_while_its_database_answers_and_not_once_it_is_gone()
    {
        var path = _dir.File("jobs.db");
        var store = new SqliteJobStore(path);
        await store.LoadAllAsync();

        var answering = await JobStoreProbe.CheckAsync(store, CancellationToken.None);
        SqliteConnection.ClearAllPools();
        File.Delete(path);
        var gone = await JobStoreProbe.CheckAsync(store, CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, answering.Status);
        Assert.Equal(HealthStatus.Unhealthy, gone.Status);
        Assert.Equal($"the job store ({store.Location}) does not answer: SqliteException", gone.Description);
    }
}
