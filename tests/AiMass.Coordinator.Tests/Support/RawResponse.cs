using System.Text;
using System.Text.Json;
using AiMass.Coordinator.Api;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>An answer read off the wire.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">The headers (names in any case; the last of repeated ones).</param>
/// <param name="Body">The body, de-chunked, as UTF-8.</param>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as an <see cref="ApiError"/>, or null when it is not one.</summary>
    public ApiError? Error
    {
        get
        {
            try
            {
                var error = JsonSerializer.Deserialize<ApiError>(Body, ApiJson.Options);
                return error is { Error.Length: > 0 } ? error : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Parses status line, headers and body.</summary>
    public static RawResponse Parse(byte[] bytes)
    {
        // Latin-1 maps bytes to chars one to one: chunk sizes count bytes; the body is decoded as UTF-8 at the end.
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"no complete answer: '{text}'");
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var body = text[(end + 4)..];
        var chunked = headers.TryGetValue("Transfer-Encoding", out var coding)
            && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var raw = chunked ? Dechunk(body) : body;
        return new RawResponse(status, headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(raw)));
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..lineEnd].Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                break;
            }

            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }
}
