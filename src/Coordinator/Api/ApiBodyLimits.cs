using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiMass.Coordinator.Api;

/// <summary>
/// Request body limits, bound to endpoints: an endpoint with <see cref="LargeBody"/> in its metadata (the job
/// submission, which may carry an <c>--init</c> model) reads up to <c>ApiMaxRequestBytes</c>; every other endpoint,
/// and a request that matches none, at most <see cref="SmallBodyBytes"/>. Runs after routing and authorization, so
/// a caller without the token gets 401 whatever it sends.
/// </summary>
public static class ApiBodyLimits
{
    /// <summary>Largest body of the calls other than job submission.</summary>
    public const long SmallBodyBytes = 64 * 1024;

    /// <summary>Endpoint metadata: this endpoint reads bodies up to <c>ApiMaxRequestBytes</c>.</summary>
    public sealed class LargeBody
    {
        /// <summary>The one instance.</summary>
        public static LargeBody Instance { get; } = new();

        private LargeBody()
        {
        }
    }

    /// <summary>
    /// Adds the limits; <paramref name="maxLargeBytes"/> bounds the endpoints with <see cref="LargeBody"/>.
    /// </summary>
    public static void Use(IApplicationBuilder app, long maxLargeBytes)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<LargeBody>() is null
                ? SmallBodyBytes
                : maxLargeBytes;
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
    public static IResult TooLarge(long? length, long limit) => ApiErrors.Result(
        StatusCodes.Status413PayloadTooLarge,
        $"the request body is {(length is { } n ? $"{n} bytes" : "larger than allowed")}; this call takes at " +
        $"most {limit} bytes (ApiMaxRequestBytes in the coordinator's settings bounds job submissions)", true);
}
