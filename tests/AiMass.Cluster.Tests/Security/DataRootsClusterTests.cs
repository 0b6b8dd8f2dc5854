using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.Security;

/// <summary>
/// --data-root on an in-process cluster: the coordinator refuses a job whose files lie outside its roots (also
/// through a link), and a worker with roots of its own refuses what its coordinator accepted.
/// </summary>
public sealed class DataRootsClusterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public DataRootsClusterTests()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(_dir.File("private"));
    }

    private string Root => _dir.File("data");

    /// <summary>The root as messages name it: resolved (the temporary folder may lie behind a link).</summary>
    private string ResolvedRoot => Kernels.Input.DataRoots.Of([Root]).Folders[0];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_coordinator_with_data_roots_refuses_files_outside_them_and_fits_a_file_inside()
    {
        var inside = Datasets.WriteMixture(Path.Combine(Root, "x.npy"), 500, 2, 2, seed: 3);
        var outside = Datasets.WriteMixture(_dir.File(Path.Combine("private", "y.npy")), 500, 2, 2, seed: 3);
        var link = Path.Combine(Root, "link.npy");
        File.CreateSymbolicLink(link, outside);
        await using var cluster = await EmbeddedCluster.StartAsync(
            1, () => new ReferenceBackend(), s => s with { DataRoots = [Root], AkkaLogLevel = "None" });

        var direct = await Submit(cluster, new FitSpec { Data = outside, Components = 2 });
        var linked = await Submit(cluster, new FitSpec { Data = link, Components = 2 });
        var weights = await Submit(cluster, new FitSpec { Data = inside, Components = 2, SampleWeight = outside });
        var fitted = await ClusterJobs.RunAsync(cluster, new FitSpec { Data = inside, Components = 2, MaxIter = 3 });

        foreach (var (rejected, path, role) in new[] { (direct, outside, "data"), (linked, link, "data"),
                     (weights, outside, "weights") })
        {
            var no = Assert.IsType<JobCommands.JobRejected>(rejected);
            Assert.True(no.IsInputError);
            Assert.StartsWith($"{role} file '{path}'", no.Message);
            Assert.Contains(
                $"is outside this node's data roots ({ResolvedRoot}); put the file under a data root", no.Message);
        }

        Assert.Equal(JobState.Succeeded, fitted.State);
    }

    [Fact]
    public async Task A_worker_with_its_own_data_roots_refuses_a_file_its_coordinator_accepted()
    {
        var outside = Datasets.WriteMixture(_dir.File(Path.Combine("private", "y.npy")), 500, 2, 2, seed: 4);
        await using var cluster = await EmbeddedCluster.StartAsync(
            0, () => new ReferenceBackend(), s => s with { AkkaLogLevel = "None" });
        await cluster.AddWorkerAsync(
            new NodeSettings { DataRoots = [Root], AkkaLogLevel = "None" }, new ReferenceBackend(), "worker-r");
        await cluster.WaitForWorkersAsync(1, TimeSpan.FromSeconds(60));

        var id = await ClusterJobs.SubmitAsync(cluster, new FitSpec { Data = outside, Components = 2 });
        var status = await ClusterJobs.WaitForAsync(cluster, id, s => s.IsFinal);

        Assert.Equal(JobState.Failed, status.State);
        Assert.True(status.InputError);
        Assert.StartsWith($"data file '{outside}' is outside this node's data roots ({ResolvedRoot})", status.Error);
        Assert.Contains("on this worker, though the coordinator read it", status.Error);
    }

    private static Task<object> Submit(EmbeddedCluster cluster, FitSpec spec) =>
        cluster.JobManager.Ask<object>(new JobCommands.SubmitJob(spec), TimeSpan.FromSeconds(60));
}
