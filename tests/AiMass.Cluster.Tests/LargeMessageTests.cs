using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests;

/// <summary>
/// Parameters and statistics of a K=64, D=128 full-covariance mixture (about 4.3 MB each way, far over Akka's
/// default 128 kB frame) cross real remoting between a coordinator and a worker.
/// </summary>
public sealed class LargeMessageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_K64_D128_full_covariance_job_crosses_the_network_and_equals_the_local_fit()
    {
        // 4200 rows: K=64 full covariances in D=128 have 536,639 free parameters, and a job with more parameters
        // than the data have values is refused (PlanLimits).
        var data = Datasets.WriteMixture(_dir.File("wide.npy"), 4200, 128, 4, seed: 21);
        var spec = new FitSpec
        {
            Data = data, Components = 64, CovarianceType = "full", Partitions = 2, MaxIter = 2, Tol = 0,
            RegCovar = 1e-2, InitMethod = "random-from-data",
        };
        var local = LocalFit.Run(spec, EStepBackends.Create("cpu"), new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(1, () => EStepBackends.Create("cpu"));
        var (status, model) = await JobRunner.RunAsync(cluster.JobManager, spec, null, CancellationToken.None);

        Assert.Equal(JobState.Succeeded, status.State);
        var remote = (GaussianMixtureParameters)ModelFile.Parse(model!, "cluster model");
        Assert.Equal(((GaussianMixtureParameters)local.Parameters).Covariances.ToArray(), remote.Covariances.ToArray());
    }
}
