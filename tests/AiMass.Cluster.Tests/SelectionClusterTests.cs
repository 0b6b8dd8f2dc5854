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

namespace AiMass.Cluster.Tests;

/// <summary>
/// Model selection, MAP priors, HMM constraints and partial labels through a 2-worker loopback cluster: the job
/// equals the local fit with the same partitions bit for bit (candidate sets and their statistics cross real
/// remoting, the selection's state is checkpointed after every pass).
/// </summary>
public sealed class SelectionClusterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_two_worker_selection_equals_the_local_selection_bit_for_bit()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 4000, 3, 3, seed: 12);
        var spec = new FitSpec
        {
            Kind = "select", Data = data, SelectK = [2, 3, 4], SelectCovariance = ["full", "diag", "spherical"],
            NInit = 2, Seed = 3, Partitions = 4, Criterion = "icl",
        };
        using var backend = EStepBackends.Create("cpu");
        var local = LocalFit.Run(spec, backend, new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => EStepBackends.Create("cpu"));
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var model = await ModelOf(cluster, status.JobId);
        Assert.Equal(SelectionTable.ToCsv(local.Selection!), SelectionTable.ToCsv(SelectionTable.Read(model)!));
        var remote = (GaussianMixtureParameters)ModelFile.Parse(model, "cluster model");
        Assert.Equal(((GaussianMixtureParameters)local.Parameters).Means.ToArray(), remote.Means.ToArray());
    }

    [Fact]
    public async Task A_left_right_hmm_with_frozen_means_and_partial_labels_equals_the_local_fit()
    {
        var truth = HmmParameters.CreateGaussian(
            CovarianceType.Diag, [1, 0, 0], [0.8, 0.2, 0, 0, 0.8, 0.2, 0, 0, 1], [0, 0, 4, 1, -3, 5],
            [1, 1, 0.8, 1.2, 1, 0.6], 2);
        var (data, lengths) = HmmDatasets.Write(_dir.Path, truth, [90, 60, 120, 80], seed: 4);
        var labels = _dir.File("labels.txt");
        File.WriteAllLines(labels, Enumerable.Range(0, 350).Select(i => i % 50 == 0 ? "0" : "-1"));
        var spec = new FitSpec
        {
            Model = "hmm", Data = data, Lengths = lengths, Components = 3, Topology = "left-right", Params = "stc",
            Labels = labels, Partitions = 2, MaxIter = 8, Tol = 0, Seed = 2,
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => new ReferenceBackend());
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var remote = (HmmParameters)ModelFile.Parse(await ModelOf(cluster, status.JobId), "cluster model");
        var expected = (HmmParameters)local.Parameters;
        Assert.Equal(expected.Transitions.ToArray(), remote.Transitions.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), remote.Covariances.ToArray());
        Assert.Equal(0.0, remote.Transitions[2]); // left-right: 0 → 2 stays a structural zero
        Assert.Equal(0.0, remote.Transitions[3]);
    }

    [Fact]
    public async Task A_map_fit_with_a_saved_model_as_the_prior_equals_the_local_fit()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 3, 3, seed: 6);
        var prior = _dir.File("prior.json");
        File.WriteAllText(prior, ModelFile.SerializeParameters(SyntheticMixtures.Random(3, 3, CovarianceType.Full, 6)));
        var spec = new FitSpec
        {
            Data = data, PriorModel = File.ReadAllText(prior), PriorModelName = prior, PriorStrength = 20,
            Partitions = 3, MaxIter = 10, Tol = 0,
        };
        var local = LocalFit.Run(spec, EStepBackends.Create("cpu"), new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => EStepBackends.Create("cpu"));
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        var json = await ModelOf(cluster, status.JobId);
        var remote = (GaussianMixtureParameters)ModelFile.Parse(json, "cluster model");
        Assert.Equal(((GaussianMixtureParameters)local.Parameters).Covariances.ToArray(), remote.Covariances.ToArray());
        Assert.Contains("\"lower_bound_kind\": \"log_posterior\"", json, StringComparison.Ordinal);
    }

    private static async Task<string> ModelOf(EmbeddedCluster cluster, string jobId) =>
        (await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(jobId), TimeSpan.FromSeconds(10))).ModelJson!;
}
