using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.ObjectStorage;

/// <summary>The store stops in the middle of a cluster job: nothing the user sent is lost and the cluster stays up.
/// </summary>
public sealed class S3ClusterFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly S3Server? _server = S3FactAttribute.Executable is null ? null : new S3Server();

    public void Dispose()
    {
        _server?.Dispose();
        _dir.Dispose();
    }

    [S3Fact]
    public async Task A_store_stopped_mid_job_lets_the_job_finish_from_held_rows_and_later_jobs_fail_as_input_errors()
    {
        var local = Datasets.WriteMixture(_dir.File("x.npy"), 4000, 3, 3, seed: 31);
        var uri = _server!.Upload(local, "mid/x.npy");
        var settings = _server.Settings();
        var spec = new FitSpec { Data = uri, Components = 3, Partitions = 4, MaxIter = 6, Tol = 0, Seed = 2 };
        var expected = (GaussianMixtureParameters)LocalFit.Run(
            spec with { Data = local }, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None,
            DataAccess.For(new DataAccessSettings())).Parameters;
        await using var cluster = await EmbeddedCluster.StartAsync(
            2, () => new SlowBackend(TimeSpan.FromMilliseconds(300)), s => s with { DataAccess = settings });

        var running = await ClusterJobs.SubmitAsync(cluster, spec);
        await ClusterJobs.WaitForAsync(cluster, running, s => s.History.Count >= 1);
        _server.Stop();
        var finished = await ClusterJobs.WaitForAsync(cluster, running, s => s.IsFinal);
        var refused = await cluster.JobManager.Ask<object>(new JobCommands.SubmitJob(spec), TimeSpan.FromSeconds(60));
        var afterwards = await ClusterJobs.RunAsync(cluster, spec with { Data = local });

        // The partitions hold their rows since the first step: the running job needs the store no more.
        Assert.True(finished.State == JobState.Succeeded, finished.Error);
        ModelAssert.SameAs(expected, await ClusterJobs.ModelAsync(cluster, running));
        // A job planned while the store is down is refused as the user's to fix, naming the URI and the remedy.
        var rejected = Assert.IsType<JobCommands.JobRejected>(refused);
        Assert.True(rejected.IsInputError);
        Assert.Contains($"{uri}: the store did not answer after 3 attempts", rejected.Message);
        // The cluster is still up and runs the next job.
        Assert.True(afterwards.State == JobState.Succeeded, afterwards.Error);
        ModelAssert.SameAs(expected, await ClusterJobs.ModelAsync(cluster, afterwards.JobId));
    }
}
