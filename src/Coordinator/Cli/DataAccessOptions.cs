using System.CommandLine;
using AiMass.Seed.Data.Storage;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>--s3-endpoint</c>, <c>--s3-path-style</c>, <c>--cache-dir</c> and <c>--cache-mb</c>: how a node reads datasets.
/// Credentials and region are never flags: they come from the standard AWS environment variables and profile.
/// </summary>
public sealed class DataAccessOptions
{
    /// <summary>--s3-endpoint.</summary>
    public Option<string?> Endpoint { get; } = new("--s3-endpoint")
    {
        Description = "URL of an S3-compatible store, e.g. http://127.0.0.1:9000 (default: AWS_ENDPOINT_URL_S3, " +
                      "else AWS_ENDPOINT_URL, else AWS itself)",
    };

    /// <summary>--s3-path-style.</summary>
    public Option<bool?> PathStyle { get; } = new("--s3-path-style")
    {
        Description = "Path-style addressing (endpoint/bucket/key): true or false (default: true with an " +
                      "endpoint, false for AWS; AIMASS_S3_PATH_STYLE)",
    };

    /// <summary>--cache-dir.</summary>
    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = "Folder that keeps downloaded partition bytes and converted CSV files across iterations " +
                      "and runs (default: none; downloaded rows stay in memory)",
    };

    /// <summary>--cache-mb.</summary>
    public Option<long?> CacheMb { get; } = new("--cache-mb")
    {
        Description = "Budget of --cache-dir in MiB; least recently used entries go first (default 4096)",
    };

    /// <summary>Adds the options; <paramref name="recursive"/> lets subcommands use them.</summary>
    public void AddTo(Command command, bool recursive = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Endpoint, PathStyle, CacheDir, CacheMb })
        {
            option.Recursive = recursive;
            command.Options.Add(option);
        }
    }

    /// <summary><paramref name="settings"/> (from the environment) with the flags on top.</summary>
    public DataAccessSettings Resolve(ParseResult parse, DataAccessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(settings);
        var endpoint = parse.GetValue(Endpoint) ?? settings.S3Endpoint;
        if (endpoint is not null)
        {
            S3ClientFactory.CheckEndpoint(endpoint);
        }

        var megabytes = parse.GetValue(CacheMb) ?? settings.CacheMegabytes;
        if (megabytes < 0)
        {
            throw new Kernels.InvalidInputException($"--cache-mb {megabytes} must be 0 or more.");
        }

        var folder = parse.GetValue(CacheDir);
        return settings with
        {
            S3Endpoint = endpoint,
            S3PathStyle = parse.GetValue(PathStyle) ?? settings.S3PathStyle,
            CacheDirectory = folder is null ? settings.CacheDirectory : Path.GetFullPath(folder),
            CacheMegabytes = megabytes,
        };
    }
}
