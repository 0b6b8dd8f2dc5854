namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// A test that needs a program on the PATH (kubectl, chromium): reported as skipped (not passed), with the reason,
/// where it is not installed.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Skips the test when <paramref name="tool"/> is not on the PATH.</summary>
    public ToolFactAttribute(string tool)
    {
        if (Find(tool) is null)
        {
            Skip = $"{tool} is not installed (not on the PATH); .ci/run installs it";
        }
    }

    /// <summary>The full path of <paramref name="tool"/> on the PATH, or null.</summary>
    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, tool))
        .FirstOrDefault(File.Exists);
}
