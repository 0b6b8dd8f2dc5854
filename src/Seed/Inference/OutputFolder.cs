using AiMass.Kernels;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Inference;

/// <summary>Where an inference job may write: an absolute folder whose parent exists and, when the node has data roots
/// (<c>--data-root</c>), lies inside them after links are resolved (a job cannot write where the node may not read).
/// </summary>
public static class OutputFolder
{
    /// <summary>Throws <see cref="InvalidInputException"/> naming the folder and the remedy.</summary>
    public static void Check(string folder, DataRoots? roots)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Path.IsPathFullyQualified(folder) || folder.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"the output folder {Excerpt.Of(folder, 200)} must be an absolute path every node can write.");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
        {
            throw new InvalidInputException(
                $"the output folder {Excerpt.Of(folder, 200)} needs an existing parent folder on every node.");
        }

        var real = new DirectoryInfo(parent).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? parent;
        var resolved = Path.Combine(real, Path.GetFileName(full));
        if (roots is not null && !roots.Contains(resolved))
        {
            throw new InvalidInputException(
                $"the output folder {Excerpt.Of(folder, 200)} is outside this node's data roots ({roots}); write " +
                "under a data root, or add one with --data-root (AIMASS_DATA_ROOTS).");
        }
    }
}
