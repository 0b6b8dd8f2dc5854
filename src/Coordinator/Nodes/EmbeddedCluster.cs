using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using AiMass.Kernels.EStep;
using AiMass.Seed.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMass.Coordinator.Nodes;

/// <summary>
/// A seed, a coordinator and N workers in one process, each its own ActorSystem on loopback with real remoting
/// (<c>aimass local</c>, and the multi-node tests).
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];
    private readonly List<IEStepBackend> _backends = [];
    private NodeSettings _settings = new();
    private IHost? _coordinator;
    private bool _withApi;

    private EmbeddedCluster()
    {
    }

    /// <summary>The seed node's address (<c>akka.tcp://aimass@127.0.0.1:port</c>).</summary>
    public string SeedAddress { get; private set; } = "";

    /// <summary>The coordinator's job manager (singleton proxy).</summary>
    public IActorRef JobManager { get; private set; } = ActorRefs.Nobody;

    /// <summary>The coordinator node's actor system.</summary>
    public ActorSystem CoordinatorSystem { get; private set; } = null!;

    /// <summary>The coordinator's HTTP API address (port resolved), when started with the API; else null.</summary>
    public Uri? ApiAddress { get; private set; }

    /// <summary>The token the API requires (from the settings, or generated), when started with the API.</summary>
    public Api.ApiToken? ApiToken { get; private set; }

    /// <summary>The coordinator node's services (its web application's, when started with the API).</summary>
    public IServiceProvider CoordinatorServices => (_coordinator ?? throw new InvalidOperationException(
        "The coordinator is stopped.")).Services;

    /// <summary>Every worker host, in start order.</summary>
    public IReadOnlyList<IHost> Workers => _hosts.Where(h => h != _coordinator).Skip(1).ToArray();

    /// <summary>
    /// Starts the nodes and returns once every worker is Up. <paramref name="backend"/> makes each worker's E-step
    /// device; <paramref name="configure"/> adjusts the settings every node starts from. With
    /// <paramref name="withApi"/> the coordinator also serves the HTTP API at the settings' ApiUrl (port 0: a free
    /// one).
    /// </summary>
    public static async Task<EmbeddedCluster> StartAsync(
        int workers, Func<IEStepBackend> backend, Func<NodeSettings, NodeSettings>? configure = null,
        string workerLogLevel = "Warning", bool withApi = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var baseSettings = (configure ?? (s => s))(new NodeSettings());
        var cluster = new EmbeddedCluster();
        try
        {
            var seed = await cluster.StartNodeAsync(
                baseSettings with { Roles = ["seed"], LogLevel = workerLogLevel }, null, "seed");
            cluster.SeedAddress = Cluster.Get(seed.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
            cluster._settings = baseSettings;
            cluster._withApi = withApi;
            await cluster.StartCoordinatorAsync(cancellation);
            for (var i = 1; i <= workers; i++)
            {
                await cluster.AddWorkerAsync(baseSettings with { LogLevel = workerLogLevel }, backend(), $"worker-{i}");
            }

            await cluster.WaitForWorkersAsync(workers, TimeSpan.FromSeconds(60), cancellation);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a coordinator node (again, after <see cref="StopCoordinatorAsync"/>) joined to the seed.
    /// </summary>
    public async Task StartCoordinatorAsync(CancellationToken cancellation = default)
    {
        _coordinator = await StartNodeAsync(
            _settings with { Roles = ["coordinator"], SeedNodes = [SeedAddress] }, null, "coordinator", _withApi);
        ApiAddress = _withApi ? ApiAddressOf(_coordinator) : null;
        ApiToken = _withApi ? _coordinator.Services.GetRequiredService<Api.ApiToken>() : null;
        CoordinatorSystem = _coordinator.Services.GetRequiredService<ActorSystem>();
        JobManager = await _coordinator.Services.GetRequiredService<ActorRegistry>()
            .GetAsync<JobManagerKey>(cancellation);
    }

    /// <summary>Stops the coordinator node gracefully (it leaves the cluster; its job manager stops with it).</summary>
    public async Task StopCoordinatorAsync()
    {
        if (_coordinator is { } host)
        {
            _hosts.Remove(host);
            await host.StopAsync(TimeSpan.FromSeconds(30));
            host.Dispose();
            _coordinator = null;
        }
    }

    /// <summary>
    /// Starts one more worker node joined to the seed; the cluster disposes <paramref name="backend"/>.
    /// </summary>
    public Task<IHost> AddWorkerAsync(NodeSettings settings, IEStepBackend backend, string label)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(backend);
        _backends.Add(backend);
        return StartNodeAsync(settings with { Roles = ["worker"], SeedNodes = [SeedAddress] }, backend, label);
    }

    /// <summary>Stops worker <paramref name="worker"/> gracefully: it leaves the cluster, handing its partitions
    /// off.</summary>
    public async Task StopWorkerAsync(IHost worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (_hosts.Remove(worker))
        {
            await worker.StopAsync(TimeSpan.FromSeconds(30));
            worker.Dispose();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> workers are Up, as the coordinator sees them.</summary>
    public async Task WaitForWorkersAsync(int count, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var cluster = Cluster.Get(CoordinatorSystem);
        var deadline = DateTime.UtcNow + timeout;
        while (cluster.State.Members.Count(m => m.Status == MemberStatus.Up && m.HasRole("worker")) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"{count} workers did not join the cluster within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(100, cancellation);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            try
            {
                await _hosts[i].StopAsync(TimeSpan.FromSeconds(15));
            }
            finally
            {
                _hosts[i].Dispose();
            }
        }

        _hosts.Clear();
        foreach (var backend in _backends)
        {
            backend.Dispose();
        }

        _backends.Clear();
    }

    private static Uri ApiAddressOf(IHost coordinator)
    {
        var addresses = coordinator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var bound = addresses?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The coordinator's HTTP API reports no address.");
        return new Uri(bound.EndsWith('/') ? bound : bound + "/");
    }

    private async Task<IHost> StartNodeAsync(
        NodeSettings settings, IEStepBackend? backend, string label, bool withApi = false)
    {
        var host = NodeHosts.Build(settings, backend, withApi, label);
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }
}
