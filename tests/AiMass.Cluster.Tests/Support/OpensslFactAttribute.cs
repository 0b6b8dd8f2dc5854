namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// A test of deploy/make-certs.sh, which needs the openssl tool: reported as skipped (not passed) where it is not
/// installed. The TLS code itself is tested without openssl (TestCertificates).
/// </summary>
public sealed class OpensslFactAttribute : FactAttribute
{
    /// <summary>Skips the test when openssl is not on the PATH.</summary>
    public OpensslFactAttribute()
    {
        if (!Available)
        {
            Skip = "openssl is not installed (deploy/make-certs.sh needs it)";
        }
    }

    /// <summary>Whether an openssl executable is on the PATH.</summary>
    public static bool Available { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(folder => File.Exists(Path.Combine(folder, "openssl")));
}
