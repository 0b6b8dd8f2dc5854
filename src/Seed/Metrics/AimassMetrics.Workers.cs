using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AiMass.Seed.Metrics;

/// <summary>
/// The workers' instruments: each partition's E-step (a histogram per job, and the last step of each held partition
/// as gauges), the device, and memory: the process' resident set and the E-step backend's cache of prepared
/// partitions.
/// </summary>
public sealed partial class AimassMetrics
{
    private readonly ConcurrentDictionary<(string Job, int Partition), (double Seconds, double RowsPerSecond)>
        _partitions = new();

    private Histogram<double> _partitionSeconds = null!;
    private string? _device;
    private Func<(long Used, long Limit)>? _cache;

    /// <summary>Names this worker's E-step device (reported as <c>aimass_worker_device_info{device=…}</c>).</summary>
    public void SetDevice(string device) => _device = device;

    /// <summary>
    /// Where the E-step backend reports the bytes of its cache of prepared partitions and that cache's limit
    /// (backends without one report nothing).
    /// </summary>
    public void SetPartitionCache(Func<(long Used, long Limit)> cache) => _cache = cache;

    /// <summary>Records one E-step of a partition on this worker: its seconds and rows.</summary>
    public void PartitionComputed(string job, int partition, double seconds, long rows)
    {
        _partitionSeconds.Record(seconds, new KeyValuePair<string, object?>("job", job));
        _partitions[(job, partition)] = (seconds, seconds > 0 ? rows / seconds : 0);
    }

    /// <summary>The partition left this worker (released, moved or stopped): its gauges go.</summary>
    public void PartitionReleased(string job, int partition) => _partitions.TryRemove((job, partition), out _);

    private void CreateWorkerInstruments()
    {
        _partitionSeconds = Meter.CreateHistogram(
            "aimass_partition_estep_seconds", "s", "E-step of one partition on this worker, per job",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        Meter.CreateObservableGauge(
            "aimass_partition_last_estep_seconds",
            () => _partitions.Select(p => PartitionMeasure(p.Key, p.Value.Seconds)),
            "s", "The last E-step of each partition this worker holds");
        Meter.CreateObservableGauge(
            "aimass_partition_rows_per_second",
            () => _partitions.Select(p => PartitionMeasure(p.Key, p.Value.RowsPerSecond)),
            "{row}/s", "Rows per second of the last E-step of each partition this worker holds");
        Meter.CreateObservableGauge(
            "aimass_worker_device_info",
            () => _device is { } d ? [Measure(1, "device", d)] : Array.Empty<Measurement<double>>(),
            null, "This worker's E-step device (the value is 1)");
        Meter.CreateObservableGauge(
            "aimass_process_resident_memory_bytes", () => (double)Environment.WorkingSet, "By",
            "Resident memory of the node's process");
        Meter.CreateObservableGauge(
            "aimass_worker_partition_cache_bytes",
            () => _cache is { } c ? [new Measurement<double>(c().Used)] : Array.Empty<Measurement<double>>(),
            "By", "Bytes of prepared partitions the E-step backend keeps between iterations");
        Meter.CreateObservableGauge(
            "aimass_worker_partition_cache_limit_bytes",
            () => _cache is { } c ? [new Measurement<double>(c().Limit)] : Array.Empty<Measurement<double>>(),
            "By", "The most bytes of prepared partitions the E-step backend may keep");
    }

    private static Measurement<double> PartitionMeasure((string Job, int Partition) key, double value) =>
        Measure(value, "job", key.Job, "partition",
            key.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
