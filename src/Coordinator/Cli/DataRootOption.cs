using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>--data-root DIR</c>, repeatable, on the node commands and <c>aimass local</c>: the folders the node may read
/// data files from (flags replace AIMASS_DATA_ROOTS and appsettings.json's DataRoots).
/// </summary>
public static class DataRootOption
{
    /// <summary>A new --data-root option.</summary>
    public static Option<string[]> Create(bool recursive = false) => new("--data-root")
    {
        Description = "A folder this node may read data, weights and lengths files from (repeatable; default: any " +
            "folder; AIMASS_DATA_ROOTS). Files outside, after links and '..' are resolved, are refused",
        Recursive = recursive,
    };

    /// <summary>The flags' folders (relative ones count from the working directory), or
    /// <paramref name="configured"/> when none was given.</summary>
    public static IReadOnlyList<string> Resolve(string[]? flags, IReadOnlyList<string> configured) =>
        flags is { Length: > 0 } ? flags : configured;
}
