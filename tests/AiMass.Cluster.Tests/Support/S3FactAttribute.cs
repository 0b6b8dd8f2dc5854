namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// A test against a real S3-compatible server (npm's <c>s3rver</c>, installed by <c>.ci/run</c>): reported as
/// skipped (not passed) where node or s3rver is not installed.
/// </summary>
public sealed class S3FactAttribute : FactAttribute
{
    /// <summary>Skips the test when s3rver is not on the PATH.</summary>
    public S3FactAttribute()
    {
        if (Executable is null)
        {
            Skip = "s3rver is not installed (npm install -g s3rver@3.7.1; .ci/run installs it)";
        }
    }

    /// <summary>The s3rver executable on the PATH, or null.</summary>
    public static string? Executable { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "s3rver"))
        .FirstOrDefault(File.Exists);
}
