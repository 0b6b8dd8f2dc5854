using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiMass.Coordinator.Api;

/// <summary>
/// The outermost middleware of the API: an exception becomes an <see cref="ApiError"/> answer instead of Kestrel's
/// empty 500. The job manager out of reach is 503 with <c>Retry-After</c> when retrying is safe; a request Kestrel
/// finds malformed while it is read (a bad chunk, a body over the limit) keeps Kestrel's status; anything else is
/// 500 naming the request id the log line carries, never the exception's text.
/// </summary>
public static class ApiExceptions
{
    /// <summary>The <c>Retry-After</c> seconds of a 503 while the job manager is out of reach.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>The middleware.</summary>
    public static async Task Handle(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // A streaming answer that already started cannot change its status: the exception aborts it.
            var (status, message, retry) = Classify(e, context);
            context.Response.Clear();
            if (retry)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(
                    System.Globalization.CultureInfo.InvariantCulture);
            }

            await ApiErrors.Write(context, status, message, status is >= 400 and < 500);
        }
    }

    /// <summary>A 503 answer with <c>Retry-After</c>: the job manager is not there yet.</summary>
    public static IResult Unavailable(HttpContext context, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter =
            RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, message, false);
    }

    private static (int Status, string Message, bool Retry) Classify(Exception e, HttpContext context)
    {
        var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AiMass.Coordinator.Api");
        switch (e)
        {
            case JobManagerUnavailableException:
                return (StatusCodes.Status503ServiceUnavailable, e.Message, true);
            case AskTimeoutException:
                log.LogWarning("{Method} {Path}: the job manager did not answer in time", context.Request.Method,
                    ApiErrors.Quote(context.Request.Path.Value ?? ""));
                // Only a read is safe to repeat: a submission that timed out may have been taken.
                var safe = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
                return (StatusCodes.Status503ServiceUnavailable,
                    "the job manager did not answer in time: it may be moving to another coordinator (fail-over) or " +
                    (safe ? "overloaded; retry shortly" : "overloaded, and this call may or may not have taken " +
                        "effect; 'aimass jobs' shows the jobs"), safe);
            case BadHttpRequestException bad:
                return (bad.StatusCode, $"the request is malformed: {bad.Message}", false);
            default:
                log.LogError(e, "{Method} {Path} (request {Request}) failed", context.Request.Method,
                    ApiErrors.Quote(context.Request.Path.Value ?? ""), context.TraceIdentifier);
                return (StatusCodes.Status500InternalServerError,
                    $"the coordinator's API failed on this call (request {context.TraceIdentifier}); its log has " +
                    "the details", false);
        }
    }
}
