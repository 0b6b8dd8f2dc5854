using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiMass.Coordinator.Api;

/// <summary>
/// Runs before every <c>/api</c> endpoint: the bearer token (401 without the right one, before any body is read),
/// then the body size (413 past the limit: the job submission may carry an <c>--init</c> model, every other call
/// only a few bytes).
/// </summary>
public static class ApiGuard
{
    /// <summary>Largest body of the calls other than job submission.</summary>
    public const long SmallBodyBytes = 64 * 1024;

    /// <summary>The remedy every 401 names.</summary>
    public const string TokenRemedy =
        "the aimass client takes --token or AIMASS_TOKEN; the coordinator logs where its token is (DATA_DIR/" +
        ApiTokenStore.FileName + ", or DIR/env of deploy/local-cluster.sh)";

    /// <summary>
    /// Adds the guard to <paramref name="app"/>; <paramref name="maxSubmitBytes"/> bounds POST /api/jobs.
    /// </summary>
    public static void Use(IApplicationBuilder app, ApiToken token, long maxSubmitBytes)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(token);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            if (Unauthorized(context.Request, token) is { } refusal)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Json(new ApiError(refusal, true), ApiJson.Options, statusCode: 401).ExecuteAsync(context);
                return;
            }

            var limit = IsSubmission(context.Request) ? maxSubmitBytes : SmallBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await TooLarge(context.Request.ContentLength.Value, limit).ExecuteAsync(context);
                return;
            }

            // A body without Content-Length (chunked) is cut by the server at the limit while it is read.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            await next(context);
        });
    }

    /// <summary>
    /// The 413 answer for a body of <paramref name="length"/> bytes (null: unknown) over <paramref name="limit"/>.
    /// </summary>
    public static IResult TooLarge(long? length, long limit) => Results.Json(
        new ApiError(
            $"the request body is {(length is { } n ? $"{n} bytes" : "larger than allowed")}; this call takes at " +
            $"most {limit} bytes (ApiMaxRequestBytes in the coordinator's settings bounds job submissions)", true),
        ApiJson.Options, statusCode: 413);

    private static bool IsSubmission(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/jobs", StringComparison.Ordinal);

    private static string? Unauthorized(HttpRequest request, ApiToken token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return $"this API needs the header 'Authorization: Bearer TOKEN'; {TokenRemedy}";
        }

        return token.Matches(header[scheme.Length..].Trim())
            ? null
            : $"the API token is not this coordinator's; {TokenRemedy}";
    }
}
