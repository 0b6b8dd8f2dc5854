using System.Net;
using System.Net.Sockets;
using AiMass.Coordinator.Api;
using AiMass.Coordinator.Nodes;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMass.Coordinator.Tests.Api;

/// <summary>
/// A coordinator whose job manager singleton is not there: its seed does not answer, so it never joins — as a
/// restarted coordinator waits for the singleton. Every API call is 503 with Retry-After at once.
/// </summary>
public sealed class JobManagerGateTests : IAsyncLifetime
{
    private const string Token = "gate-test-token-0123456789";

    // Longer than the gate's Identify (2 s) and far shorter than the ask the API would otherwise wait (15 s).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private IHost? _host;
    private Uri _api = null!;

    public async Task InitializeAsync()
    {
        var settings = new NodeSettings
        {
            Roles = ["coordinator"], SeedNodes = [$"akka.tcp://aimass@127.0.0.1:{ClosedPort()}"],
            ApiUrl = "http://127.0.0.1:0", ApiToken = Token, AkkaLogLevel = "None", LogLevel = "Error",
        };
        _host = NodeHosts.Build(settings, null, withApi: true, "lonely-coordinator");
        await _host.StartAsync();
        var bound = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First();
        _api = new Uri(bound);
    }

    [Theory]
    [InlineData("GET", "/api/jobs")]
    [InlineData("GET", "/api/cluster")]
    [InlineData("GET", "/api/jobs/some-job")]
    [InlineData("POST", "/api/jobs/some-job/cancel")]
    [InlineData("POST", "/api/jobs")]
    public async Task Every_call_answers_503_with_Retry_After_at_once_while_the_job_manager_is_not_there(
        string method, string path)
    {
        using var deadline = new CancellationTokenSource(Patience);
        var json = method == "POST" && path == "/api/jobs" ? """{"data": "/data/x.npy", "components": 2}""" : null;

        var answer = await RawHttp.SendAsync(_api, method, path, $"Bearer {Token}", json).WaitAsync(deadline.Token);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal(ApiExceptions.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            answer.Headers["Retry-After"]);
        Assert.Equal(
            "the job manager is not running yet: this coordinator has not joined the cluster, or no coordinator " +
            "is up; retry in a few seconds", answer.Error!.Error);
        Assert.False(answer.Error.InputError);
    }

    [Fact]
    public async Task Without_the_token_it_is_still_401_first()
    {
        var answer = await RawHttp.SendAsync(_api, "GET", "/api/jobs", null);

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(TimeSpan.FromSeconds(15));
            _host.Dispose();
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
