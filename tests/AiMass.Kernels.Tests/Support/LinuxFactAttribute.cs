namespace AiMass.Kernels.Tests.Support;

/// <summary>A test of Linux file system behaviour (/proc, FIFOs, statx): reported as skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    /// <summary>Skips the test when not on Linux.</summary>
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/proc, named pipes, statx)";
        }
    }
}
