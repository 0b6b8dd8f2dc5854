using System.Net;
using System.Net.Sockets;
using AiMass.Coordinator.Client;
using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Client;

public sealed class CoordinatorClientTests
{
    [Fact]
    public async Task An_unreachable_coordinator_is_a_failure_that_says_how_to_start_one()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";
        using var client = new CoordinatorClient(CoordinatorAddress.Resolve(url, null));

        var e = await Assert.ThrowsAsync<CoordinatorException>(() => client.JobsAsync(CancellationToken.None));

        Assert.StartsWith($"cannot reach the coordinator at {url}: ", e.Message);
        Assert.EndsWith("start one with 'aimass coordinator' or set --coordinator/AIMASS_COORDINATOR", e.Message);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("cluster")]
    [InlineData("status", "some-job")]
    public void An_unreachable_coordinator_is_one_line_and_exit_code_1_for_every_client_command(
        params string[] args)
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var run = CliRun.Of([.. args, "--coordinator", url]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"aimass: cannot reach the coordinator at {url}: ", line);
    }

    [Fact]
    public void The_environment_names_the_coordinator_when_the_flag_does_not()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";
        var before = Environment.GetEnvironmentVariable(CoordinatorAddress.EnvironmentVariable);
        Environment.SetEnvironmentVariable(CoordinatorAddress.EnvironmentVariable, url);
        try
        {
            var run = CliRun.Of(["jobs"]);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith($"aimass: cannot reach the coordinator at {url}: ", run.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CoordinatorAddress.EnvironmentVariable, before);
        }
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
