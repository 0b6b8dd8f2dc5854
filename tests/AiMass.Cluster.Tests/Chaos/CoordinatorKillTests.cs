using System.Text.RegularExpressions;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.EStep;
using AiMass.Seed.Jobs;
using Xunit.Abstractions;

namespace AiMass.Cluster.Tests.Chaos;

/// <summary>
/// kill -9 of the coordinator process mid-job: a new coordinator process on the same job store resumes the job from
/// its last checkpoint and finishes with the fault-free model; the finished job and its model survive a further
/// restart.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class CoordinatorKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_restarted_coordinator_resumes_the_job_from_its_checkpoint_and_keeps_it_after_another_restart()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 20_000, 4, 3, seed: 23);
        var spec = new FitSpec { Data = data, Components = 3, Partitions = 4, MaxIter = 30, Tol = 0 };
        var local = LocalFit.Run(spec, new ReferenceBackend(), new NullFitObserver(), CancellationToken.None);

        using var cluster = ProcessCluster.Start(_dir.File("cluster"), 2, TimeSpan.FromMinutes(2.5));
        var submit = cluster.Aimass(
            "submit", "gmm", "--data", data, "--k", "3", "--partitions", "4", "--max-iter", "30", "--tol", "0",
            "--no-wait");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var job = submit.Out.Trim();
        var before = cluster.WaitForStatus(
            job, s => s.GetProperty("iterations_total").GetInt32() >= 3, TimeSpan.FromSeconds(60));

        var killed = cluster.Kill("coordinator");
        cluster.Script("restart", "coordinator");
        var watch = cluster.Aimass("watch", job);
        var result = cluster.Aimass("result", job, "--output", _dir.File("m.json"));

        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        ModelAssert.SameAs(local, _dir.File("m.json"));
        var resumed = cluster.Log("coordinator").Single(l => l.Contains($"job={job} found running in the job store"));
        output.WriteLine($"killed after {before.GetProperty("iterations_total").GetInt32()} iterations; resumed " +
            $"{ProcessCluster.SecondsUntil(killed, resumed):F1} s after kill -9 (new process started at once): " +
            resumed);
        Assert.Matches(@"resuming after step ([3-9]|[1-2]\d)$", resumed);

        cluster.Kill("coordinator");
        cluster.Script("restart", "coordinator");
        var jobs = cluster.Aimass("jobs");
        var again = cluster.Aimass("result", job, "--output", _dir.File("again.json"));

        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        Assert.Matches($@"(?m)^{Regex.Escape(job)}\s+succeeded\s+30\s", jobs.Out);
        Assert.True(again.ExitCode == 0, again.ToString());
        ModelAssert.SameAs(local, _dir.File("again.json"));
    }
}
