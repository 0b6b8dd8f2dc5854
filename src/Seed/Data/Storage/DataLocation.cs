using AiMass.Kernels;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// Where a dataset (or one part of it) lives: a local path (plain or <c>file://</c>) or an object in S3 or an
/// S3-compatible store (<c>s3://bucket/key</c>). A location may name one file or object, or a folder or prefix of
/// part files. <see cref="ToString"/> gives the canonical text (absolute path, or <c>s3://bucket/key</c>), which
/// never holds credentials.
/// </summary>
public sealed record DataLocation
{
    private DataLocation(string? path, string? bucket, string? key)
    {
        Path = path;
        Bucket = bucket;
        Key = key;
    }

    /// <summary>The absolute local path, or null for an S3 location.</summary>
    public string? Path { get; }

    /// <summary>The S3 bucket, or null for a local location.</summary>
    public string? Bucket { get; }

    /// <summary>The S3 key (may be empty: the whole bucket), or null for a local location.</summary>
    public string? Key { get; }

    /// <summary>True for <c>s3://</c>.</summary>
    public bool IsS3 => Bucket is not null;

    /// <summary>The last segment of the path or key (the file name), for extension checks.</summary>
    public string FileName => IsS3 ? Key![(Key!.LastIndexOf('/') + 1)..] : System.IO.Path.GetFileName(Path!);

    /// <summary>The lower-case extension with its dot (<c>.npy</c>), or empty.</summary>
    public string Extension => System.IO.Path.GetExtension(FileName).ToLowerInvariant();

    /// <summary>A local location.</summary>
    public static DataLocation Local(string path) => new(System.IO.Path.GetFullPath(path), null, null);

    /// <summary>An S3 location.</summary>
    public static DataLocation S3(string bucket, string key) => new(null, bucket, key);

    /// <summary>
    /// Parses what the user gave: a path, <c>file:///abs/path</c> or <c>s3://bucket/key</c>. <paramref name="role"/>
    /// names the value in messages ("data file").
    /// </summary>
    /// <exception cref="InvalidInputException">Empty, another scheme, or a malformed <c>s3://</c> URI.</exception>
    public static DataLocation Parse(string text, string role = "data file")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException($"the {role} location is empty; give a path or an s3://bucket/key URI");
        }

        if (text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return ParseS3(text[5..], role);
        }

        if (text.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return ParseFile(text, role);
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && text[..scheme].All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidInputException(
                $"the {role} location uses the scheme '{text[..scheme]}://'; AiMass reads plain paths, file:// and "
                + "s3:// (S3 and S3-compatible stores); copy the data to one of these");
        }

        return Local(text);
    }

    /// <summary>This location with <paramref name="name"/> appended (a part inside a folder or prefix).</summary>
    public DataLocation Child(string name) =>
        IsS3 ? S3(Bucket!, Key!.Length == 0 || Key.EndsWith('/') ? Key + name : $"{Key}/{name}")
            : Local(System.IO.Path.Combine(Path!, name));

    /// <inheritdoc />
    public override string ToString() => IsS3 ? $"s3://{Bucket}/{Key}" : Path!;

    private static DataLocation ParseS3(string rest, string role)
    {
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];
        if (bucket.Contains('@') || bucket.Contains(':'))
        {
            // Never echo it: what precedes '@' may be a credential.
            throw new InvalidInputException(
                $"the {role} s3:// URI holds credentials or a port before the bucket; give s3://bucket/key and put "
                + "credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or a profile, the endpoint in "
                + "--s3-endpoint or AWS_ENDPOINT_URL_S3");
        }

        if (bucket.Length is < 3 or > 63 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)
                || c is '-' or '.'))
        {
            throw new InvalidInputException(
                $"the {role} URI s3://{Excerpt(bucket)}/… has no valid bucket name (3–63 lower-case letters, "
                + "digits, '-' or '.'); give s3://bucket/key");
        }

        if (key.Contains('?') || key.Contains('#'))
        {
            throw new InvalidInputException(
                $"the {role} URI s3://{bucket}/… has a query or fragment; give s3://bucket/key without '?' or '#'");
        }

        return S3(bucket, key);
    }

    private static DataLocation ParseFile(string text, string role)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.IsFile
            || (uri.Host.Length > 0 && uri.Host != "localhost"))
        {
            throw new InvalidInputException(
                $"the {role} URI '{Excerpt(text)}' is not a local file:// URI; write file:///absolute/path");
        }

        return Local(uri.LocalPath);
    }

    private static string Excerpt(string text) =>
        text.Length <= 40 ? text.ReplaceLineEndings(" ") : text[..40].ReplaceLineEndings(" ") + "…";
}
