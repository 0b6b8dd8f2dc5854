using System.Text.Json;
using System.Text.RegularExpressions;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>The client commands against a coordinator serving its HTTP API in this process.</summary>
public sealed partial class ClientCommandTests(CoordinatorFixture cluster) : IClassFixture<CoordinatorFixture>
{
    [Fact]
    public void Submit_follows_every_iteration_and_writes_the_model_that_fit_gmm_writes()
    {
        string[] fit = ["--data", cluster.Data, "--k", "3", "--partitions", "4", "--max-iter", "15", "--tol", "0"];
        var submitted = cluster.Run(["submit", "gmm", .. fit, "--output", cluster.File("submitted.json")]);
        var local = CliRun.Of(["fit", "gmm", .. fit, "--device", "reference", "--output", cluster.File("local.json")]);

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Equal(0, local.ExitCode);
        Assert.Equal(Enumerable.Range(1, 15), IterationNumbers(submitted.Out));
        Assert.Matches(@"job \S+ succeeded: did not converge after 15 iterations", submitted.Out);
        AssertSameModel(cluster.File("local.json"), cluster.File("submitted.json"));
    }

    [Fact]
    public void Submit_with_no_wait_prints_the_id_that_watch_status_jobs_and_result_take()
    {
        var submitted = cluster.Run(
            "submit", "gmm", "--data", cluster.Data, "--k", "2", "--covariance", "diag", "--max-iter", "8",
            "--tol", "0", "--no-wait");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var id = Assert.Single(submitted.OutLines);

        var watched = cluster.Run("watch", id);
        var status = cluster.Run("status", id, "--json");
        var jobs = cluster.Run("jobs");
        var result = cluster.Run("result", id, "--output", cluster.File("result.json"));

        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Equal(Enumerable.Range(1, 8), IterationNumbers(watched.Out));
        using var json = JsonDocument.Parse(status.Out);
        Assert.Equal(id, json.RootElement.GetProperty("job_id").GetString());
        Assert.Equal("Succeeded", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(8, json.RootElement.GetProperty("history").GetArrayLength());
        Assert.Contains(
            jobs.OutLines, line => line.StartsWith(id, StringComparison.Ordinal) && line.Contains("succeeded"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var model = (GaussianMixtureParameters)ModelFile.Load(cluster.File("result.json"));
        Assert.Equal(CovarianceType.Diag, model.CovarianceType);
        Assert.Equal(2, model.Components);
    }

    [Fact]
    public void Submit_with_json_prints_only_the_final_status_with_its_history()
    {
        var run = cluster.Run(
            "submit", "gmm", "--data", cluster.Data, "--k", "2", "--max-iter", "5", "--tol", "0", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("Succeeded", json.RootElement.GetProperty("state").GetString());
        var history = json.RootElement.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, 5), history.Select(h => h.GetProperty("iteration").GetInt32()));
    }

    [Fact]
    public void Ctrl_C_stops_following_but_not_the_job_and_cancel_stops_the_job()
    {
        var submitted = cluster.Run(
            "submit", "gmm", "--data", cluster.Data, "--k", "3", "--max-iter", "100000", "--tol", "0", "--no-wait");
        var id = Assert.Single(submitted.OutLines);

        var detached = cluster.RunCancelledAfter(TimeSpan.FromSeconds(2), "watch", id);
        var running = cluster.Run("status", id);
        var cancelled = cluster.Run("cancel", id);
        var watched = cluster.Run("watch", id);
        var result = cluster.Run("result", id);
        var again = cluster.Run("cancel", id);

        Assert.Equal(1, detached.ExitCode);
        Assert.Contains($"stopped following job {id}; it keeps running", detached.Error);
        Assert.Matches(@"state:\s+(pending|running)", running.Out);
        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Contains($"job {id} cancelled", cancelled.Out);
        Assert.Equal(1, watched.ExitCode);
        Assert.Contains($"job {id} was cancelled", watched.Error);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was cancelled", result.Error);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already ended (cancelled)", again.Out);
    }

    [Fact]
    public void Bad_input_is_exit_code_2_with_the_coordinators_message()
    {
        var missing = cluster.File("no-such-file.npy");

        var run = cluster.Run("submit", "gmm", "--data", missing, "--k", "3");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"aimass: data file '{missing}' does not exist", run.Error.Trim());
    }

    [Fact]
    public void An_output_in_a_missing_folder_is_refused_before_the_job_is_submitted()
    {
        var before = JobCount();
        var output = Path.Combine(cluster.Folder, "missing", "m.json");

        var run = cluster.Run("submit", "gmm", "--data", cluster.Data, "--k", "3", "--output", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist; create it first", run.Error);
        Assert.Equal(before, JobCount());
    }

    [Theory]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("cancel")]
    [InlineData("result")]
    public void An_unknown_job_is_exit_code_2(string command)
    {
        var run = cluster.Run(command, "no-such-job");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("aimass: no job 'no-such-job' at the coordinator http://127.0.0.1:", run.Error);
    }

    [Fact]
    public void Cluster_shows_the_worker_with_its_device_and_waits_for_workers()
    {
        // The device column fills when the worker's first advertisement arrives (every few seconds).
        var table = cluster.Run("cluster");
        for (var i = 0; i < 50 && !table.Out.Contains(" reference ", StringComparison.Ordinal); i++)
        {
            Thread.Sleep(100);
            table = cluster.Run("cluster");
        }

        var json = cluster.Run("cluster", "--json", "--wait-workers", "1");
        var tooMany = cluster.Run("cluster", "--wait-workers", "3", "--timeout", "1");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.OutLines, line => Regex.IsMatch(
            line, @"^akka\.tcp://aimass@127\.0\.0\.1:\d+\s+worker\s+Up \(reachable\)\s+reference\s+\d+"));
        Assert.Contains(table.OutLines, line => Regex.IsMatch(line, @"\scoordinator\s+Up"));
        Assert.EndsWith("1 worker(s) up", table.OutLines[^1]);
        using var view = JsonDocument.Parse(json.Out);
        var worker = Assert.Single(view.RootElement.GetProperty("members").EnumerateArray(),
            m => m.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "worker"));
        Assert.Equal("reference", worker.GetProperty("device").GetString());
        Assert.Equal(1, tooMany.ExitCode);
        Assert.StartsWith("aimass: 3 worker(s) were not up within 1 s (1 up)", tooMany.Error);
    }

    private int JobCount()
    {
        var jobs = cluster.Run("jobs", "--json");
        Assert.Equal(0, jobs.ExitCode);
        using var json = JsonDocument.Parse(jobs.Out);
        return json.RootElement.GetArrayLength();
    }

    private static int[] IterationNumbers(string output) =>
        IterationLine().Matches(output)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    private static void AssertSameModel(string expectedPath, string actualPath)
    {
        var expected = (GaussianMixtureParameters)ModelFile.Load(expectedPath);
        var actual = (GaussianMixtureParameters)ModelFile.Load(actualPath);
        Assert.Equal(expected.Weights.ToArray(), actual.Weights.ToArray());
        Assert.Equal(expected.Means.ToArray(), actual.Means.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), actual.Covariances.ToArray());
    }

    [GeneratedRegex(@"^\s+iter\s+(\d+)\s+lower_bound", RegexOptions.Multiline)]
    private static partial Regex IterationLine();
}
