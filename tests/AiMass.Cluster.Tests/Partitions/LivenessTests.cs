using AiMass.Cluster.Tests.Chaos;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.Partitions;

/// <summary>
/// A long E-step must not make its worker unreachable: partition entities compute on dedicated threads, so the
/// cluster's heartbeats keep flowing while the math blocks or burns every core. Runs alone (chaos collection), since
/// burning the cores would disturb other clusters in this process.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class LivenessTests : IDisposable
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(8);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false, 8)] // eight partitions each block a thread for 8 s, longer than the 3 s acceptable pause
    [InlineData(true, 2)] // two partitions each spin every core on thread-pool threads for 8 s
    public async Task A_worker_whose_E_step_stalls_longer_than_the_failure_detector_tolerates_stays_reachable(
        bool burnCores, int partitions)
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 4000, 4, 3, seed: 41);
        await using var cluster = await EmbeddedCluster.StartAsync(1, () => new StallOnceBackend(Stall, burnCores));
        var unreachable = Unreachability.RecordOn(cluster.CoordinatorSystem);

        var id = await ClusterJobs.SubmitAsync(
            cluster, new FitSpec { Data = data, Components = 3, Partitions = partitions, MaxIter = 3, Tol = 0 });
        var status = await ClusterJobs.WaitForAsync(cluster, id, s => s.IsFinal);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.True(status.History[0].Milliseconds >= Stall.TotalMilliseconds, "the first E-step did not stall");
        Assert.Empty(unreachable);
    }
}
