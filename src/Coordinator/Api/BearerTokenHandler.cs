using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiMass.Coordinator.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer TOKEN</c> against the coordinator's <see cref="ApiToken"/> (constant-time
/// compare); a refusal is 401 with an <see cref="ApiError"/> and <c>WWW-Authenticate: Bearer</c>. It reads headers
/// only, so a refused request's body is never read.
/// </summary>
public sealed class BearerTokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private const string BearerPrefix = "Bearer ";
    private readonly ApiToken _token;

    /// <summary>A handler for <paramref name="token"/>.</summary>
    public BearerTokenHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, UrlEncoder encoder, ApiToken token)
        // The base class logs every challenge at Information under our category: refusals are not news.
        : base(options, NullLoggerFactory.Instance, encoder)
    {
        _token = token;
    }

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!_token.Matches(header[BearerPrefix.Length..].Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("the API token is not this coordinator's"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-token")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(
            new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        var refusal = outcome.Failure is null
            ? $"this API needs the header 'Authorization: Bearer TOKEN'; {ApiAuthentication.TokenRemedy}"
            : $"the API token is not this coordinator's; {ApiAuthentication.TokenRemedy}";
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.Write(Context, StatusCodes.Status401Unauthorized, refusal, inputError: true);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.Write(Context, StatusCodes.Status403Forbidden, "the API token may not make this call", true);
}
