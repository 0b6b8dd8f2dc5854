using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.Jobs;

/// <summary>
/// Bad input that only the cluster can meet: a worker that cannot read the data the coordinator planned with, and
/// sequence lengths that do not add up (no <c>fit gmm</c> option takes lengths). Each fails or rejects the job with
/// a message naming the file, and the next job on the same cluster succeeds.
/// </summary>
public sealed class JobInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Simulates a worker whose process cannot see the file: every partition loads (and memory-maps) the file in
    /// the first steps, then the file is deleted and one worker leaves, so its partitions are re-created on the
    /// other worker, which can no longer open the file the coordinator planned with. No node is left that can read
    /// the data, so the job fails.
    /// </summary>
    [Fact]
    public async Task When_no_worker_can_read_the_data_the_job_fails_naming_file_and_worker_and_the_next_job_runs()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 6000, 4, 3, seed: 33);
        var good = Datasets.WriteMixture(_dir.File("good.npy"), 3000, 4, 3, seed: 34);
        await using var cluster = await EmbeddedCluster.StartAsync(
            2, () => new SlowBackend(TimeSpan.FromMilliseconds(150)),
            s => s with { AdvertiseInterval = TimeSpan.FromMilliseconds(300) });
        var id = await ClusterJobs.SubmitAsync(
            cluster, new FitSpec { Data = data, Components = 3, Partitions = 6, MaxIter = 500, Tol = 0 });
        await ClusterJobs.WaitForAsync(cluster, id, s => s.IterationsTotal >= 2);
        var leaving = await ClusterJobs.HolderAsync(cluster, id, 6);
        var reader = ClusterJobs.AddressOf(cluster.Workers.Single(w => w != leaving));

        File.Delete(data);
        await cluster.StopWorkerAsync(leaving);
        var failed = await ClusterJobs.WaitForAsync(cluster, id, s => s.IsFinal);
        var next = await ClusterJobs.SubmitAsync(
            cluster, new FitSpec { Data = good, Components = 2, Partitions = 2, MaxIter = 3, Tol = 0 });
        var succeeded = await ClusterJobs.WaitForAsync(cluster, next, s => s.IsFinal);

        Assert.Equal(JobState.Failed, failed.State);
        Assert.True(failed.InputError);
        Assert.Matches(
            "^No worker node can read the data: " +
            $"data file '{System.Text.RegularExpressions.Regex.Escape(data)}' does not exist — on this worker, " +
            "though " +
            "the coordinator read it when it planned the job; every worker must reach the same data \\(the same " +
            $@"paths on a shared filesystem, or the same object store\) \(partition \d on worker {reader}\)$",
            failed.Error);
        Assert.Equal(JobState.Succeeded, succeeded.State);
    }

    [Fact]
    public async Task Sequence_lengths_that_do_not_add_up_reject_the_job_and_the_next_job_runs()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 200, 2, 2, seed: 35);
        File.WriteAllText(_dir.File("lengths.txt"), "100\n90\n");
        await using var cluster = await EmbeddedCluster.StartAsync(1, () => new ReferenceBackend());
        var spec = new FitSpec
        {
            Data = data, Lengths = _dir.File("lengths.txt"), Components = 2, Partitions = 2, MaxIter = 3,
        };

        var reply = await cluster.JobManager.Ask<object>(new JobCommands.SubmitJob(spec), TimeSpan.FromSeconds(60));
        var next = await ClusterJobs.SubmitAsync(cluster, spec with { Lengths = null });
        var succeeded = await ClusterJobs.WaitForAsync(cluster, next, s => s.IsFinal);

        var rejected = Assert.IsType<JobCommands.JobRejected>(reply);
        Assert.True(rejected.IsInputError);
        Assert.Equal(
            $"the lengths in {_dir.File("lengths.txt")} add up to 190 but {data} has 200 rows; " +
            "they must add up to the number of rows", rejected.Message);
        Assert.Equal(JobState.Succeeded, succeeded.State);
    }
}
