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

/// <summary>HMM jobs through the same job actor and partition entities as the mixtures.</summary>
public sealed class HmmClusterTests : IDisposable
{
    private static readonly int[] Lengths = [120, 75, 200, 90, 160, 60, 140, 110];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("full")]
    [InlineData("categorical")]
    public async Task A_two_worker_hmm_fit_equals_the_local_fit_with_the_same_partitions_bit_for_bit(string kind)
    {
        var categorical = kind == "categorical";
        var truth = categorical
            ? SyntheticHmms.Categorical(3, 5, seed: 3)
            : SyntheticHmms.Gaussian(3, 3, CovarianceType.Full, seed: 3);
        var (data, lengths) = HmmDatasets.Write(_dir.Path, truth, Lengths, seed: 8);
        var spec = new FitSpec
        {
            Model = "hmm", Data = data, Lengths = lengths, Components = 3,
            Emission = categorical ? "categorical" : "gaussian",
            CovarianceType = categorical ? null : "full", Partitions = 4, MaxIter = 12, Tol = 0, NInit = 2, Seed = 5,
            Priors = new HmmPriorSpec { TransMatPrior = 1.5 },
            Precision = "double", // no auto-precision rollback: exactly 12 passes (one costs two more)
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => new ReferenceBackend());
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        Assert.Equal(13, status.History.Count); // both initialisations share each of 12 passes, then 1 scoring pass
        Assert.Equal(4, status.PartitionsTotal);
        var model = await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(status.JobId), TimeSpan.FromSeconds(10));
        var remote = (HmmParameters)ModelFile.Parse(model.ModelJson!, "cluster model");
        var expected = (HmmParameters)local.Parameters;
        Assert.Equal(Bits(expected.StartProbabilities), Bits(remote.StartProbabilities));
        Assert.Equal(Bits(expected.Transitions), Bits(remote.Transitions));
        Assert.Equal(Bits(expected.Means), Bits(remote.Means));
        Assert.Equal(Bits(expected.Covariances), Bits(remote.Covariances));
        Assert.Equal(Bits(expected.EmissionProbabilities), Bits(remote.EmissionProbabilities));
        Assert.Equal(Bits(local.History.Select(h => h.LowerBound)), Bits(HistoryOf(model.ModelJson!)));
        Assert.Equal(Bits([local.LogLikelihood]), Bits([LogLikelihoodOf(model.ModelJson!)]));
    }

    [Fact]
    public async Task An_hmm_job_without_partitions_or_lengths_runs_as_one_sequence_in_one_partition()
    {
        var truth = SyntheticHmms.Gaussian(2, 2, CovarianceType.Diag, seed: 4);
        var (data, _) = HmmDatasets.Write(_dir.Path, truth, [300], seed: 2);
        var spec = new FitSpec { Model = "hmm", Data = data, Components = 2, MaxIter = 3, Tol = 0 };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => new ReferenceBackend());
        var status = await ClusterJobs.RunAsync(cluster, spec);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        Assert.Equal(1, status.PartitionsTotal);
        Assert.Equal(Bits(local.History.Select(h => h.LowerBound)), Bits(status.History.Select(h => h.LowerBound)));
    }

    private static IEnumerable<double> HistoryOf(string modelJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(modelJson);
        return document.RootElement.GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("lower_bound").GetDouble()).ToArray();
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static double LogLikelihoodOf(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("log_likelihood").GetDouble();
}
