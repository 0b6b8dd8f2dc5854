using Microsoft.AspNetCore.Routing;

namespace AiMass.Coordinator.Api;

/// <summary>
/// THE list of endpoints anyone may call without the API token; every other endpoint, and every request that
/// matches none, needs it (<see cref="ApiAuthentication"/>). Empty today. To make an endpoint public, map it in
/// <see cref="Map"/> with <c>.AllowAnonymous()</c>, add its route to <see cref="Routes"/>, and say why in
/// docs/SECURITY.md; the tests check that the endpoints allowing anonymous calls are exactly these.
/// </summary>
public static class PublicEndpoints
{
    /// <summary>The routes (as "METHOD /pattern") of the public endpoints.</summary>
    public static IReadOnlyList<string> Routes { get; } = [];

    /// <summary>Maps the public endpoints (none today).</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
