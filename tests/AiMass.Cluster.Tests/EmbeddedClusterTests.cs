using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Cli;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests;

/// <summary>
/// Seed, coordinator and workers as separate ActorSystems in this process, on loopback with real remoting.
/// </summary>
public sealed class EmbeddedClusterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_cluster_fit_equals_the_local_fit_bit_for_bit(int workers)
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 4, 3, seed: 5);
        var spec = new FitSpec
        {
            Data = data, Components = 3, CovarianceType = "full", Partitions = 6, MaxIter = 20, Tol = 0,
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(workers, () => new ReferenceBackend());
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(20, status.History.Count);
        var model = await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(status.JobId), TimeSpan.FromSeconds(10));
        var remote = (GaussianMixtureParameters)Kernels.Models.ModelFile.Parse(model.ModelJson!, "cluster model");
        var expected = (GaussianMixtureParameters)local.Parameters;
        Assert.Equal(expected.Weights.ToArray(), remote.Weights.ToArray());
        Assert.Equal(expected.Means.ToArray(), remote.Means.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), remote.Covariances.ToArray());
        Assert.Equal(local.History.Select(h => h.LowerBound), status.History.Select(h => h.LowerBound));
    }
}
