using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.Jobs;

/// <summary>
/// Workers that come and go mid-job in an in-process cluster: a graceful leave hands its partitions off, a joining
/// worker takes partitions only between their iterations, and a worker that cannot read the data fails the job
/// with a message while the cluster keeps serving.
/// </summary>
public sealed class WorkerMembershipTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_worker_that_leaves_gracefully_mid_job_hands_its_partitions_off_and_the_model_is_unchanged()
    {
        var spec = Spec(Datasets.WriteMixture(_dir.File("x.npy"), 6000, 4, 3, seed: 31), maxIter: 40);
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        await using var cluster = await EmbeddedCluster.StartAsync(
            2, () => new SlowBackend(TimeSpan.FromMilliseconds(150)),
            s => s with { AdvertiseInterval = TimeSpan.FromMilliseconds(300) });

        var id = await ClusterJobs.SubmitAsync(cluster, spec);
        await ClusterJobs.WaitForAsync(cluster, id, s => s.IterationsTotal >= 3);
        var leaves = await ClusterJobs.HolderAsync(cluster, id, 6);
        var stays = ClusterJobs.AddressOf(cluster.Workers.Single(w => w != leaves));
        await cluster.StopWorkerAsync(leaves);
        var status = await ClusterJobs.WaitForAsync(cluster, id, s => s.IsFinal);

        Assert.Equal(JobState.Succeeded, status.State);
        ModelAssert.SameAs((GaussianMixtureParameters)local.Parameters, await ClusterJobs.ModelAsync(cluster, id));
        Assert.Equal(stays, status.History[^1].SlowestWorker);
    }

    [Fact]
    public async Task A_worker_that_joins_mid_job_takes_partitions_between_their_iterations_and_the_model_is_unchanged()
    {
        var spec = Spec(Datasets.WriteMixture(_dir.File("x.npy"), 6000, 4, 3, seed: 32), maxIter: 60);
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        await using var cluster = await EmbeddedCluster.StartAsync(
            1, () => new SlowBackend(TimeSpan.FromMilliseconds(150)), s => s with
            {
                MaxAttempts = 1, AdvertiseInterval = TimeSpan.FromMilliseconds(300),
            });

        var id = await ClusterJobs.SubmitAsync(cluster, spec);
        await ClusterJobs.WaitForAsync(cluster, id, s => s.IterationsTotal >= 3);
        var joining = new NodeSettings { LogLevel = "Warning", AdvertiseInterval = TimeSpan.FromMilliseconds(300) };
        var joined = ClusterJobs.AddressOf(
            await cluster.AddWorkerAsync(joining, new SlowBackend(TimeSpan.FromMilliseconds(150)), "worker-2"));
        await WaitUntilHolding(cluster, joined, id);
        var status = await ClusterJobs.WaitForAsync(cluster, id, s => s.IsFinal);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        ModelAssert.SameAs((GaussianMixtureParameters)local.Parameters, await ClusterJobs.ModelAsync(cluster, id));
    }

    private static FitSpec Spec(string data, int maxIter) =>
        new() { Data = data, Components = 3, Partitions = 6, MaxIter = maxIter, Tol = 0 };

    /// <summary>Waits until <paramref name="worker"/> advertises a partition of <paramref name="job"/>.</summary>
    private static async Task WaitUntilHolding(EmbeddedCluster cluster, string worker, string job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var view = await Akka.Actor.Futures.Ask<ClusterQueries.ClusterView>(
                cluster.JobManager, new ClusterQueries.GetClusterView(), TimeSpan.FromSeconds(5));
            var holder = view.Members.SingleOrDefault(m => m.Address == worker);
            if (holder is not null && holder.Partitions.Any(p => p.StartsWith($"{job}/", StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Worker {worker} got no partition of job {job} within 60 s.");
    }
}
