using AiMass.Seed.Metrics;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Measures a job's steps for the metrics and the dashboard: the bytes of the step's requests and replies as
/// serialized, each partition's E-step time, and each iteration's phases. Owned by one <see cref="JobActor"/> and
/// used on its thread only.
/// </summary>
public sealed class StepMeter(string jobId, AimassMetrics metrics)
{
    private readonly SortedDictionary<int, TimingQueries.PartitionTiming> _timings = [];
    private long _sent;
    private long _received;

    /// <summary>A new step starts: its counts start from zero.</summary>
    public void Started()
    {
        _timings.Clear();
        _sent = 0;
        _received = 0;
    }

    /// <summary>Counts <paramref name="copies"/> requests the size of <paramref name="request"/>.</summary>
    public void Sent(PartitionCommands.ComputeStatistics request, int copies = 1)
    {
        ArgumentNullException.ThrowIfNull(request);
        _sent += MessageSize.Of(request) * copies;
    }

    /// <summary>Counts an accepted reply and keeps its partition's timing.</summary>
    public void Received(PartitionEvents.StatisticsComputed reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _received += MessageSize.Of(reply);
        _timings[reply.Partition] =
            new TimingQueries.PartitionTiming(reply.Partition, reply.ComputeMilliseconds, reply.Worker, reply.Device);
    }

    /// <summary>
    /// The step was reduced into an iteration (its phases in milliseconds, and the lower bound after it): records
    /// the metrics and returns the step's timings.
    /// </summary>
    public TimingQueries.StepTimings Reduced(
        int step, double eStepMs, double reduceMs, double mStepMs, double? lowerBound)
    {
        if (lowerBound is { } bound)
        {
            metrics.IterationCompleted(jobId, eStepMs / 1000, reduceMs / 1000, mStepMs / 1000, bound);
        }

        metrics.StepTraffic(jobId, _sent, _received);
        return new TimingQueries.StepTimings(jobId, step, _timings.Values.ToArray());
    }

    /// <summary>The job ended: it no longer reports a lower bound.</summary>
    public void Ended() => metrics.JobEnded(jobId);
}
