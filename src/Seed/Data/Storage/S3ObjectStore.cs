using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// S3 and S3-compatible stores through the AWS SDK: HEAD to look an object up, ListObjectsV2 for a prefix, ranged
/// GETs that must answer with the ETag seen at look-up. Credentials and region come from the SDK's standard chain
/// (environment variables, <c>AWS_PROFILE</c> and the shared config files, container and instance roles). Transient
/// failures (503 SlowDown, 5xx, timeouts, broken connections, a body cut short) are retried with exponential
/// backoff and jitter (<see cref="DataAccessSettings.MaxAttempts"/>); the SDK's own retries are off so there is one
/// policy.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly DataAccessSettings _settings;
    private long _requests;
    private long _bytes;

    /// <summary>A store with its own client built from <paramref name="settings"/>.</summary>
    public S3ObjectStore(DataAccessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _client = S3ClientFactory.Create(settings);
    }

    /// <summary>Requests sent so far (every attempt counts).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Object bytes received by ranged GETs so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytes);

    /// <inheritdoc />
    public StoredObject? Find(DataLocation location, string role)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Key!.Length == 0 || location.Key.EndsWith('/'))
        {
            return null;
        }

        try
        {
            var head = Retry(location.ToString(), role, () => _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = location.Bucket, Key = location.Key }));
            return new StoredObject(location, head.ContentLength, head.ETag ?? "");
        }
        catch (DataAccessException e) when (e.Fault == DataFault.Missing && e.InnerException is AmazonS3Exception
                                                {
                                                    ErrorCode: not "NoSuchBucket",
                                                })
        {
            return null; // maybe a prefix
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredObject> List(DataLocation location, string role)
    {
        ArgumentNullException.ThrowIfNull(location);
        var prefix = location.Key!.Length == 0 || location.Key.EndsWith('/') ? location.Key : location.Key + "/";
        var found = new List<StoredObject>();
        string? token = null;
        do
        {
            var request = new ListObjectsV2Request
            {
                BucketName = location.Bucket, Prefix = prefix, ContinuationToken = token,
            };
            var page = Retry(location.ToString(), role, () => _client.ListObjectsV2Async(request));
            foreach (var item in page.S3Objects ?? [])
            {
                if (!item.Key.EndsWith('/'))
                {
                    found.Add(new StoredObject(
                        DataLocation.S3(location.Bucket!, item.Key), item.Size ?? 0, item.ETag ?? ""));
                }
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        if (found.Count == 0)
        {
            var uri = location.ToString();
            throw new DataAccessException(
                DataFault.Missing, uri, $"{role} {uri} does not exist: no object has this key or this prefix; "
                + "check the key (a folder of part files is a prefix ending in '/')");
        }

        return [.. found.OrderBy(o => o.Location.Key, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public void Read(StoredObject item, long offset, Memory<byte> destination, string role)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (destination.Length == 0)
        {
            return;
        }

        if (offset + destination.Length > item.Length)
        {
            throw new DataAccessException(
                DataFault.Truncated, item.Name, $"{role} {item.Name} is truncated: {offset + destination.Length} "
                + $"bytes were needed but it has {item.Length}; upload it again");
        }

        Retry(item.Name, role, () => ReadOnceAsync(item, offset, destination, role));
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<int> ReadOnceAsync(StoredObject item, long offset, Memory<byte> destination, string role)
    {
        var request = new GetObjectRequest
        {
            BucketName = item.Location.Bucket,
            Key = item.Location.Key,
            ByteRange = new ByteRange(offset, offset + destination.Length - 1),
            EtagToMatch = item.Version.Length > 0 ? item.Version : null,
        };
        using var response = await _client.GetObjectAsync(request).ConfigureAwait(false);
        if (item.Version.Length > 0 && response.ETag != item.Version)
        {
            throw S3Faults.Changed(item.Name, role);
        }

        var stream = response.ResponseStream;
        var got = await stream.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false)
            .ConfigureAwait(false);
        Interlocked.Add(ref _bytes, got);
        if (got < destination.Length)
        {
            // The connection ended before the range did: transient, retried.
            throw new IOException($"the body ended after {got} of {destination.Length} bytes");
        }

        return got;
    }

    /// <summary>Runs <paramref name="operation"/> until it succeeds, fails for good, or runs out of attempts.
    /// </summary>
    private T Retry<T>(string uri, string role, Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _requests);
            try
            {
                return operation().GetAwaiter().GetResult();
            }
            catch (DataAccessException)
            {
                throw;
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException
                                          or IOException or OperationCanceledException or TimeoutException)
            {
                if (!S3Faults.IsTransient(e) || attempt >= _settings.MaxAttempts)
                {
                    throw S3Faults.Describe(e, uri, role, attempt);
                }

                Thread.Sleep(Backoff(attempt));
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var doubled = _settings.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(doubled, _settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
