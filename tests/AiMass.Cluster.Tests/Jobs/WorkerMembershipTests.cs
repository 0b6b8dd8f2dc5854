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
/// Workers that come and go mid-job in an in-process cluster: a graceful leave is routine (INFO) and only the
/// leaving worker's partitions are asked again elsewhere; a joining worker takes partitions between steps. Both
/// run with MaxAttempts = 1, so neither may cost a partition an attempt.
/// </summary>
public sealed partial class WorkerMembershipTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_worker_that_leaves_gracefully_mid_job_hands_its_partitions_off_and_the_model_is_unchanged()
    {
        var spec = Spec(Datasets.WriteMixture(_dir.File("x.npy"), 6000, 4, 3, seed: 31), maxIter: 40);
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        await using var cluster = await EmbeddedCluster.StartAsync(
            3, () => new SlowBackend(TimeSpan.FromMilliseconds(150)),
            s => s with { AdvertiseInterval = TimeSpan.FromMilliseconds(300), MaxAttempts = 1 });
        var log = LogRecorder.Attach(cluster.CoordinatorSystem);

        var id = await ClusterJobs.SubmitAsync(cluster, spec);
        await ClusterJobs.WaitForAsync(cluster, id, s => s.IterationsTotal >= 3);
        var leaves = await ClusterJobs.HolderAsync(cluster, id, 6);
        var address = ClusterJobs.AddressOf(leaves);
        var held = await HeldByAsync(cluster, address, id);
        var stays = cluster.Workers.Where(w => w != leaves).Select(ClusterJobs.AddressOf).ToArray();
        await cluster.StopWorkerAsync(leaves);
        var status = await ClusterJobs.WaitForAsync(cluster, id, s => s.IsFinal);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        ModelAssert.SameAs((GaussianMixtureParameters)local.Parameters, await ClusterJobs.ModelAsync(cluster, id));
        Assert.Contains(status.History[^1].SlowestWorker, stays);
        var mine = log.Where(e => e.Message.Contains($"job={id} ", StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(mine, e => e.Level >= Akka.Event.LogLevel.WarningLevel);
        var left = Assert.Single(
            mine, e => e.Message.Contains($"worker {address} left the cluster", StringComparison.Ordinal));
        var named = PartitionList().Match(left.Message).Groups[1].Value;
        Assert.Subset(held, named.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet());
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

    /// <summary>The partitions of <paramref name="job"/> that <paramref name="worker"/> advertises.</summary>
    private static async Task<HashSet<int>> HeldByAsync(EmbeddedCluster cluster, string worker, string job)
    {
        var view = await Akka.Actor.Futures.Ask<ClusterQueries.ClusterView>(
            cluster.JobManager, new ClusterQueries.GetClusterView(), TimeSpan.FromSeconds(5));
        return view.Members.Single(m => m.Address == worker).Partitions
            .Where(p => p.StartsWith($"{job}/", StringComparison.Ordinal))
            .Select(p => int.Parse(p[(job.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"partitions \[([\d, ]*)\]")]
    private static partial System.Text.RegularExpressions.Regex PartitionList();

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
