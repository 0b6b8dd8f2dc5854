using System.Globalization;
using System.Text.RegularExpressions;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.EStep;
using AiMass.Seed.Jobs;
using Xunit.Abstractions;

namespace AiMass.Cluster.Tests.Chaos;

/// <summary>
/// kill -9 of a worker process mid-iteration: the coordinator notices (unreachable, then removed by the Split Brain
/// Resolver), the lost partitions are re-created on the surviving worker, and the model equals the fault-free fit.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed partial class WorkerKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_killed_worker_s_partitions_move_to_the_survivor_and_the_model_equals_the_local_fit()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 20_000, 4, 3, seed: 21);
        var spec = new FitSpec { Data = data, Components = 3, Partitions = 6, MaxIter = 30, Tol = 0 };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);

        // Straggler speculation off: with it, the survivor also computes the dead worker's partitions after
        // SpeculationMinimum (10 s), before the cluster even removes the worker; this test measures the removal path.
        using var cluster = ProcessCluster.Start(
            _dir.File("cluster"), 1, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["AiMass__SpeculationFactor"] = "0" });
        cluster.Script("add-worker");
        var submit = cluster.Aimass(
            "submit", "gmm", "--data", data, "--k", "3", "--partitions", "6", "--max-iter", "30", "--tol", "0",
            "--no-wait");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var job = submit.Out.Trim();
        cluster.WaitForStatus(job, s => s.GetProperty("iterations_total").GetInt32() >= 3, TimeSpan.FromSeconds(60));

        var killed = cluster.Kill("worker-1");
        var watch = cluster.Aimass("watch", job);
        var result = cluster.Aimass("result", job, "--output", _dir.File("m.json"));

        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        ModelAssert.SameAs(local, _dir.File("m.json"));
        var log = cluster.Log("coordinator");
        foreach (var line in log.Where(l => l.Contains("job=", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }

        var removed = log.Select(l => Removed().Match(l)).Single(m => m.Success && m.Groups["job"].Value == job);
        Assert.NotEmpty(removed.Groups["partitions"].Value);
        var recovered = log.Select(l => Recovered().Match(l)).Single(m => m.Success && m.Groups["job"].Value == job);
        Assert.Equal(removed.Groups["worker"].Value, recovered.Groups["worker"].Value);
        var unreachable = log.First(l => l.Contains($"job={job} worker ") && l.Contains(" is unreachable"));
        output.WriteLine($"kill -9 → unreachable {ProcessCluster.SecondsUntil(killed, unreachable):F1} s, → removed " +
            $"{ProcessCluster.SecondsUntil(killed, log.First(l => l.Contains(removed.Value))):F1} s");
        output.WriteLine(removed.Value);
        output.WriteLine(recovered.Value);
        var seconds = double.Parse(recovered.Groups["total"].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds > 0, recovered.Value);
    }

    [GeneratedRegex(@"job=(?<job>\S+) worker (?<worker>\S+) was removed from the cluster during step \d+, [\d.]+ s " +
        @"after it became unreachable; asking partitions \[(?<partitions>[\d, ]+)\] again")]
    private static partial Regex Removed();

    [GeneratedRegex(@"job=(?<job>\S+) recovered from the loss of worker (?<worker>\S+): partitions \[[\d, ]+\] " +
        @"answered again at step \d+; detection to recovery (?<total>[\d.]+) s")]
    private static partial Regex Recovered();
}
