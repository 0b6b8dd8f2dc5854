using AiMass.Seed.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace AiMass.Seed.Hosting;

/// <summary>
/// The management HTTP endpoint of a worker or seed (<c>--management-port</c>): <c>/healthz</c>, <c>/readyz</c>
/// and <c>/metrics</c>, nothing else, without a token (they reveal no secrets and change nothing). A coordinator
/// serves the same three on its API address, on the API's public list.
/// </summary>
public static class ManagementEndpoints
{
    /// <summary>Listens on <paramref name="host"/>:<paramref name="port"/> (0: a free port).</summary>
    public static void Configure(WebApplicationBuilder web, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(host);
        var literal = host.Contains(':', StringComparison.Ordinal) ? $"[{host.Trim('[', ']')}]" : host;
        web.WebHost.UseUrls($"http://{literal}:{port}");
    }

    /// <summary>Maps the three endpoints.</summary>
    public static void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        NodeHealth.Map(app);
        MetricsExport.Map(app);
    }
}
