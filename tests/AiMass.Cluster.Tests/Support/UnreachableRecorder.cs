using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Records every member that a node's cluster marks unreachable.</summary>
public sealed class UnreachableRecorder : ReceiveActor
{
    /// <summary>Records into <paramref name="seen"/>.</summary>
    public UnreachableRecorder(ConcurrentQueue<string> seen)
    {
        Receive<ClusterEvent.UnreachableMember>(
            u => seen.Enqueue($"{u.Member.Address} ({string.Join(',', u.Member.Roles)})"));
    }

    /// <inheritdoc />
    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.UnreachableMember));

    /// <inheritdoc />
    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
