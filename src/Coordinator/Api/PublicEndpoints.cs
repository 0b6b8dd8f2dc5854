using AiMass.Coordinator.Dashboard;
using AiMass.Seed.Hosting;
using AiMass.Seed.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AiMass.Coordinator.Api;

/// <summary>
/// THE list of endpoints anyone may call without the API token; every other endpoint, and every request that
/// matches none, needs it (<see cref="ApiAuthentication"/>). To make an endpoint public, map it in <see cref="Map"/>
/// with <c>.AllowAnonymous()</c>, add its route to <see cref="Routes"/>, and say why in docs/SECURITY.md; the tests
/// check that the endpoints allowing anonymous calls are exactly these. Today: the health probes (an orchestrator
/// calls them without credentials; they say up or not and why, nothing else), the Prometheus metrics (job ids and
/// timings, never paths or secrets), and the dashboard's static page and assets (no data: the page asks for the
/// token and sends it with every data call).
/// </summary>
public static class PublicEndpoints
{
    /// <summary>The routes (as "METHOD /pattern") of the public endpoints.</summary>
    public static IReadOnlyList<string> Routes { get; } =
    [
        "GET /", "GET /dashboard/{asset}", "GET /healthz", "GET /metrics", "GET /readyz",
    ];

    /// <summary>Maps the public endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var endpoint in NodeHealth.Map(app).Concat(DashboardEndpoints.Map(app)))
        {
            endpoint.AllowAnonymous();
        }

        MetricsExport.Map(app).AllowAnonymous();
    }
}
