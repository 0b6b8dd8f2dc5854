using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using AiMass.Kernels;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// Builds the S3 client from <see cref="DataAccessSettings"/>: the endpoint (an S3-compatible server) and path-style
/// addressing when given; region from <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c> or the profile (any region
/// signs for a custom endpoint); credentials from the SDK's standard chain, resolved lazily on the first request.
/// </summary>
public static class S3ClientFactory
{
    /// <summary>The client; a bad endpoint is the user's error (exit 2) and is not echoed whole.</summary>
    internal static AmazonS3Client Create(DataAccessSettings settings)
    {
        var config = new AmazonS3Config
        {
            MaxErrorRetry = 0,
            Timeout = settings.RequestTimeout,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var region = Region();
        if (settings.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = CheckEndpoint(endpoint).ToString();
            config.ForcePathStyle = settings.S3PathStyle ?? true;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else
        {
            config.ForcePathStyle = settings.S3PathStyle ?? false;
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region ?? "us-east-1");
        }

        return new AmazonS3Client(config);
    }

    /// <summary>An absolute http(s) URI without user information (a credential has no place in it).</summary>
    public static Uri CheckEndpoint(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidInputException(
                "the S3 endpoint (--s3-endpoint or AWS_ENDPOINT_URL_S3) is not an http:// or https:// URL; "
                + "give e.g. http://127.0.0.1:9000");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new InvalidInputException(
                "the S3 endpoint (--s3-endpoint or AWS_ENDPOINT_URL_S3) holds user information; remove it and give "
                + "credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or a profile");
        }

        return uri;
    }

    private static string? Region()
    {
        foreach (var name in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                return value.Trim();
            }
        }

        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }
}
