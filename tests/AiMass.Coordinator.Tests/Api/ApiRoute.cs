using System.Text.RegularExpressions;
using AiMass.Coordinator.Api;
using Microsoft.AspNetCore.Routing;

namespace AiMass.Coordinator.Tests.Api;

/// <summary>One endpoint of the running API: its method and route pattern (<c>/api/jobs/{id}/cancel</c>).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Pattern">The route pattern, from the endpoint itself.</param>
public sealed partial record ApiRoute(string Method, string Pattern)
{
    /// <summary>How the path of a route can be spelt: each spelling and what the /api/jobs route looks like.</summary>
    public static IReadOnlyList<(string Name, string Example)> Spellings { get; } =
    [
        ("as mapped", "/api/jobs"),
        ("first segment upper case", "/API/jobs"),
        ("first segment capitalised", "/Api/jobs"),
        ("first segment mixed case", "/aPi/jobs"),
        ("first letter percent-encoded", "/%61pi/jobs"),
        ("second segment's first letter percent-encoded", "/api/%6Aobs"),
        ("trailing slash", "/api/jobs/"),
        ("doubled slashes", "//api//jobs"),
        ("every literal segment upper case", "/API/JOBS"),
    ];

    /// <summary>Whether ASP.NET Core's routing takes a spelling to the endpoint (doubled slashes match none).</summary>
    public static bool Routes(string spelling) => spelling != "doubled slashes";

    /// <summary>Every route endpoint of the application behind <paramref name="services"/>.</summary>
    public static IReadOnlyList<ApiRoute> Of(IServiceProvider services)
    {
        var source = (EndpointDataSource)services.GetService(typeof(EndpointDataSource))!;
        return source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new ApiRoute(m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Whether the route is on the public list (<see cref="PublicEndpoints"/>).</summary>
    public bool IsPublic => PublicEndpoints.Routes.Contains(ToString());

    /// <summary>The request target for this route spelt as <paramref name="spelling"/>, with every parameter
    /// set to <paramref name="id"/>.</summary>
    public string Target(string spelling, string id)
    {
        var segments = Pattern.Trim('/').Split('/');
        switch (spelling)
        {
            case "first segment upper case":
                segments[0] = segments[0].ToUpperInvariant();
                break;
            case "first segment capitalised":
                segments[0] = char.ToUpperInvariant(segments[0][0]) + segments[0][1..];
                break;
            case "first segment mixed case":
                segments[0] = segments[0][..1] + char.ToUpperInvariant(segments[0][1]) + segments[0][2..];
                break;
            case "first letter percent-encoded":
                segments[0] = Encoded(segments[0]);
                break;
            case "second segment's first letter percent-encoded":
                segments[1] = Encoded(segments[1]);
                break;
            case "every literal segment upper case":
                segments = segments.Select(s => s.StartsWith('{') ? s : s.ToUpperInvariant()).ToArray();
                break;
        }

        var path = spelling switch
        {
            "trailing slash" => "/" + string.Join('/', segments) + "/",
            "doubled slashes" => "//" + string.Join("//", segments),
            _ => "/" + string.Join('/', segments),
        };
        return Parameter().Replace(path, id);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Pattern}";

    private static string Encoded(string segment) => $"%{(int)segment[0]:X2}" + segment[1..];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
