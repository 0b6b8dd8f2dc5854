using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary><c>--labels FILE</c>: partial labels for semi-supervised EM.</summary>
public static class LabelsOption
{
    /// <summary>A new <c>--labels</c> option; <paramref name="what"/> is "state" or "component".</summary>
    public static Option<string?> Create(string what) => new("--labels")
    {
        Description = $"Partial labels (semi-supervised EM): one integer per row (.npy or text), the row's {what}, " +
            "-1 for unknown; known rows' posteriors are clamped to it",
    };

    /// <summary>The absolute path given, or null.</summary>
    public static string? Resolve(ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(option) is { } path ? Path.GetFullPath(path) : null;
    }
}
