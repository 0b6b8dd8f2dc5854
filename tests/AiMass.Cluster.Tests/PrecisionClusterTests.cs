using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests;

/// <summary>
/// --precision auto through a cluster: the job's driver picks each step's precision and the workers compute it,
/// so a cluster fit that switches from float32 to float64 (with its rollback) equals the local fit bit for bit.
/// </summary>
public sealed class PrecisionClusterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_auto_precision_cluster_fit_on_the_cpu_device_equals_the_local_fit_bit_for_bit()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 4000, 3, 4, seed: 8, separation: 0.8);
        var spec = new FitSpec
        {
            Data = data, Components = 4, CovarianceType = "diag", Partitions = 5, MaxIter = 300, Tol = 1e-6,
            Precision = "auto",
        };
        var options = new EStepOptions(Threads: 2);
        using var backend = new Kernels.EStep.Cpu.CpuBackend(options);
        var local = LocalFit.Run(spec, backend, new NullFitObserver(), CancellationToken.None);
        var precisions = local.History.Select(r => r.Precision).ToArray();
        Assert.True(local.Converged, "converged before max_iter: float64 came from a rollback, not the last two steps");
        Assert.Contains(EStepPrecision.Single, precisions);
        Assert.Equal(EStepPrecision.Double, precisions[^1]);

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => new Kernels.EStep.Cpu.CpuBackend(options));
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.Equal(JobState.Succeeded, status.State);
        var model = await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(status.JobId), TimeSpan.FromSeconds(10));
        var remote = (GaussianMixtureParameters)Kernels.Models.ModelFile.Parse(model.ModelJson!, "cluster model");
        var expected = (GaussianMixtureParameters)local.Parameters;
        Assert.Equal(expected.Weights.ToArray(), remote.Weights.ToArray());
        Assert.Equal(expected.Means.ToArray(), remote.Means.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), remote.Covariances.ToArray());
        Assert.Equal(local.History.Select(h => h.LowerBound), status.History.Select(h => h.LowerBound));
        Assert.Contains("\"precision\": \"float32\"", model.ModelJson, StringComparison.Ordinal);
    }
}
