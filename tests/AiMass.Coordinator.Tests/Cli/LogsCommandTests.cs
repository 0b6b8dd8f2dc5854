using System.Text.Json;
using System.Text.RegularExpressions;
using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary><c>aimass logs JOB</c> against a coordinator serving its HTTP API in this process.</summary>
public sealed partial class LogsCommandTests(CoordinatorFixture cluster) : IClassFixture<CoordinatorFixture>
{
    [Fact]
    public void Logs_prints_the_iterations_watch_printed_and_the_final_state()
    {
        // Double precision: with auto, watch prints the float32 iterations a switch later redoes, logs the kept ones.
        var submitted = cluster.Run(
            "submit", "gmm", "--data", cluster.Data, "--k", "2", "--max-iter", "6", "--tol", "0", "--precision",
            "double", "--no-wait");
        var id = Assert.Single(submitted.OutLines);
        var watched = cluster.Run("watch", id);

        var logs = cluster.Run("logs", id);

        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal(IterationLines(watched.Out), IterationLines(logs.Out));
        Assert.Equal(6, IterationLines(logs.Out).Length);
        Assert.Matches($@"job {Regex.Escape(id)} succeeded at \S+ \S+ UTC: 6 iteration\(s\), not converged", logs.Out);
    }

    [Fact]
    public void Logs_with_json_prints_the_progress_streams_events_one_per_line()
    {
        var submitted = cluster.Run(
            "submit", "gmm", "--data", cluster.Data, "--k", "2", "--max-iter", "4", "--tol", "0", "--json");
        var id = JsonDocument.Parse(submitted.Out).RootElement.GetProperty("job_id").GetString()!;

        var logs = cluster.Run("logs", id, "--json");

        Assert.True(logs.ExitCode == 0, logs.ToString());
        var events = logs.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(5, events.Length);
        Assert.Equal(
            [1, 2, 3, 4],
            events[..4].Select(e => e.GetProperty("entry").GetProperty("iteration").GetInt32()));
        Assert.All(events[..4], e => Assert.Equal("iteration", e.GetProperty("type").GetString()));
        Assert.Equal("status", events[4].GetProperty("type").GetString());
        Assert.Equal("Succeeded", events[4].GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public void Logs_of_an_unknown_job_names_it_and_fails()
    {
        var logs = cluster.Run("logs", "no-such-job");

        Assert.NotEqual(0, logs.ExitCode);
        Assert.Contains("no-such-job", logs.Error, StringComparison.Ordinal);
    }

    private static string[] IterationLines(string output) =>
        output.Split('\n').Where(l => IterationLine().IsMatch(l)).Select(l => l.TrimEnd()).ToArray();

    [GeneratedRegex(@"^\s+iter\s+\d+")]
    private static partial Regex IterationLine();
}
