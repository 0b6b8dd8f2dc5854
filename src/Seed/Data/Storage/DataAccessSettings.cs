namespace AiMass.Seed.Data.Storage;

/// <summary>
/// How a node reads datasets: the S3 endpoint and addressing, retries, the local download cache and the CSV size
/// limit. Credentials and region are never here: they come from the standard AWS environment variables and
/// profile (see docs/OPERATIONS.md). Defaults are documented on each property.
/// </summary>
public sealed record DataAccessSettings
{
    /// <summary>Default largest CSV file (bytes) AiMass converts; larger ones are refused (use .npy or Parquet).
    /// </summary>
    public const long DefaultCsvMaxBytes = 2L << 30;

    /// <summary>
    /// An S3-compatible endpoint (<c>http://127.0.0.1:9000</c>), or null for AWS itself. Default:
    /// <c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>; <c>--s3-endpoint</c> overrides both.
    /// </summary>
    public string? S3Endpoint { get; init; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>); null means on when an endpoint is set, off for
    /// AWS (<c>AIMASS_S3_PATH_STYLE</c>, <c>--s3-path-style</c>).</summary>
    public bool? S3PathStyle { get; init; }

    /// <summary>Attempts per request, the first included, for transient failures (default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First retry delay; it doubles per attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest retry delay (default 5 s).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one request may wait for the store (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder of the local cache of downloaded bytes and converted CSV files, or null for none
    /// (<c>--cache-dir</c>). Without it, a partition keeps its downloaded rows in memory and a CSV file is
    /// converted into a temporary folder.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Budget of the cache folder in MiB (<c>--cache-mb</c>, default 4096); the least recently used
    /// entries go first.</summary>
    public long CacheMegabytes { get; init; } = 4096;

    /// <summary>Partitions of this process that read their rows at the same time (default 2): bounds the memory
    /// of decoding (a Parquet row group each) and the requests in flight; the others wait their turn.</summary>
    public int ConcurrentLoads { get; init; } = 2;

    /// <summary>Largest CSV file accepted, bytes (default 2 GiB, <c>AIMASS_CSV_MAX_MB</c>).</summary>
    public long CsvMaxBytes { get; init; } = DefaultCsvMaxBytes;

    /// <summary>The endpoint from the standard AWS variables (<c>AWS_ENDPOINT_URL_S3</c>, then
    /// <c>AWS_ENDPOINT_URL</c>), with <see cref="S3PathStyle"/> from <c>AIMASS_S3_PATH_STYLE</c>.</summary>
    public static DataAccessSettings FromEnvironment()
    {
        var endpoint = Variable("AWS_ENDPOINT_URL_S3") ?? Variable("AWS_ENDPOINT_URL");
        bool? pathStyle = null;
        if (Variable("AIMASS_S3_PATH_STYLE") is { } style)
        {
            pathStyle = bool.TryParse(style, out var parsed)
                ? parsed
                : throw new Kernels.InvalidInputException("AIMASS_S3_PATH_STYLE must be true or false.");
        }

        long csvMb = 0;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (Variable("AIMASS_CSV_MAX_MB") is { } mb
            && !long.TryParse(mb, System.Globalization.NumberStyles.None, invariant, out csvMb))
        {
            throw new Kernels.InvalidInputException("AIMASS_CSV_MAX_MB must be a whole number of MiB.");
        }

        return new DataAccessSettings
        {
            S3Endpoint = endpoint,
            S3PathStyle = pathStyle,
            CsvMaxBytes = csvMb > 0 ? csvMb << 20 : DefaultCsvMaxBytes,
        };
    }

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
