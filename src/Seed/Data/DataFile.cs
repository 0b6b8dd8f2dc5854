using AiMass.Kernels;

namespace AiMass.Seed.Data;

/// <summary>
/// Opens input files for reading and turns the file system's exceptions into one-line messages for the user
/// (missing file, a directory, no permission).
/// </summary>
public static class DataFile
{
    /// <summary>
    /// Opens <paramref name="path"/> for shared reading. <paramref name="role"/> names the file in messages
    /// ("data file", "weights file", "lengths file").
    /// </summary>
    /// <exception cref="InvalidInputException">The file is missing, a directory, or not readable.</exception>
    public static FileStream OpenRead(string path, string role = "data file", int bufferSize = 4096)
    {
        EnsureReadableFile(path, role);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Describe(path, role, e);
        }
    }

    /// <summary>Checks that <paramref name="path"/> names an existing file, not a directory.</summary>
    /// <exception cref="InvalidInputException">The path is empty, missing, or a directory.</exception>
    public static void EnsureReadableFile(string path, string role = "data file")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidInputException($"the {role} path is empty; give the path of a file");
        }

        if (Directory.Exists(path))
        {
            throw new InvalidInputException($"{role} '{path}' is a directory; give the path of a file inside it");
        }

        if (!File.Exists(path))
        {
            // File.Exists is also false when a folder above the file may not be searched; opening tells them apart.
            try
            {
                using var handle = File.OpenHandle(path);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new InvalidInputException(
                    $"cannot read {role} '{path}': permission denied on a folder above it; check the folders' " +
                    "permissions (chmod a+x FOLDER)", e);
            }
            catch (IOException)
            {
                // Missing indeed (or gone meanwhile): said below.
            }

            throw new InvalidInputException($"{role} '{path}' does not exist");
        }
    }

    /// <summary>The user's error for an exception raised opening or reading <paramref name="path"/>.</summary>
    public static InvalidInputException Describe(string path, string role, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            UnauthorizedAccessException => new InvalidInputException(
                $"cannot read {role} '{path}': permission denied; check the file's permissions (chmod a+r)", error),
            FileNotFoundException or DirectoryNotFoundException => new InvalidInputException(
                $"{role} '{path}' does not exist", error),
            _ => new InvalidInputException($"cannot read {role} '{path}': {error.Message}", error),
        };
    }
}
