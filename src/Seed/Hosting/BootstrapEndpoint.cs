using Akka;
using Akka.Actor;
using Akka.Management.Cluster.Bootstrap;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Akka.Management.Dsl;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace AiMass.Seed.Hosting;

/// <summary>
/// The contact point cluster bootstrap probes on every node, <c>GET /bootstrap/seed-nodes</c> on
/// <see cref="NodeDiscoverySettings.BootstrapPort"/>, served by Kestrel. Akka.Management 1.5.73 serves it with
/// Ceen.Httpd, but the only Ceen.Httpd the package registry serves (0.9.10) lacks the method Akka.Management calls
/// (MissingMethodException at start), so this node serves the same route with the same JSON
/// (<see cref="HttpBootstrapJsonProtocol.SeedNodes"/>, the members a joining node may join) and then starts
/// <see cref="ClusterBootstrap"/> itself with this endpoint as its self contact point.
/// </summary>
public static class BootstrapEndpoint
{
    /// <summary>The route bootstrap probes.</summary>
    public const string Path = "/bootstrap/seed-nodes";

    /// <summary>How many members an answer lists at most (Akka.Management's default).</summary>
    public const int MaxSeedNodes = 5;

    /// <summary>Serves the contact point, then starts bootstrap; the endpoint stops with the actor system.</summary>
    public static async Task StartAsync(ActorSystem system, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        var port = settings.Discovery.BootstrapPort;
        var web = WebApplication.CreateSlimBuilder();
        web.Logging.ClearProviders();
        ManagementEndpoints.Configure(web, settings.Host, port);
        var app = web.Build();
        app.MapGet(Path, () => Results.Text(JsonConvert.SerializeObject(SeedNodes(system)), "application/json"));
        await app.StartAsync();
        CoordinatedShutdown.Get(system).AddTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "stop-bootstrap-endpoint", async () =>
            {
                await app.StopAsync();
                await app.DisposeAsync();
                return Done.Instance;
            });

        var host = settings.PublicHost ?? settings.Host;
        var self = new Uri($"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}/");
        var bootstrap = ClusterBootstrap.Get(system);
        bootstrap.Routes(ManagementRouteProviderSettings.Create(self, readOnly: true));
        await bootstrap.Start();
    }

    /// <summary>
    /// What Akka.Management's route answers: this node, and the reachable Joining, Up or WeaklyUp members (none
    /// while this node itself is leaving or gone, so nobody joins through it).
    /// </summary>
    public static HttpBootstrapJsonProtocol.SeedNodes SeedNodes(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var self = cluster.SelfMember;
        if (self.Status is Akka.Cluster.MemberStatus.Leaving or Akka.Cluster.MemberStatus.Exiting
            or Akka.Cluster.MemberStatus.Down or Akka.Cluster.MemberStatus.Removed)
        {
            return new HttpBootstrapJsonProtocol.SeedNodes(self.Address, []);
        }

        var state = cluster.State;
        var members = state.Members
            .Where(m => !state.Unreachable.Contains(m))
            .Where(m => m.Status is Akka.Cluster.MemberStatus.Joining or Akka.Cluster.MemberStatus.Up
                or Akka.Cluster.MemberStatus.WeaklyUp)
            .Take(MaxSeedNodes)
            .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(
                m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))
            .ToArray();
        return new HttpBootstrapJsonProtocol.SeedNodes(self.Address, [.. members]);
    }
}
