using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AiMass.Seed.Data.Storage;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// A real S3-compatible server for a test: npm's <c>s3rver</c> on a free loopback port with a temporary folder and
/// one bucket, credentials S3RVER/S3RVER. Its log (one line per request: path, status, bytes) is kept for assertions.
/// The process under test reads credentials from the standard AWS variables, which the first server sets for this
/// test process (the same values for every server).
/// </summary>
public sealed partial class S3Server : IDisposable
{
    /// <summary>s3rver's default credentials.</summary>
    public const string Credential = "S3RVER";

    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly TempDirectory _folder = new();
    private readonly AmazonS3Client _client;

    static S3Server()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Credential);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Credential);
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    /// <summary>Starts a server with <paramref name="bucket"/> and waits until it listens.</summary>
    public S3Server(string bucket = "data")
    {
        Bucket = bucket;
        var info = new ProcessStartInfo(S3FactAttribute.Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-d", _folder.Path, "-a", "127.0.0.1", "-p", "0", "--configure-bucket", bucket })
        {
            info.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, listening);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            Stop();
            throw new TimeoutException($"s3rver did not start within 30 s:\n{string.Join('\n', Log)}");
        }

        Port = listening.Task.Result;
        Endpoint = $"http://127.0.0.1:{Port}";
        _client = new AmazonS3Client(
            new BasicAWSCredentials(Credential, Credential),
            new AmazonS3Config
            {
                ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>What it logged so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Settings that read from this server, with short retries for tests.</summary>
    public DataAccessSettings Settings(string? endpoint = null) => new()
    {
        S3Endpoint = endpoint ?? Endpoint,
        MaxAttempts = 3,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>Uploads <paramref name="path"/> as <paramref name="key"/>; returns its s3:// URI.</summary>
    public string Upload(string path, string key)
    {
        // s3rver 3.7 stores aws-chunked bodies verbatim: send a plain signed body.
        _client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = path, UseChunkEncoding = false })
            .GetAwaiter().GetResult();
        return $"s3://{Bucket}/{key}";
    }

    /// <summary>The logged requests that answered with <paramref name="status"/>, as (path, bytes); s3rver logs
    /// sizes rounded as 12.5kb, so bytes are within 1 % of the truth.</summary>
    public IReadOnlyList<(string Path, long Bytes)> Requests(int status) =>
        [.. Log.Select(l => RequestLine().Match(l)).Where(m => m.Success && m.Groups[2].Value == $"{status}")
            .Select(m => (m.Groups[1].Value, Bytes(m.Groups[3].Value, m.Groups[4].Value)))];

    private static long Bytes(string number, string unit)
    {
        var value = double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
        var scale = unit.ToLowerInvariant() switch { "kb" => 1024.0, "mb" => 1024.0 * 1024, "gb" => 1024.0 * 1024 * 1024, _ => 1 };
        return (long)(value * scale);
    }

    /// <summary>Kills the server (a store that goes away).</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _client?.Dispose();
        _folder.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource<int> listening)
    {
        if (line is null)
        {
            return;
        }

        line = AnsiColour().Replace(line, "");
        lock (_log)
        {
            _log.Add(line);
        }

        var match = Listening().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiColour();

    [GeneratedRegex(@"info: (\S*) (\d{3}) \d+ms (\d+(?:\.\d+)?)([kmg]?b)", RegexOptions.IgnoreCase)]
    private static partial Regex RequestLine();
}
