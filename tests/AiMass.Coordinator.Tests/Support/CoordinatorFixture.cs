using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>
/// A seed, a coordinator serving the HTTP API on a free loopback port, and one worker (reference E-step) in this
/// process, plus a small dataset; shared by the client command tests. The API requires its generated token and
/// reads request bodies up to <see cref="MaxRequestBytes"/>.
/// </summary>
public sealed class CoordinatorFixture : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;

    /// <summary>A folder for data and outputs.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("aimass-client-").FullName;

    /// <summary>3000 rows × 4 features from 3 Gaussian components (seed 5).</summary>
    public string Data => Path.Combine(Folder, "x.npy");

    /// <summary>The largest request body the fixture's API reads (1 MiB, so a test can exceed it cheaply).</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    /// <summary>The coordinator's API, as <c>--coordinator</c> takes it.</summary>
    public string Coordinator => _cluster!.ApiAddress!.AbsoluteUri.TrimEnd('/');

    /// <summary>The API's base address.</summary>
    public Uri ApiAddress => _cluster!.ApiAddress!;

    /// <summary>The token the API requires.</summary>
    public string Token => _cluster!.ApiToken!.Value;

    /// <summary>The coordinator's job manager (the singleton proxy), to check what the API did.</summary>
    public Akka.Actor.IActorRef JobManager => _cluster!.JobManager;

    /// <summary>The coordinator node's services: its web application's endpoints, among others.</summary>
    public IServiceProvider CoordinatorServices => _cluster!.CoordinatorServices;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var gen = CliRun.Of(["gen", "gmm", "--rows", "3000", "--features", "4", "--components", "3", "--seed", "5",
            "--output", Data]);
        Assert.True(gen.ExitCode == 0, gen.ToString());
        _cluster = await EmbeddedCluster.StartAsync(
            1, () => new ReferenceBackend(),
            s => s with
            {
                ApiUrl = "http://127.0.0.1:0", AkkaLogLevel = "None", LogLevel = "Warning",
                ApiMaxRequestBytes = MaxRequestBytes,
            },
            withApi: true);
    }

    /// <summary>Runs <c>aimass ARGS --coordinator URL --token TOKEN</c> in this process.</summary>
    public CliRun Run(params string[] args) => CliRun.Of([.. args, "--coordinator", Coordinator, "--token", Token]);

    /// <summary>Like <see cref="Run"/>, with Ctrl-C after <paramref name="after"/>.</summary>
    public CliRun RunCancelledAfter(TimeSpan after, params string[] args) =>
        CliRun.Of([.. args, "--coordinator", Coordinator, "--token", Token], after);

    /// <summary>A plain HTTP client of the API that sends <paramref name="token"/> (null: no Authorization).</summary>
    public HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return http;
    }

    /// <summary>A path in the fixture's folder.</summary>
    public string File(string name) => Path.Combine(Folder, name);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }
}
