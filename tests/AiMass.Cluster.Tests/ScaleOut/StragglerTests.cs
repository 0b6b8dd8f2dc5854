using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.ScaleOut;

/// <summary>
/// A node whose partitions stop answering mid-job (while it stays in the cluster) is overtaken: its partitions are
/// also started on other nodes, the first answer wins, and the model is the local fit's, bit for bit. The step
/// deadline is far beyond the test's time, so nothing but speculation can finish the job.
/// </summary>
public sealed class StragglerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Partitions_of_a_node_that_stops_answering_are_computed_elsewhere_and_the_model_is_unchanged()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 3, 3, seed: 71);
        var spec = new FitSpec { Data = data, Components = 3, Partitions = 6, MaxIter = 8, Tol = 0 };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        var started = 0;

        await using var cluster = await EmbeddedCluster.StartAsync(
            3, () => ++started == 3 ? new HangingBackend(hangFrom: 3) : new ReferenceBackend(), s => s with
            {
                StepDeadline = TimeSpan.FromMinutes(30),
                SpeculationMinimum = TimeSpan.FromSeconds(1),
            });
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var model = await ClusterJobs.ModelAsync(cluster, status.JobId);
        ModelAssert.SameAs((GaussianMixtureParameters)local.Parameters, model);
        var straggler = ClusterJobs.AddressOf(cluster.Workers[2]);
        Assert.NotEqual(straggler, status.History[^1].SlowestWorker);
    }
}
