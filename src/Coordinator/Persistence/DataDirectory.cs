using AiMass.Kernels;

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// The coordinator's data directory (<c>--data-dir</c>: the SQLite job store and the API token file), checked before
/// the node starts, so that a folder it cannot write ends it with one line naming the folder and the remedy
/// (exit code 2) rather than an exception from whatever writes there first.
/// </summary>
public static class DataDirectory
{
    /// <summary>Creates <paramref name="path"/> if needed and checks that a file can be written in it.</summary>
    public static void Ensure(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var probe = Path.Combine(path, $".aimass-write-check-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable($"the data directory {path}", e.Message);
        }
    }

    /// <summary>The bad-input error for <paramref name="what"/> (the data directory, or a file in it) this process
    /// cannot use.</summary>
    public static InvalidInputException Unusable(string what, string reason) => new(
        $"Cannot use {what}: {reason.TrimEnd('.', ' ')}. Give --data-dir " +
        "(AiMass__DataDirectory) a folder this user can write, on a disk with free space, or fix its permissions.");
}
