using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Records the log events of an actor system (as its loggers see them), with their levels.</summary>
public static class LogRecorder
{
    /// <summary>Starts recording <paramref name="system"/>'s log events into the returned queue.</summary>
    public static ConcurrentQueue<(LogLevel Level, string Message)> Attach(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var events = new ConcurrentQueue<(LogLevel, string)>();
        var recorder = system.ActorOf(Props.Create(() => new Recorder(events)));
        system.EventStream.Subscribe(recorder, typeof(LogEvent));
        return events;
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ConcurrentQueue<(LogLevel Level, string Message)> events) =>
            Receive<LogEvent>(e => events.Enqueue((e.LogLevel(), e.Message?.ToString() ?? "")));
    }
}
