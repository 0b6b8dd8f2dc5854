using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AiMass.Coordinator.Api;

/// <summary>
/// Every error answer of the API carries an <see cref="ApiError"/> JSON body: those the endpoints write, those the
/// framework leaves empty (404 no endpoint, 405 wrong method, 400 a route value of the wrong form; see
/// <see cref="WriteStatusPage"/>), and those for exceptions (<see cref="ApiExceptions"/>).
/// </summary>
public static class ApiErrors
{
    /// <summary>Longest excerpt of a caller's value an error quotes.</summary>
    public const int MaxExcerpt = 40;

    /// <summary>The <see cref="ApiError"/> answer with <paramref name="status"/>.</summary>
    public static IResult Result(int status, string message, bool inputError) =>
        Results.Json(new ApiError(message, inputError), ApiJson.Options, statusCode: status);

    /// <summary>Writes the <see cref="ApiError"/> answer with <paramref name="status"/>.</summary>
    public static Task Write(HttpContext context, int status, string message, bool inputError) =>
        Result(status, message, inputError).ExecuteAsync(context);

    /// <summary>
    /// The 500 answer for a reply of the job manager that this API does not expect: a bug, named by its type only.
    /// </summary>
    public static IResult Unexpected(object? reply) => Result(
        StatusCodes.Status500InternalServerError,
        $"the job manager answered {reply?.GetType().Name ?? "nothing"}, which this API does not expect; this is " +
        "a bug: report it with the coordinator's version", false);

    /// <summary>
    /// <paramref name="value"/> quoted for an error message: control characters escaped, at most
    /// <see cref="MaxExcerpt"/> characters (then "…").
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder("'");
        foreach (var c in value.Length > MaxExcerpt ? value[..MaxExcerpt] : value)
        {
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }

        return text.Append(value.Length > MaxExcerpt ? "…'" : "'").ToString();
    }

    /// <summary>
    /// For <c>UseStatusCodePages</c>: fills an error answer that has no body yet with an <see cref="ApiError"/>.
    /// </summary>
    public static Task WriteStatusPage(StatusCodeContext page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var context = page.HttpContext;
        var status = context.Response.StatusCode;
        var call = $"{context.Request.Method} {Quote(context.Request.Path.Value ?? "/")}";
        var message = status switch
        {
            StatusCodes.Status404NotFound =>
                $"the API has no endpoint {call}; the endpoints are under /api (docs/SECURITY.md lists them)",
            StatusCodes.Status405MethodNotAllowed =>
                $"{call} is not allowed; this endpoint takes {context.Response.Headers.Allow}",
            StatusCodes.Status400BadRequest =>
                $"the coordinator cannot read {call}: a route or query value has the wrong form (e.g. ?since=N " +
                "takes an integer)",
            _ => $"{call} answered {status} {ReasonPhrases.GetReasonPhrase(status)}",
        };
        return Write(context, status, message, status is >= 400 and < 500);
    }
}
