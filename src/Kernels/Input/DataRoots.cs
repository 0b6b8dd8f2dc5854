namespace AiMass.Kernels.Input;

/// <summary>
/// The folders a node may read data from (<c>--data-root</c>, repeatable; <c>AIMASS_DATA_ROOTS</c>; the
/// <c>DataRoots</c> setting). Empty: any folder. Each root is resolved once (symbolic links, <c>..</c>), and a
/// file is inside when its resolved path is, so neither a link nor <c>..</c> leads out.
/// </summary>
public sealed class DataRoots
{
    private readonly string[] _folders;

    private DataRoots(string[] folders) => _folders = folders;

    /// <summary>No restriction: every folder.</summary>
    public static DataRoots Any { get; } = new([]);

    /// <summary>The resolved root folders (empty: any).</summary>
    public IReadOnlyList<string> Folders => _folders;

    /// <summary>Whether any folder is allowed.</summary>
    public bool IsAny => _folders.Length == 0;

    /// <summary>
    /// The roots <paramref name="folders"/> (relative ones against the working directory), resolved.
    /// </summary>
    /// <exception cref="InvalidInputException">A root is blank, missing, or not a folder.</exception>
    public static DataRoots Of(IEnumerable<string>? folders)
    {
        var resolved = new List<string>();
        foreach (var folder in folders ?? [])
        {
            if (string.IsNullOrWhiteSpace(folder) || folder.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidInputException("A --data-root is empty; give the path of a folder.");
            }

            var real = FileSystemProbe.RealPath(Path.GetFullPath(folder), out _);
            if (real is null || FileSystemProbe.KindOf(real) != FileKind.Directory)
            {
                throw new InvalidInputException(
                    $"--data-root '{folder}' is not an existing folder; create it or fix the path (a data root is " +
                    "a folder the node may read data files from).");
            }

            if (!resolved.Contains(real, StringComparer.Ordinal))
            {
                resolved.Add(real);
            }
        }

        return resolved.Count == 0 ? Any : new DataRoots([.. resolved]);
    }

    /// <summary>Whether the resolved path <paramref name="resolved"/> lies inside a root (any, when empty).</summary>
    public bool Contains(string resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return IsAny || _folders.Any(root => resolved == root
            || resolved.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal));
    }

    /// <summary>The roots, comma separated, or "any folder".</summary>
    public override string ToString() => IsAny ? "any folder" : string.Join(", ", _folders);
}
