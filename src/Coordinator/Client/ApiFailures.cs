using System.Net;
using System.Text.Json;
using AiMass.Coordinator.Api;
using AiMass.Kernels;

namespace AiMass.Coordinator.Client;

/// <summary>
/// Turns an API error answer into the exception the CLI reports: bad input (an <see cref="ApiError"/> with
/// <c>input_error</c>) and unknown jobs as <see cref="InvalidInputException"/> (exit 2), anything else as
/// <see cref="CoordinatorException"/> (exit 1).
/// </summary>
public static class ApiFailures
{
    private const int MaxBodyInMessage = 200;
    private static readonly TimeSpan MinRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The exception for a <paramref name="status"/> answer with <paramref name="body"/> to <paramref name="call"/>
    /// (e.g. "GET /api/jobs/x"); <paramref name="jobId"/> names the job the call was about, if any.
    /// </summary>
    public static Exception ToException(HttpStatusCode status, string body, string call, string? jobId, string where)
    {
        if (status == HttpStatusCode.NotFound && jobId is not null)
        {
            return new InvalidInputException(
                $"no job '{jobId}' at the coordinator {where}; 'aimass jobs' lists the jobs");
        }

        if (TryReadError(body) is { } error)
        {
            return error.InputError ? new InvalidInputException(error.Error) : new CoordinatorException(error.Error);
        }

        var text = body.Length > MaxBodyInMessage ? body[..MaxBodyInMessage] + "…" : body;
        return new CoordinatorException(
            $"the coordinator at {where} answered {(int)status} {status} to {call}" +
            (string.IsNullOrWhiteSpace(text) ? "" : $": {text.ReplaceLineEndings(" ")}"));
    }

    /// <summary>
    /// The bad-input error (exit 2) for a 401 from the coordinator at <paramref name="where"/>:
    /// <paramref name="tokenSource"/> says where the refused token came from (null: none was sent).
    /// </summary>
    public static InvalidInputException Unauthorized(string where, string? tokenSource) => new(
        (tokenSource is null
            ? $"the coordinator at {where} requires an API token"
            : $"the coordinator at {where} refused the API token from {tokenSource}") +
        "; give it with --token or AIMASS_TOKEN (the coordinator logs where it keeps it, by default " +
        "~/.local/share/aimass/api-token on its machine; deploy/local-cluster.sh writes it to DIR/env)");

    /// <summary>
    /// How long to wait before asking again: a 503 with <c>Retry-After</c> (the coordinator is starting, or its
    /// job manager is moving) says nothing happened and the call may be repeated; null for every other answer.
    /// The wait is the header's, between 0.2 and 10 s.
    /// </summary>
    public static TimeSpan? RetryDelay(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is not { } after)
        {
            return null;
        }

        var wait = after.Delta ?? (after.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);
        return TimeSpan.FromTicks(Math.Clamp(wait.Ticks, MinRetryDelay.Ticks, MaxRetryDelay.Ticks));
    }

    /// <summary>The <see cref="ApiError"/> message in <paramref name="body"/>, else the fallback.</summary>
    public static string Message(string body, string fallback) => TryReadError(body)?.Error ?? fallback;

    private static ApiError? TryReadError(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ApiError>(body, ApiJson.Options) is { Error: { Length: > 0 } } error
                ? error
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
