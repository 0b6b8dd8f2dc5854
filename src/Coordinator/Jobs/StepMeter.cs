using AiMass.Seed.Metrics;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Measures a job's steps for the metrics and the dashboard: the bytes of the step's requests and answers as
/// sent, each partition's E-step time, and each iteration's phases. Owned by one <see cref="JobActor"/> and
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

    /// <summary>Counts a step request of <paramref name="bytes"/> bytes (header and parameters, as sent).</summary>
    public void Sent(long bytes) => _sent += bytes;

    /// <summary>Counts an accepted node answer of <paramref name="bytes"/> bytes and keeps the timing of each
    /// partition it covers.</summary>
    public void Received(long bytes, IEnumerable<PartitionDone> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        _received += bytes;
        foreach (var d in done)
        {
            _timings[d.Partition] = new TimingQueries.PartitionTiming(d.Partition, d.ComputeMilliseconds, d.Worker,
                d.Device);
        }
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
