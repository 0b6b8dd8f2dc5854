using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace AiMass.Seed.Metrics;

/// <summary>
/// Exports a node's <see cref="AimassMetrics"/> in Prometheus' text format at <c>/metrics</c> through
/// OpenTelemetry's SDK and its Prometheus exporter. A view drops every instrument of other nodes' meters, so nodes
/// that share a process (<c>aimass local</c>, tests) each export their own series.
/// </summary>
public static class MetricsExport
{
    /// <summary>The scrape path.</summary>
    public const string Path = "/metrics";

    /// <summary>Registers <paramref name="metrics"/> and the OpenTelemetry meter provider that exports it.</summary>
    public static IServiceCollection AddAimassMetrics(this IServiceCollection services, AimassMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(metrics);
        services.AddSingleton(metrics);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("aimass"))
            .WithMetrics(m => m
                .AddMeter(AimassMetrics.MeterName)
                .AddView(i => ReferenceEquals(i.Meter, metrics.Meter) ? null : MetricStreamConfiguration.Drop)
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Counts <paramref name="system"/>'s cluster members for <c>aimass_cluster_members</c>.</summary>
    public static void ObserveCluster(AimassMetrics metrics, ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(system);
        var cluster = Akka.Cluster.Cluster.Get(system);
        metrics.ObserveCluster(() =>
        {
            var state = cluster.State;
            return state.Members
                .GroupBy(m => (m.Status.ToString().ToLowerInvariant(), !state.Unreachable.Contains(m)))
                .Select(g => (g.Key.Item1, g.Key.Item2, g.Count()))
                .ToArray();
        });
    }

    /// <summary>Maps <c>GET /metrics</c>; returns its endpoint conventions.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapPrometheusScrapingEndpoint(Path)
            .WithMetadata(new Microsoft.AspNetCore.Routing.HttpMethodMetadata(["GET"]))
            .WithDisplayName("metrics " + Path);
    }
}
