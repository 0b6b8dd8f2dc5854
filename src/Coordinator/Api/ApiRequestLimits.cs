using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiMass.Coordinator.Api;

/// <summary>
/// Limits on the request line and headers that answer with an <see cref="ApiError"/>. Kestrel rejects requests
/// over its own limits before any middleware runs, with an empty body; so Kestrel's limits are raised
/// (<see cref="KestrelRequestLineBytes"/>, <see cref="KestrelHeaderBytes"/>) and the API's own, lower ones are
/// enforced here: 414 past <see cref="MaxTargetChars"/>, 431 past <see cref="MaxHeaderBytes"/>. Only what exceeds
/// Kestrel's raised limits still gets Kestrel's empty answer.
/// </summary>
public static class ApiRequestLimits
{
    /// <summary>Longest request target (path and query) the API takes: Kestrel's default request line.</summary>
    public const int MaxTargetChars = 8 * 1024;

    /// <summary>Most header bytes the API takes (names, values, ": " and line ends): Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's request line limit, raised so that the API answers first.</summary>
    public const int KestrelRequestLineBytes = 64 * 1024;

    /// <summary>Kestrel's header limit, raised so that the API answers first.</summary>
    public const int KestrelHeaderBytes = 64 * 1024;

    /// <summary>Raises Kestrel's limits as above; <paramref name="maxBodyBytes"/> bounds every body.</summary>
    public static void ConfigureKestrel(KestrelServerOptions kestrel, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxRequestBodySize = maxBodyBytes;
        kestrel.Limits.MaxRequestLineSize = KestrelRequestLineBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = KestrelHeaderBytes;
    }

    /// <summary>Adds the checks (before authentication: an over-long request is refused whoever sends it).</summary>
    public static void Use(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            if (target.Length > MaxTargetChars)
            {
                await ApiErrors.Write(context, StatusCodes.Status414UriTooLong,
                    $"the request's URL is {Count(target.Length)} characters long; this API takes at most " +
                    $"{Count(MaxTargetChars)}", true);
                return;
            }

            var headerBytes = 0L;
            foreach (var (name, values) in context.Request.Headers)
            {
                foreach (var value in values)
                {
                    headerBytes += name.Length + (value?.Length ?? 0) + 4;
                }
            }

            if (headerBytes > MaxHeaderBytes)
            {
                await ApiErrors.Write(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                    $"the request's headers take about {Count(headerBytes)} bytes; this API takes at most " +
                    $"{Count(MaxHeaderBytes)}", true);
                return;
            }

            await next(context);
        });
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
