using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// A loopback HTTP proxy in front of a store that injects faults per request: answer 503 SlowDown, or accept and
/// never answer (a store that stops answering); otherwise it forwards the request (one request per connection) and
/// counts it, with its Range header.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private int _slowDowns;

    /// <summary>A proxy to <c>127.0.0.1:<paramref name="targetPort"/></c>.</summary>
    public FaultProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT</c> of the proxy.</summary>
    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Requests seen (request line and Range header), faulted or not.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>While true, requests are accepted and never answered.</summary>
    public bool Hang { get; set; }

    /// <summary>The next <paramref name="count"/> requests get 503 SlowDown (int.MaxValue: all).</summary>
    public void SlowDown(int count) => Interlocked.Exchange(ref _slowDowns, count);

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var (head, body) = await ReadRequestAsync(stream);
            lock (_requests)
            {
                _requests.Add(Summary(head));
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            if (Interlocked.Decrement(ref _slowDowns) >= 0)
            {
                await stream.WriteAsync(SlowDownResponse());
                return;
            }

            Interlocked.Exchange(ref _slowDowns, 0);
            await ForwardAsync(stream, head, body);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client or the proxy went away.
        }
    }

    private async Task ForwardAsync(NetworkStream client, string head, byte[] body)
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, _target);
        var server = upstream.GetStream();
        var rewritten = string.Join("\r\n", head.Split("\r\n")
            .Where(l => !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase))) + "\r\nConnection: close";
        await server.WriteAsync(Encoding.ASCII.GetBytes(rewritten + "\r\n\r\n"));
        await server.WriteAsync(body);
        await server.CopyToAsync(client);
    }

    private static async Task<(string Head, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("closed");
            }

            buffer.Add(one[0]);
        }

        var head = Encoding.ASCII.GetString([.. buffer]).TrimEnd('\r', '\n');
        var length = head.Split("\r\n")
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return (head, body);
    }

    private static bool EndsWithBlankLine(List<byte> buffer) =>
        buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n';

    private static string Summary(string head)
    {
        var lines = head.Split("\r\n");
        var range = lines.FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase));
        return range is null ? lines[0] : $"{lines[0]} {range}";
    }

    private static byte[] SlowDownResponse()
    {
        const string Body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message></Error>";
        return Encoding.ASCII.GetBytes(
            "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nConnection: close\r\n"
            + $"Content-Length: {Body.Length}\r\n\r\n{Body}");
    }
}
