using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.ScaleOut;

/// <summary>
/// One request per node, summed on the nodes and up a tree: whatever the number of workers, the tree's width (so
/// which sums are merged where) and the order in which partitions and nodes answer (random waits), the model equals
/// the local fit bit for bit.
/// </summary>
public sealed class NodeTreeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(3, 8)]
    [InlineData(6, 2)]
    [InlineData(6, 3)]
    public async Task A_mixture_fit_through_a_tree_of_nodes_equals_the_local_fit_bit_for_bit(int workers, int width)
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 4000, 3, 3, seed: 50 + workers + width);
        var spec = new FitSpec
        {
            Data = data, Components = 3, CovarianceType = "full", Partitions = 13, MaxIter = 8, Tol = 0,
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        var seed = 0;

        await using var cluster = await EmbeddedCluster.StartAsync(
            workers, () => new JitterBackend(++seed, 40), s => s with { TreeWidth = width });
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var model = await ClusterJobs.ModelAsync(cluster, status.JobId);
        ModelAssert.SameAs((GaussianMixtureParameters)local.Parameters, model);
        Assert.Equal(
            local.History.Select(h => BitConverter.DoubleToInt64Bits(h.LowerBound)),
            status.History.Select(h => BitConverter.DoubleToInt64Bits(h.LowerBound)));
    }

    [Fact]
    public async Task An_hmm_fit_through_a_tree_of_width_two_equals_the_local_fit_bit_for_bit()
    {
        var truth = SyntheticHmms.Gaussian(3, 2, CovarianceType.Diag, seed: 6);
        var (data, lengths) = HmmDatasets.Write(_dir.Path, truth, [90, 140, 60, 200, 75, 110, 130], seed: 9);
        var spec = new FitSpec
        {
            Model = "hmm", Data = data, Lengths = lengths, Components = 3, Emission = "gaussian",
            CovarianceType = "diag", Partitions = 7, MaxIter = 6, Tol = 0, Seed = 2,
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        var seed = 100;

        await using var cluster = await EmbeddedCluster.StartAsync(
            5, () => new JitterBackend(++seed, 30), s => s with { TreeWidth = 2 });
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var model = await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(status.JobId), TimeSpan.FromSeconds(10));
        var remote = (HmmParameters)ModelFile.Parse(model.ModelJson!, "cluster model");
        var expected = (HmmParameters)local.Parameters;
        Assert.Equal(Bits(expected.Transitions), Bits(remote.Transitions));
        Assert.Equal(Bits(expected.Means), Bits(remote.Means));
        Assert.Equal(Bits(expected.Covariances), Bits(remote.Covariances));
    }

    [Fact]
    public async Task A_worker_that_cannot_read_the_data_is_left_out_and_the_job_succeeds_on_the_others()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 3, 3, seed: 61);
        var spec = new FitSpec { Data = data, Components = 3, Partitions = 6, MaxIter = 6, Tol = 0 };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        var started = 0;

        await using var cluster = await EmbeddedCluster.StartAsync(
            3, () => ++started == 2 ? new UnreadableBackend() : new ReferenceBackend(),
            s => s with { AdvertiseInterval = TimeSpan.FromMilliseconds(300) });
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var model = await ClusterJobs.ModelAsync(cluster, status.JobId);
        ModelAssert.SameAs((GaussianMixtureParameters)local.Parameters, model);
        var unreadable = ClusterJobs.AddressOf(cluster.Workers[1]);
        Assert.DoesNotContain(status.History, h => h.SlowestWorker == unreadable);
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
