using System.Text.Json;
using Akka.Actor;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Cli;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests;

/// <summary>
/// Distributed inference through a 2-worker loopback cluster: every partition writes its rows' outputs, and the
/// assembled file (or the parts in order) equals the local predict/score/decode output byte for byte; the totals the
/// commands print are the same bits.
/// </summary>
public sealed class InferenceClusterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("predict", false, "labels.npy")]
    [InlineData("predict", true, "proba.npy")]
    [InlineData("score", false, "scores.csv")]
    [InlineData("score", false, "scores.npy")]
    public async Task Mixture_inference_on_the_cluster_equals_the_local_command_byte_for_byte(
        string kind, bool proba, string file)
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 20_000, 4, 3, seed: 3);
        var model = _dir.File("model.json");
        File.WriteAllText(model, ModelFile.SerializeParameters(SyntheticMixtures.Random(3, 4, CovarianceType.Full, 3)));
        var local = _dir.File("local-" + file);
        string[] flags = proba ? ["--proba"] : [];
        var localRun = Local([kind, "--model", model, "--data", data, "--output", local, .. flags]);
        var spec = Spec(kind, "gmm", model, data, null) with { Proba = proba, Output = _dir.File("cluster-" + file) };

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => EStepBackends.Create("cpu"));
        var document = await RunAsync(cluster, spec);

        Assert.Equal(File.ReadAllBytes(local), File.ReadAllBytes(spec.Output!));
        Assert.False(Directory.Exists(spec.Output + ".parts"));
        if (kind == "score")
        {
            using var summary = new StringWriter();
            SubmitInferenceCommand.Summarize(document, spec, summary);
            Assert.StartsWith(localRun.Trim(), summary.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("decode", "viterbi")]
    [InlineData("decode", "map")]
    [InlineData("score", null)]
    public async Task Hmm_inference_into_parts_equals_the_local_command_in_partition_order(
        string kind, string? algorithm)
    {
        var truth = SyntheticHmms.Gaussian(3, 2, CovarianceType.Diag, seed: 5);
        var (data, lengths) = HmmDatasets.Write(_dir.Path, truth, [80, 120, 60, 150, 90, 70], seed: 6);
        var model = _dir.File("hmm.json");
        File.WriteAllText(model, ModelFile.SerializeParameters(truth));
        var local = _dir.File("local.npy");
        Local([kind, "--model", model, "--data", data, "--lengths", lengths, "--output", local,
            .. algorithm is null ? Array.Empty<string>() : ["--algorithm", algorithm]]);
        var parts = _dir.File("parts");
        var spec = Spec(kind, "hmm", model, data, lengths) with { Algorithm = algorithm, OutputDir = parts };

        await using var cluster = await EmbeddedCluster.StartAsync(2, () => new ReferenceBackend());
        await RunAsync(cluster, spec);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(parts, "manifest.json")));
        var files = manifest.RootElement.GetProperty("parts").EnumerateArray()
            .Select(p => Path.Combine(parts, p.GetProperty("file").GetString()!)).ToArray();
        Assert.Equal(4, files.Length);
        var values = files.SelectMany(f => Values(f)).ToArray();
        Assert.Equal(Values(local), values);
    }

    private static FitSpec Spec(string kind, string modelKind, string model, string data, string? lengths) => new()
    {
        Kind = kind, Model = modelKind, Data = data, Lengths = lengths, InitModel = File.ReadAllText(model),
        InitModelName = model, Partitions = 4,
    };

    private static async Task<string> RunAsync(EmbeddedCluster cluster, FitSpec spec)
    {
        var status = await ClusterJobs.RunAsync(cluster, spec);
        Assert.True(status.State == JobState.Succeeded, status.Error);
        return (await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(status.JobId), TimeSpan.FromSeconds(10))).ModelJson!;
    }

    private static string Local(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = AimassCli.Run(args, output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }

    private static long[] Values(string npy)
    {
        using var source = new Seed.Data.NpyRowSource(npy);
        var values = new double[source.Rows * source.Features];
        source.Read(0, (int)source.Rows, values);
        return values.Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
