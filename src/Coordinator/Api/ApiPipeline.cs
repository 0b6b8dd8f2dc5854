using AiMass.Seed.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace AiMass.Coordinator.Api;

/// <summary>
/// The coordinator's web application, in order: errors as <see cref="ApiError"/> bodies, request line and header
/// limits, routing, the API token (authentication, then the fallback policy on every endpoint), body limits per
/// endpoint, then the endpoints — the public ones (<see cref="PublicEndpoints"/>) and the API
/// (<see cref="CoordinatorApi"/>).
/// </summary>
public static class ApiPipeline
{
    /// <summary>Configures the server and services of <paramref name="web"/> for <paramref name="token"/>.</summary>
    public static void Configure(WebApplicationBuilder web, NodeSettings settings, ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(settings);
        web.WebHost.UseUrls(settings.ApiUrl);
        web.WebHost.ConfigureKestrel(k => ApiRequestLimits.ConfigureKestrel(k, settings.ApiMaxRequestBytes));
        ApiAuthentication.Add(web.Services, token);
    }

    /// <summary>Builds the request pipeline and maps every endpoint.</summary>
    public static void Use(WebApplication app, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        app.Use(ApiExceptions.Handle);
        app.UseStatusCodePages(ApiErrors.WriteStatusPage);
        ApiRequestLimits.Use(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        ApiBodyLimits.Use(app, settings.ApiMaxRequestBytes);
        PublicEndpoints.Map(app);
        CoordinatorApi.Map(app);
    }
}
