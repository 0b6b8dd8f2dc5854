using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AiMass.Coordinator.Api;

/// <summary>
/// Who may call the API: the bearer token is an authentication scheme (<see cref="BearerTokenHandler"/>), and the
/// fallback authorization policy requires it of every endpoint — and of every request that matches none — unless
/// the endpoint is mapped in <see cref="PublicEndpoints"/> with <c>AllowAnonymous()</c>. Nothing depends on how a
/// path is spelled: routing decides which endpoint a request reaches, and the endpoint decides who may reach it.
/// </summary>
public static class ApiAuthentication
{
    /// <summary>The authentication scheme of the API token.</summary>
    public const string Scheme = "AimassBearer";

    /// <summary>The remedy every 401 names.</summary>
    public const string TokenRemedy =
        "the aimass client takes --token or AIMASS_TOKEN; the coordinator logs where its token is (DATA_DIR/" +
        ApiTokenStore.FileName + ", or DIR/env of deploy/local-cluster.sh)";

    /// <summary>The policy every endpoint not on the public list gets: a caller that presented the token.</summary>
    public static AuthorizationPolicy TokenPolicy { get; } =
        new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();

    /// <summary>Registers <paramref name="token"/>, the scheme, and the token policy as fallback and default.</summary>
    public static void Add(IServiceCollection services, ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(token);
        services.AddSingleton(token);
        services.AddAuthentication(Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(TokenPolicy)
            .SetFallbackPolicy(TokenPolicy);
    }
}
