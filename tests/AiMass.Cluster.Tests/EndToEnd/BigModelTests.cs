using AiMass.Cluster.Tests.Chaos;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.EStep;
using AiMass.Seed.Jobs;

namespace AiMass.Cluster.Tests.EndToEnd;

/// <summary>
/// A model whose statistics are several times the remoting frame (<c>AiMass__MaxFrameBytes=1048576</c>: chunks of
/// 512 KiB) goes through a cluster of real processes and equals the local fit bit for bit; a model whose summed
/// statistics exceed <c>MaxPayloadBytes</c> fails at once with exit code 2, naming the size and the setting.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class BigModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Statistics_several_times_the_frame_cross_real_processes_and_an_unsendable_model_fails_with_exit_2()
    {
        // K=32, D=128 full: 2.1 MB of statistics per partition as float64 (4.3 MB summed exactly), 2.1 MB of
        // parameters; K=64 needs 8.6 MB per answer, above the 8 MB allowed here. 4,400 rows: K=64 has 536,639 free
        // parameters, which the planner allows only with more than 4,192 rows of 128 values (PlanLimits).
        var data = Datasets.WriteMixture(_dir.File("wide.npy"), 4400, 128, 4, seed: 81);
        var spec = new FitSpec
        {
            Data = data, Components = 32, CovarianceType = "full", Partitions = 3, MaxIter = 3, Tol = 0,
            RegCovar = 1e-2, InitMethod = "random-from-data",
        };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);
        using var cluster = ProcessCluster.Start(
            _dir.File("cluster"), 2, TimeSpan.FromMinutes(5), new Dictionary<string, string>
            {
                ["AiMass__MaxFrameBytes"] = "1048576",
                ["AiMass__MaxPayloadBytes"] = "8000000",
            });

        var fit = cluster.Aimass(
            "submit", "gmm", "--data", data, "--k", "32", "--covariance", "full", "--partitions", "3", "--max-iter",
            "3", "--tol", "0", "--reg-covar", "1e-2", "--init-method", "random-from-data", "--output",
            _dir.File("m.json"));
        var tooLarge = cluster.Aimass(
            "submit", "gmm", "--data", data, "--k", "64", "--covariance", "full", "--partitions", "3", "--max-iter",
            "3", "--tol", "0", "--reg-covar", "1e-2", "--init-method", "random-from-data");

        Assert.True(fit.ExitCode == 0, fit.ToString());
        ModelAssert.SameAs(local, _dir.File("m.json"));
        Assert.True(tooLarge.ExitCode == 2, tooLarge.ToString());
        Assert.Contains(
            "The summed statistics of this model take 8.59 MB between nodes", tooLarge.Error, StringComparison.Ordinal);
        Assert.Contains("above MaxPayloadBytes (8.00 MB); raise AiMass__MaxPayloadBytes on every node",
            tooLarge.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Log("coordinator"), l => l.Contains("Oversized", StringComparison.Ordinal));
    }
}
