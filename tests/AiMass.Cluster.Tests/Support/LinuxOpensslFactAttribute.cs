namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// A test that needs Linux (/proc) and the openssl tool (deploy/make-certs.sh, an encrypted key): reported as
/// skipped, with the reason, where either is missing.
/// </summary>
public sealed class LinuxOpensslFactAttribute : FactAttribute
{
    /// <summary>Skips the test off Linux or without openssl.</summary>
    public LinuxOpensslFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/proc)";
        }
        else if (!OpensslFactAttribute.Available)
        {
            Skip = "openssl is not installed (deploy/make-certs.sh needs it)";
        }
    }
}
