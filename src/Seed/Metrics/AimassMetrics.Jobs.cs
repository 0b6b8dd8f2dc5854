using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AiMass.Seed.Metrics;

/// <summary>The coordinator's instruments: jobs, iterations and the phases and traffic of each step.</summary>
public sealed partial class AimassMetrics
{
    /// <summary>Histogram buckets for phase durations, 1 ms to 10 min.</summary>
    private static readonly double[] SecondsBuckets =
        [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>Histogram buckets for bytes per step, 1 KiB to 4 GiB.</summary>
    private static readonly double[] ByteBuckets =
        [1 << 10, 1 << 14, 1 << 17, 1 << 20, 1 << 22, 1 << 24, 1 << 26, 1 << 28, 1 << 30, 1L << 32];

    private readonly ConcurrentDictionary<string, int> _jobsByState = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _lowerBounds = new(StringComparer.Ordinal);
    private Counter<long> _iterations = null!;
    private Histogram<double> _eStepSeconds = null!;
    private Histogram<double> _reduceSeconds = null!;
    private Histogram<double> _mStepSeconds = null!;
    private Histogram<long> _sentBytes = null!;
    private Histogram<long> _receivedBytes = null!;

    /// <summary>Sets the number of jobs in each state (lower-case state names); states not given count 0.</summary>
    public void SetJobStates(IReadOnlyDictionary<string, int> byState)
    {
        ArgumentNullException.ThrowIfNull(byState);
        foreach (var state in _jobsByState.Keys.Except(byState.Keys).ToArray())
        {
            _jobsByState[state] = 0;
        }

        foreach (var (state, count) in byState)
        {
            _jobsByState[state] = count;
        }
    }

    /// <summary>
    /// Records one finished EM iteration of <paramref name="job"/>: the E-step (from the step's requests until every
    /// partition answered), the reduction (adding the statistics) and the M-step, in seconds; and the job's lower
    /// bound after it.
    /// </summary>
    public void IterationCompleted(
        string job, double eStepSeconds, double reduceSeconds, double mStepSeconds, double lowerBound)
    {
        var tag = new KeyValuePair<string, object?>("job", job);
        _iterations.Add(1, tag);
        _eStepSeconds.Record(eStepSeconds, tag);
        _reduceSeconds.Record(reduceSeconds, tag);
        _mStepSeconds.Record(mStepSeconds, tag);
        _lowerBounds[job] = lowerBound;
    }

    /// <summary>
    /// Records the bytes one step of <paramref name="job"/> sent to the workers (the requests, as serialized) or
    /// received from them (the statistics replies).
    /// </summary>
    public void StepTraffic(string job, long sentBytes, long receivedBytes)
    {
        var tag = new KeyValuePair<string, object?>("job", job);
        if (sentBytes > 0)
        {
            _sentBytes.Record(sentBytes, tag);
        }

        if (receivedBytes > 0)
        {
            _receivedBytes.Record(receivedBytes, tag);
        }
    }

    /// <summary>The job ended: its lower bound is no longer reported (only running jobs have one).</summary>
    public void JobEnded(string job) => _lowerBounds.TryRemove(job, out _);

    private void CreateJobInstruments()
    {
        Meter.CreateObservableGauge(
            "aimass_jobs", () => _jobsByState.Select(s => Measure(s.Value, "state", s.Key)),
            "{job}", "Jobs the job manager knows, by state");
        Meter.CreateObservableGauge(
            "aimass_job_lower_bound", () => _lowerBounds.Select(j => Measure(j.Value, "job", j.Key)),
            null, "Mean per-sample log-likelihood of each running job after its last iteration");
        _iterations = Meter.CreateCounter<long>(
            "aimass_iterations", "{iteration}", "EM iterations completed, per job");
        _eStepSeconds = Seconds("aimass_iteration_estep", "E-step of an iteration: requests out until every " +
            "partition's statistics are in");
        _reduceSeconds = Seconds("aimass_iteration_reduce", "Adding the partitions' statistics of an iteration");
        _mStepSeconds = Seconds("aimass_iteration_mstep", "M-step of an iteration");
        _sentBytes = Bytes("aimass_step_sent", "Bytes of one step's requests to the workers, as serialized");
        _receivedBytes = Bytes("aimass_step_received", "Bytes of one step's statistics replies, as serialized");
    }

    private Histogram<double> Seconds(string name, string description) => Meter.CreateHistogram(
        name + "_seconds", "s", description,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private Histogram<long> Bytes(string name, string description) => Meter.CreateHistogram(
        name + "_bytes", "By", description,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = ByteBuckets.Select(b => (long)b).ToArray() });
}
