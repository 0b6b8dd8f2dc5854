using Akka.Cluster;
using AiMass.Seed.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiMass.Seed.Tests.Hosting;

/// <summary>
/// The member-up readiness check follows the node's membership: not ready before it has joined, ready while Up, not
/// ready again once it leaves (so <c>/readyz</c> answers 503 and a load balancer or Kubernetes stops sending it
/// traffic).
/// </summary>
public sealed class NodeHealthTests() : Akka.TestKit.Xunit2.TestKit("""
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
    """)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_node_is_ready_only_while_it_is_an_up_member()
    {
        var cluster = Cluster.Get(Sys);
        var before = NodeHealth.MemberUp(Sys);

        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, Patience);
        var up = NodeHealth.MemberUp(Sys);
        cluster.Leave(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status != MemberStatus.Up, Patience);
        var leaving = NodeHealth.MemberUp(Sys);

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.EndsWith("not Up", before.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal($"member {cluster.SelfAddress} is Up", up.Description);
        Assert.Equal(HealthStatus.Unhealthy, leaving.Status);
    }
}
