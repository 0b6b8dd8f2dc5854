namespace AiMass.Seed.Tests.Support;

/// <summary>
/// A test that reads this process's resident set from /proc (Linux only): reported as skipped elsewhere, where
/// eviction is a no-op and there is nothing to measure.
/// </summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    /// <summary>Skips the test off Linux.</summary>
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "reads /proc/self/status (Linux only)";
        }
    }
}
