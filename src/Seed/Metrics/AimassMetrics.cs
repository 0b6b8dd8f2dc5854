using System.Diagnostics.Metrics;
using Akka.Actor;

namespace AiMass.Seed.Metrics;

/// <summary>
/// Every metric instrument of AiMass, in one place: one instance per node (its <see cref="Meter"/> is exported at
/// that node's <c>/metrics</c> only, so nodes sharing a process keep their series apart). Names follow Prometheus'
/// conventions once exported: the <c>aimass_</c> prefix, the unit in the name, <c>_total</c> on counters. Labels
/// carry job ids, partitions, states and device names, never file paths or secrets. Coordinator instruments are in
/// AimassMetrics.Jobs.cs, worker instruments in AimassMetrics.Workers.cs; the step code feeds them.
/// </summary>
public sealed partial class AimassMetrics : IDisposable
{
    /// <summary>The meter's name (what an exporter subscribes to).</summary>
    public const string MeterName = "AiMass";

    private Func<IEnumerable<(string Status, bool Reachable, int Count)>>? _members;

    /// <summary>Creates the node's meter and instruments.</summary>
    public AimassMetrics()
    {
        Meter = new Meter(MeterName, typeof(AimassMetrics).Assembly.GetName().Version?.ToString());
        Meter.CreateObservableGauge(
            "aimass_cluster_members",
            () => (_members?.Invoke() ?? []).Select(m =>
                Measure(m.Count, "status", m.Status, "reachable", m.Reachable ? "true" : "false")),
            "{member}", "Cluster members by status and reachability, as this node sees them");
        CreateJobInstruments();
        CreateWorkerInstruments();
    }

    /// <summary>This node's meter.</summary>
    public Meter Meter { get; }

    /// <summary>The metrics of the node that runs <paramref name="system"/> (an Akka extension, one per system).
    /// </summary>
    public static AimassMetrics For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<AimassMetricsExtension, AimassMetricsExtensionProvider>().Metrics;
    }

    /// <summary>Where the cluster members are counted (by lower-case status and reachability) when scraped.
    /// </summary>
    public void ObserveCluster(Func<IEnumerable<(string Status, bool Reachable, int Count)>> members) =>
        _members = members;

    /// <summary>Disposes the meter (its instruments stop reporting).</summary>
    public void Dispose() => Meter.Dispose();

    private static Measurement<double> Measure(double value, string key, string label) =>
        new(value, new KeyValuePair<string, object?>(key, label));

    private static Measurement<double> Measure(
        double value, string key1, string label1, string key2, string label2) =>
        new(value, new KeyValuePair<string, object?>(key1, label1), new KeyValuePair<string, object?>(key2, label2));
}
