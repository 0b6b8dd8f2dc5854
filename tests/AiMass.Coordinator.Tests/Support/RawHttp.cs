using System.Net.Sockets;
using System.Text;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>
/// HTTP/1.1 over a plain socket: the request target goes on the wire exactly as written (HttpClient and
/// System.Uri would unescape <c>%61</c> or rewrite the path), one request per connection.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends <c>METHOD TARGET</c> with <paramref name="authorization"/> (the whole header value; null: none) and
    /// <paramref name="json"/> as the body (null: none).
    /// </summary>
    public static Task<RawResponse> SendAsync(
        Uri api, string method, string target, string? authorization, string? json = null)
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {api.Authority}\r\nConnection: close\r\n");
        if (authorization is not null)
        {
            head.Append($"Authorization: {authorization}\r\n");
        }

        if (json is not null)
        {
            head.Append("Content-Type: application/json\r\n");
        }

        head.Append($"Content-Length: {body.Length}\r\n\r\n");
        return SendRawAsync(api, [.. Encoding.ASCII.GetBytes(head.ToString()), .. body]);
    }

    /// <summary>Sends <paramref name="request"/> as it is and reads the answer until the server closes.</summary>
    public static async Task<RawResponse> SendRawAsync(Uri api, byte[] request)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(api.Host, api.Port, deadline.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, deadline.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, deadline.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server reset the connection after its answer (it did not read the whole request).
        }

        return RawResponse.Parse(received.ToArray());
    }
}
