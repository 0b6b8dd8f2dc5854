using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests;

/// <summary>
/// A coordinator that stops mid-job and a new one that takes over resume from the checkpoint: in the SQLite file
/// of the data directory, or in a PostgreSQL database (where the new coordinator has no data directory at all, as
/// a standby on another machine would not).
/// </summary>
public sealed class CoordinatorRestartTests(PostgresServer postgres) : IDisposable, IClassFixture<PostgresServer>
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public Task A_new_coordinator_resumes_a_running_job_and_finishes_with_the_fault_free_model() =>
        ResumesWith(s => s with { DataDirectory = _dir.File("coordinator") });

    [PostgresFact]
    public Task A_new_coordinator_resumes_from_a_postgres_job_store() =>
        ResumesWith(s => s with { DataDirectory = null, JobStoreConnection = postgres.NewDatabase() });

    private async Task ResumesWith(Func<NodeSettings, NodeSettings> store)
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 20_000, 4, 3, seed: 9);
        var spec = new FitSpec
        {
            Data = data, Components = 3, CovarianceType = "full", Partitions = 4, MaxIter = 25, Tol = 0,
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(
            1, () => new SlowBackend(TimeSpan.FromMilliseconds(100)), store);
        var id = await ClusterJobs.SubmitAsync(cluster, spec);
        var before = await ClusterJobs.WaitForAsync(cluster, id, s => s.IterationsTotal >= 4);

        await cluster.StopCoordinatorAsync();
        Assert.Equal(JobState.Running, before.State);
        await cluster.StartCoordinatorAsync();

        var status = await ClusterJobs.WaitForAsync(cluster, id, s => s.IsFinal);
        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(25, status.IterationsTotal);
        var model = await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(id), TimeSpan.FromSeconds(10));
        var resumed = (GaussianMixtureParameters)ModelFile.Parse(model.ModelJson!, "resumed");
        var expected = (GaussianMixtureParameters)local.Parameters;
        Assert.Equal(expected.Means.ToArray(), resumed.Means.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), resumed.Covariances.ToArray());
        Assert.Equal(expected.Weights.ToArray(), resumed.Weights.ToArray());
    }
}
