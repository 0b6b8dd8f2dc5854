using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests;

/// <summary>
/// A job cancelled mid-run on a real cluster, then the coordinator stopped and a new one started on the same job store
/// (SQLite in the data directory, or PostgreSQL): the job stays cancelled, keeps its history, and is not resumed —
/// no worker holds its partitions again.
/// </summary>
public sealed class CancelledJobRestartTests(PostgresServer postgres) : IDisposable, IClassFixture<PostgresServer>
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public Task A_cancelled_job_stays_cancelled_after_a_coordinator_restart_with_sqlite() =>
        StaysCancelled(
            s => s with { DataDirectory = _dir.File("coordinator") },
            () => new SqliteJobStore(Path.Combine(_dir.File("coordinator"), "jobs.db")));

    [PostgresFact]
    public Task A_cancelled_job_stays_cancelled_after_a_coordinator_restart_with_postgres()
    {
        var database = postgres.NewDatabase();
        return StaysCancelled(
            s => s with { DataDirectory = null, JobStoreConnection = database }, () => new PostgresJobStore(database));
    }

    private async Task StaysCancelled(Func<NodeSettings, NodeSettings> store, Func<IJobStore> openStore)
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 20_000, 4, 3, seed: 9);
        var spec = new FitSpec
        {
            Data = data, Components = 3, CovarianceType = "full", Partitions = 4, MaxIter = 200, Tol = 0,
        };
        await using var cluster = await EmbeddedCluster.StartAsync(
            1, () => new SlowBackend(TimeSpan.FromMilliseconds(100)),
            s => store(s) with { AdvertiseInterval = TimeSpan.FromMilliseconds(300) });
        var id = await ClusterJobs.SubmitAsync(cluster, spec);
        await ClusterJobs.WaitForAsync(cluster, id, s => s.IterationsTotal >= 2);

        await cluster.JobManager.Ask<JobQueries.JobStatusReply>(
            new JobCommands.CancelJob(id), TimeSpan.FromSeconds(10));
        var stored = await StoredStateAsync(openStore, id, JobState.Cancelled);
        await cluster.StopCoordinatorAsync();
        await cluster.StartCoordinatorAsync();
        var after = await ClusterJobs.WaitForAsync(cluster, id, _ => true);

        Assert.Equal(JobState.Cancelled, after.State);
        Assert.Equal(stored.IterationsTotal, after.IterationsTotal);
        for (var look = 0; look < 10; look++) // 3 s of worker advertisements: none holds the job's partitions
        {
            var view = await cluster.JobManager.Ask<ClusterQueries.ClusterView>(
                new ClusterQueries.GetClusterView(), TimeSpan.FromSeconds(5));
            Assert.DoesNotContain(view.Members.SelectMany(m => m.Partitions), p => p.StartsWith($"{id}/"));
            await Task.Delay(300);
        }

        Assert.Equal(JobState.Cancelled, (await ClusterJobs.WaitForAsync(cluster, id, _ => true)).State);
    }

    private static async Task<JobStatus> StoredStateAsync(Func<IJobStore> openStore, string id, JobState state)
    {
        var reader = openStore();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if ((await reader.LoadAllAsync()).SingleOrDefault(j => j.JobId == id)?.Status is { } status
                    && status.State == state)
                {
                    return status;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"job {id} was not stored as {state}");
        }
        finally
        {
            (reader as IDisposable)?.Dispose();
        }
    }
}
