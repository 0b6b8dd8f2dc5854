using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Cli;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.ScaleOut;

/// <summary>
/// Model selection and distributed inference through a tree of nodes (width 2) whose partitions answer after random
/// delays: the candidate set's order-independent sums give the local selection bit for bit, and the inference
/// output and its printed totals equal the local command's whatever partitions each node held.
/// </summary>
public sealed class CandidateTreeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_selection_through_a_tree_of_four_nodes_equals_the_local_selection_bit_for_bit()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 3, 3, seed: 21);
        var spec = new FitSpec
        {
            Kind = "select", Data = data, SelectK = [2, 3], SelectCovariance = ["full", "tied"], NInit = 2, Seed = 5,
            Partitions = 9, Criterion = "bic", MaxIter = 12,
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        var seed = 0;

        await using var cluster = await EmbeddedCluster.StartAsync(
            4, () => new JitterBackend(++seed, 30), s => s with { TreeWidth = 2 });
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var model = await ModelOf(cluster, status.JobId);
        Assert.Equal(SelectionTable.ToCsv(local.Selection!), SelectionTable.ToCsv(SelectionTable.Read(model)!));
        var remote = (GaussianMixtureParameters)ModelFile.Parse(model, "cluster model");
        var expected = (GaussianMixtureParameters)local.Parameters;
        Assert.Equal(expected.Means.ToArray(), remote.Means.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), remote.Covariances.ToArray());
    }

    [Fact]
    public async Task A_score_through_a_tree_of_three_nodes_equals_the_local_command_byte_for_byte()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 9000, 3, 3, seed: 8);
        var model = _dir.File("model.json");
        File.WriteAllText(model, ModelFile.SerializeParameters(SyntheticMixtures.Random(3, 3, CovarianceType.Diag, 8)));
        var local = _dir.File("local.npy");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(
            AimassCli.Run(["score", "--model", model, "--data", data, "--output", local], output, error) == 0,
            error.ToString());
        var spec = new FitSpec
        {
            Kind = "score", Model = "gmm", Data = data, InitModel = File.ReadAllText(model), InitModelName = model,
            Partitions = 7, Output = _dir.File("cluster.npy"),
        };

        await using var cluster = await EmbeddedCluster.StartAsync(
            3, () => EStepBackends.Create("cpu"), s => s with { TreeWidth = 2 });
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        Assert.Equal(File.ReadAllBytes(local), File.ReadAllBytes(spec.Output));
        using var summary = new StringWriter();
        SubmitInferenceCommand.Summarize(await ModelOf(cluster, status.JobId), spec, summary);
        Assert.StartsWith(output.ToString().Trim(), summary.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> ModelOf(EmbeddedCluster cluster, string jobId) =>
        (await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(jobId), TimeSpan.FromSeconds(10))).ModelJson!;
}
