using AiMass.Coordinator.Api;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Protocol;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiMass.Coordinator.Tests.Api;

/// <summary>
/// Every route of the running API × every spelling of its path × no token, a wrong token and the right one, sent
/// byte for byte over a socket. Without the right token the answer is 401 and the job manager shows that nothing
/// happened; with it, every spelling that routes reaches the endpoint.
/// </summary>
public sealed class AuthenticationMatrixTests(GuardedApiFixture api, ITestOutputHelper output)
    : IClassFixture<GuardedApiFixture>
{
    /// <summary>The routes the API had when this test was written: the matrix must cover at least these.</summary>
    private static readonly string[] KnownRoutes =
    [
        "GET /api/cluster", "GET /api/jobs", "POST /api/jobs", "GET /api/jobs/{id}", "DELETE /api/jobs/{id}",
        "POST /api/jobs/{id}/cancel",
        "GET /api/jobs/{id}/events", "GET /api/jobs/{id}/model", "GET /api/jobs/{id}/timings",
    ];

    public static TheoryData<string> Spellings => new(ApiRoute.Spellings.Select(s => s.Name));

    private IReadOnlyList<ApiRoute> Routes => ApiRoute.Of(api.Cluster.CoordinatorServices);

    [Fact]
    public void The_matrix_covers_every_route_the_API_maps_and_the_public_routes_are_exactly_the_public_list()
    {
        var routes = Routes.Select(r => r.ToString()).ToArray();

        Assert.Superset(KnownRoutes.ToHashSet(), routes.ToHashSet());
        Assert.Superset(PublicEndpoints.Routes.ToHashSet(), routes.ToHashSet());
        var source = api.Cluster.CoordinatorServices.GetRequiredService<EndpointDataSource>();
        var anonymous = source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(PublicEndpoints.Routes.Order(StringComparer.Ordinal), anonymous);
        Assert.DoesNotContain(anonymous, r => r.Contains("/api", StringComparison.OrdinalIgnoreCase));
        output.WriteLine(
            $"{routes.Length} routes: {string.Join(", ", routes)}; public: {string.Join(", ", anonymous)}");
    }

    [Fact]
    public async Task The_public_routes_answer_without_a_token_and_reveal_no_token()
    {
        foreach (var target in new[] { "/", "/dashboard/dashboard.js", "/dashboard/uplot.iife.min.js",
                     "/dashboard/uplot.LICENSE", "/healthz", "/readyz", "/metrics" })
        {
            var answer = await RawHttp.SendAsync(api.Cluster.ApiAddress, "GET", target, null);

            Assert.True(answer.Status == StatusCodes.Status200OK, $"GET {target}: {answer.Status} {answer.Body}");
            Assert.DoesNotContain(api.Cluster.Token, answer.Body, StringComparison.Ordinal);
        }

        var unknown = await RawHttp.SendAsync(api.Cluster.ApiAddress, "GET", "/dashboard/appsettings.json", null);
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Status);
        var post = await RawHttp.SendAsync(api.Cluster.ApiAddress, "POST", "/metrics", null);
        Assert.Equal(StatusCodes.Status401Unauthorized, post.Status);
    }

    [Fact]
    public async Task The_fallback_policy_requires_the_token_scheme()
    {
        var policies = api.Cluster.CoordinatorServices.GetRequiredService<IAuthorizationPolicyProvider>();

        var fallback = await policies.GetFallbackPolicyAsync();

        Assert.NotNull(fallback);
        Assert.Equal([ApiAuthentication.Scheme], fallback.AuthenticationSchemes);
        Assert.Contains(fallback.Requirements, r => r is
            Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task Without_the_right_token_every_route_so_spelt_is_401_and_nothing_happens(string spelling)
    {
        var before = await api.JobIdsAsync();
        var wrong = api.Cluster.Token[..^1] + (api.Cluster.Token[^1] == 'A' ? 'B' : 'A');
        var sent = 0;

        foreach (var route in Routes.Where(r => !r.IsPublic))
        {
            foreach (var authorization in new[] { null, $"Bearer {wrong}", $"Basic {api.Cluster.Token}" })
            {
                var target = route.Target(spelling, api.LiveJob);
                var answer = await RawHttp.SendAsync(
                    api.Cluster.ApiAddress, route.Method, target, authorization, Body(route));
                sent++;

                var call = $"{route.Method} {target} with {authorization?.Split(' ')[0] ?? "no token"}";
                Assert.True(answer.Status == StatusCodes.Status401Unauthorized, $"{call}: {answer.Body}");
                Assert.Equal("Bearer", answer.Headers["WWW-Authenticate"]);
                Assert.Contains(ApiAuthentication.TokenRemedy, answer.Error?.Error ?? $"{call}: {answer.Body}");
            }
        }

        Assert.Equal(before, await api.JobIdsAsync());
        var live = await api.LiveStatusAsync();
        Assert.False(live.IsFinal, $"the live job is {live.State}");
        output.WriteLine($"{spelling}: {sent} requests without the right token, all 401; no job created or cancelled");
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task With_the_right_token_every_route_so_spelt_reaches_its_endpoint_if_the_spelling_routes(
        string spelling)
    {
        var submissions = 0;
        var before = (await api.JobIdsAsync()).Length;
        var sent = 0;

        foreach (var route in Routes.Where(r => !r.IsPublic))
        {
            var answer = await RawHttp.SendAsync(api.Cluster.ApiAddress, route.Method,
                route.Target(spelling, "no-such-job"), $"Bearer {api.Cluster.Token}", Body(route));
            sent++;

            var call = $"{route.Method} {route.Target(spelling, "no-such-job")}: {answer.Status} {answer.Body}";
            if (!ApiRoute.Routes(spelling))
            {
                Assert.True(answer.Status == StatusCodes.Status404NotFound, call);
                Assert.StartsWith("the API has no endpoint", answer.Error?.Error ?? call);
                continue;
            }

            // The endpoint itself answered: a success, or its own 404 about the unknown job.
            Assert.True(answer.Status is >= 200 and < 300 || (answer.Status == StatusCodes.Status404NotFound
                && answer.Error?.Error is { } error && error.Contains("'no-such-job'", StringComparison.Ordinal)
                && !error.StartsWith("the API has no endpoint", StringComparison.Ordinal)), call);
            submissions += route.ToString() == "POST /api/jobs" ? 1 : 0;
        }

        Assert.Equal(before + submissions, (await api.JobIdsAsync()).Length);
        output.WriteLine($"{spelling}: {sent} requests with the right token, {submissions} job(s) submitted");
    }

    [Fact]
    public async Task Requests_that_match_no_endpoint_also_need_the_token()
    {
        foreach (var target in new[]
                 { "/index.html", "/nothing", "/healthz/x", "/dashboard", "/api", "/api/nothing", "/API/JOBS/x/y/z" })
        {
            var refused = await RawHttp.SendAsync(api.Cluster.ApiAddress, "GET", target, null);
            var known = await RawHttp.SendAsync(api.Cluster.ApiAddress, "GET", target, $"Bearer {api.Cluster.Token}");

            Assert.Equal(StatusCodes.Status401Unauthorized, refused.Status);
            Assert.Equal(StatusCodes.Status404NotFound, known.Status);
        }
    }

    private string? Body(ApiRoute route) =>
        route.Method == "POST" && route.Pattern == "/api/jobs" ? api.SmallJob : null;
}
