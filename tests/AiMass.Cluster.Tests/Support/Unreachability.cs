using System.Collections.Concurrent;
using Akka.Actor;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Watches a node for members it marks unreachable.</summary>
public static class Unreachability
{
    /// <summary>Starts an <see cref="UnreachableRecorder"/> on <paramref name="system"/>; the queue fills as
    /// members become unreachable.</summary>
    public static ConcurrentQueue<string> RecordOn(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var seen = new ConcurrentQueue<string>();
        system.ActorOf(Props.Create(() => new UnreachableRecorder(seen)));
        return seen;
    }
}
