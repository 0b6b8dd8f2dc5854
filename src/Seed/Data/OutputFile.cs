using AiMass.Kernels;

namespace AiMass.Seed.Data;

/// <summary>Creates output files, turning the file system's exceptions into one-line messages for the user.</summary>
public static class OutputFile
{
    /// <summary>Creates (or truncates) <paramref name="path"/> for writing.</summary>
    /// <exception cref="InvalidInputException">The directory is missing, the path is a directory, or writing is
    /// not permitted.</exception>
    public static FileStream Create(string path, int bufferSize = 1 << 16)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidInputException("the output path is empty; give a file name");
        }

        if (Directory.Exists(path))
        {
            throw new InvalidInputException($"cannot write '{path}': it is a directory; give a file name");
        }

        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new InvalidInputException(
                $"cannot write '{path}': the directory '{Path.GetDirectoryName(Path.GetFullPath(path))}' "
                + "does not exist; create it first", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidInputException($"cannot write '{path}': permission denied; choose another place", e);
        }
        catch (IOException e)
        {
            throw new InvalidInputException($"cannot write '{path}': {e.Message}", e);
        }
    }
}
