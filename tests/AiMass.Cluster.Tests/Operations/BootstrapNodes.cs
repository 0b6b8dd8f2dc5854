using System.Net;
using System.Net.Sockets;
using Akka.Actor;

using Akka.Hosting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Seed.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMass.Cluster.Tests.Operations;

/// <summary>
/// A coordinator and two workers in this process that find each other by discovery and cluster bootstrap, with no
/// seed list: each node's bootstrap endpoint on its own loopback port.
/// </summary>
public sealed class BootstrapNodes : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];
    private readonly List<IEStepBackend> _backends = [];

    /// <summary>The nodes' bootstrap ports, coordinator first.</summary>
    public IReadOnlyList<int> BootstrapPorts { get; } = [FreePort(), FreePort(), FreePort()];

    /// <summary>The coordinator's host (after <see cref="StartAsync"/>).</summary>
    public IHost Coordinator => _hosts[0];

    /// <summary>Every node's actor system, coordinator first.</summary>
    public IEnumerable<ActorSystem> Systems => _hosts.Select(h => h.Services.GetRequiredService<ActorSystem>());

    /// <summary>
    /// Starts the three nodes at once with <paramref name="discovery"/> (its bootstrap port set per node).
    /// </summary>
    public async Task StartAsync(NodeDiscoverySettings discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        var roles = new[] { "coordinator", "worker", "worker" };
        for (var i = 0; i < roles.Length; i++)
        {
            var settings = new NodeSettings
            {
                Roles = [roles[i]],
                Host = "127.0.0.1",
                Port = 0,
                LogLevel = "Warning",
                Discovery = discovery with { BootstrapPort = BootstrapPorts[i] },
            };
            IEStepBackend? backend = roles[i] == "worker" ? new ReferenceBackend() : null;
            if (backend is not null)
            {
                _backends.Add(backend);
            }

            _hosts.Add(NodeHosts.Build(settings, backend, withApi: false, $"{roles[i]}-{i}"));
        }

        await Task.WhenAll(_hosts.Select(h => h.StartAsync()));
    }

    /// <summary>Waits until every node sees three Up members (at most <paramref name="timeout"/>).</summary>
    public async Task WaitForThreeUpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Systems.All(s => Akka.Cluster.Cluster.Get(s).State.Members
                   .Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 3))
        {
            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join("; ", Systems.Select(Akka.Cluster.Cluster.Get).Select(c =>
                    $"{c.SelfAddress}: {string.Join(',', c.State.Members.Select(m => m.Status))}"));
                throw new TimeoutException($"No 3-node cluster within {timeout.TotalSeconds:F0} s: {seen}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The job manager's proxy on the coordinator.</summary>
    public Task<IActorRef> JobManagerAsync() =>
        Coordinator.Services.GetRequiredService<ActorRegistry>().GetAsync<JobManagerKey>();

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

        foreach (var backend in _backends)
        {
            backend.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
