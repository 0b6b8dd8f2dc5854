using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AiMass.Seed.Serialization;

namespace AiMass.Bench.Scale;

/// <summary>
/// Listens to the coordinator's log events and, the moment a job logs an iteration, samples this process's CPU
/// time and the bytes of AiMass messages it has deserialized: differences between iterations are the coordinator's
/// cost per iteration, without polling (which would cost the coordinator CPU itself).
/// </summary>
public static class IterationMeter
{
    /// <summary>Starts sampling <paramref name="system"/>'s iterations into the returned queue.</summary>
    public static ConcurrentQueue<Sample> Attach(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var samples = new ConcurrentQueue<Sample>();
        var meter = system.ActorOf(Props.Create(() => new Meter(samples)), "iteration-meter");
        system.EventStream.Subscribe(meter, typeof(Info));
        return samples;
    }

    /// <summary>The process when iteration <paramref name="Iteration"/> was logged.</summary>
    /// <param name="Iteration">Iteration number.</param>
    /// <param name="Timestamp">Stopwatch ticks.</param>
    /// <param name="CpuMilliseconds">This process's CPU time so far.</param>
    /// <param name="BytesIn">AiMass message bytes this process has deserialized so far.</param>
    public sealed record Sample(int Iteration, long Timestamp, double CpuMilliseconds, long BytesIn);

    private sealed class Meter : ReceiveActor
    {
        public Meter(ConcurrentQueue<Sample> samples)
        {
            var process = Process.GetCurrentProcess();
            Receive<Info>(info =>
            {
                var text = info.Message?.ToString() ?? "";
                var at = text.IndexOf(" iteration ", StringComparison.Ordinal);
                if (at < 0 || !text.Contains("job=", StringComparison.Ordinal))
                {
                    return;
                }

                var number = text[(at + 11)..].Split(' ')[0];
                process.Refresh();
                samples.Enqueue(new Sample(
                    int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetTimestamp(),
                    process.TotalProcessorTime.TotalMilliseconds, AimassSerializer.BytesRead));
            });
        }
    }
}
