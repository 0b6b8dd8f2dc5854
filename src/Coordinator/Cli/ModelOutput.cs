using System.Text;
using AiMass.Kernels;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>Writes a model file fetched from the coordinator, and checks the place before a long job starts.</summary>
public static class ModelOutput
{
    /// <summary>Throws <see cref="InvalidInputException"/> when <paramref name="path"/> cannot be a new file.</summary>
    public static void CheckWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (Directory.Exists(path))
        {
            throw new InvalidInputException($"--output '{path}' is a directory; give a file name such as model.json");
        }

        if (directory is not null && !Directory.Exists(directory))
        {
            throw new InvalidInputException(
                $"--output '{path}': the directory '{directory}' does not exist; create it first");
        }
    }

    /// <summary>Writes <paramref name="modelJson"/> to <paramref name="path"/> as the coordinator sent it.</summary>
    public static void Write(string path, string modelJson)
    {
        ArgumentNullException.ThrowIfNull(modelJson);
        using var stream = OutputFile.Create(path);
        stream.Write(Encoding.UTF8.GetBytes(modelJson));
    }
}
