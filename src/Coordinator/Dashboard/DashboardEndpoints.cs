using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiMass.Coordinator.Dashboard;

/// <summary>
/// The live dashboard: a static page at <c>/</c> and its script, style and the vendored uPlot chart library (with
/// its licence) at <c>/dashboard/{asset}</c>, all embedded in this assembly (no CDN, nothing fetched at run time).
/// The page holds no data: every data call it makes carries the API token, so these routes are public and the
/// API's are not.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>The assets under <c>/dashboard/</c> and their content types; nothing else is served.</summary>
    public static IReadOnlyDictionary<string, string> Assets { get; } = new Dictionary<string, string>
    {
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["uplot.iife.min.js"] = "text/javascript; charset=utf-8",
        ["uplot.min.css"] = "text/css; charset=utf-8",
        ["uplot.LICENSE"] = "text/plain; charset=utf-8",
    };

    /// <summary>Scripts and styles from this origin only; data only from this origin; never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    /// <summary>Maps <c>GET /</c> and <c>GET /dashboard/{asset}</c>; returns their endpoint conventions.</summary>
    public static IReadOnlyList<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return
        [
            app.MapGet("/", (HttpContext context) => Serve(context, "index.html", "text/html; charset=utf-8")),
            app.MapGet("/dashboard/{asset}", (string asset, HttpContext context) =>
                Assets.TryGetValue(asset, out var type)
                    ? Serve(context, asset, type)
                    : Api.ApiErrors.Result(
                        StatusCodes.Status404NotFound,
                        $"the dashboard has no asset {Api.ApiErrors.Quote(asset)}", true)),
        ];
    }

    private static IResult Serve(HttpContext context, string name, string contentType)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(Cache.GetOrAdd(name, Load), contentType);
    }

    private static byte[] Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in this build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
