using System.Diagnostics;
using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>
/// Deleting jobs and refusing absurd ones through the tool and the HTTP API of a coordinator in this process.
/// </summary>
public sealed class JobLifecycleCommandTests(CoordinatorFixture cluster) : IClassFixture<CoordinatorFixture>
{
    [Fact]
    public void A_running_job_is_deleted_only_after_a_cancel_and_then_it_is_gone()
    {
        var submitted = cluster.Run(
            "submit", "gmm", "--data", cluster.Data, "--k", "3", "--max-iter", "100000", "--tol", "0", "--no-wait")
            .Succeeded();
        var id = Assert.Single(submitted.OutLines);

        var early = cluster.Run("jobs", "delete", id);
        cluster.Run("cancel", id).Succeeded();
        var deleted = cluster.Run("jobs", "delete", id);
        var after = cluster.Run("status", id);

        Assert.Equal(2, early.ExitCode);
        Assert.Matches(
            $@"^aimass: Job {id} is (planning|running); cancel it first \('aimass cancel {id}'\), then delete it\.$",
            early.Error.Trim());
        Assert.Equal($"job {id} deleted", deleted.Succeeded().Out.Trim());
        Assert.Equal(2, after.ExitCode);
        Assert.DoesNotContain(id, cluster.Run("jobs").Succeeded().Out);
    }

    [Fact]
    public async Task The_api_deletes_with_delete_and_answers_404_for_an_unknown_job()
    {
        using var http = cluster.Http(cluster.Token);

        using var missing = await http.DeleteAsync("api/jobs/no-such-job");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        var error = System.Text.Json.JsonSerializer.Deserialize<Coordinator.Api.ApiError>(
            await missing.Content.ReadAsStringAsync(), Coordinator.Api.ApiJson.Options)!;
        Assert.Equal("No job 'no-such-job'; 'aimass jobs' lists them.", error.Error);
    }

    [Fact]
    public void An_absurd_k_is_refused_at_once_with_exit_code_2_and_the_reason()
    {
        var watch = Stopwatch.StartNew();
        var run = cluster.Run("submit", "gmm", "--data", cluster.Data, "--k", "2900", "--no-wait");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            "aimass: --k 2900 with full covariances has 43,499 free parameters, more than the 12,000 values of ",
            run.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"answered after {watch.Elapsed.TotalSeconds:F0} s");
    }
}
