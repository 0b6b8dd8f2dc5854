using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// Sorts what the S3 client threw into retry-or-not and a <see cref="DataFault"/>, and words the user's message.
/// Messages use the store's error code and the URI only: never the client's own text, which may quote request
/// details.
/// </summary>
internal static class S3Faults
{
    /// <summary>True when another attempt may succeed: throttling, server errors, timeouts, broken connections.
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        AmazonS3Exception s3 => s3.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout
            || s3.ErrorCode is "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable",
        AmazonServiceException service => service.StatusCode == 0 && service.InnerException is not null
            && IsTransient(service.InnerException),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        OperationCanceledException => true, // the client's own timeout (we pass no token of our own)
        AmazonClientException client => client.InnerException is not null && IsTransient(client.InnerException),
        _ => false,
    };

    /// <summary>True when the failure was the store asking to slow down (HTTP 503 SlowDown).</summary>
    public static bool IsThrottling(Exception error) =>
        error is AmazonS3Exception { ErrorCode: "SlowDown" } or AmazonS3Exception
        {
            StatusCode: HttpStatusCode.ServiceUnavailable,
        };

    /// <summary>The user's error for a failure that retrying will not mend (or that outlived the retries).</summary>
    public static DataAccessException Describe(Exception error, string uri, string role, int attempts)
    {
        if (IsTransient(error))
        {
            return IsThrottling(error)
                ? new DataAccessException(
                    DataFault.Throttled, uri,
                    $"cannot read {role} {uri}: the store kept answering 503 SlowDown after {attempts} attempts; "
                    + "run the job again later, or ask for a higher request rate", error)
                : new DataAccessException(
                    DataFault.Unreachable, uri,
                    $"cannot read {role} {uri}: the store did not answer after {attempts} attempts ({What(error)}); "
                    + "check that the endpoint (--s3-endpoint, AWS_ENDPOINT_URL_S3) is right and the store is up",
                    error);
        }

        return error switch
        {
            AmazonS3Exception s3 => FromStatus(s3, uri, role),
            AmazonClientException => new DataAccessException(
                DataFault.AccessDenied, uri,
                $"cannot read {role} {uri}: no usable AWS credentials or region on this node; set "
                + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and AWS_REGION", error),
            _ => new DataAccessException(
                DataFault.Unreachable, uri, $"cannot read {role} {uri}: {error.GetType().Name}", error),
        };
    }

    private static DataAccessException FromStatus(AmazonS3Exception s3, string uri, string role)
    {
        var code = string.IsNullOrEmpty(s3.ErrorCode) ? $"HTTP {(int)s3.StatusCode}" : s3.ErrorCode;
        return (s3.StatusCode, s3.ErrorCode) switch
        {
            (_, "NoSuchBucket") => new DataAccessException(
                DataFault.Missing, uri, $"{role} {uri}: the bucket does not exist (NoSuchBucket); check the bucket "
                + "name and the endpoint", s3),
            (HttpStatusCode.NotFound, _) => new DataAccessException(
                DataFault.Missing, uri, $"{role} {uri} does not exist ({code}); check the key", s3),
            (HttpStatusCode.Forbidden, _) or (_, "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied"
                or "ExpiredToken") => new DataAccessException(
                DataFault.AccessDenied, uri,
                $"cannot read {role} {uri}: the store refused the credentials ({code}); check AWS_ACCESS_KEY_ID, "
                + "AWS_SECRET_ACCESS_KEY or AWS_PROFILE, and the bucket's policy", s3),
            (HttpStatusCode.PreconditionFailed, _) => Changed(uri, role, s3),
            (HttpStatusCode.RequestedRangeNotSatisfiable, _) => new DataAccessException(
                DataFault.Truncated, uri, $"{role} {uri} is shorter than expected ({code}); upload it again", s3),
            _ => new DataAccessException(
                DataFault.AccessDenied, uri, $"cannot read {role} {uri}: the store refused the request ({code}); "
                + "check the URI, the region (AWS_REGION) and the endpoint", s3),
        };
    }

    /// <summary>The object is not the version the job was planned with.</summary>
    public static DataAccessException Changed(string uri, string role, Exception? error = null) =>
        new(DataFault.Changed, uri,
            $"{role} {uri} changed since the job was planned (another ETag); leave the data unchanged while a job "
            + "runs, then run it again", error);

    private static string What(Exception error) => error switch
    {
        AmazonS3Exception s3 => string.IsNullOrEmpty(s3.ErrorCode) ? $"HTTP {(int)s3.StatusCode}" : s3.ErrorCode,
        OperationCanceledException or TimeoutException => "timed out",
        HttpRequestException { InnerException: SocketException socket } => socket.SocketErrorCode.ToString(),
        SocketException socket => socket.SocketErrorCode.ToString(),
        AmazonServiceException { InnerException: { } inner } => What(inner),
        AmazonClientException { InnerException: { } inner } => What(inner),
        _ => error.GetType().Name,
    };
}
