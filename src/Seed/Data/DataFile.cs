using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Data;

/// <summary>
/// Opens input files for reading through the input gate (<see cref="InputFiles"/>: regular files only, never
/// /proc, /sys, devices or pipes, also not through a link), with one-line messages for the user (missing file, a
/// directory, no permission).
/// </summary>
public static class DataFile
{
    /// <summary>
    /// Opens <paramref name="path"/> for shared reading. <paramref name="role"/> names the file in messages
    /// ("data file", "weights file", "lengths file").
    /// </summary>
    /// <exception cref="InvalidInputException">The file is missing, a directory, not a regular file, or not
    /// readable.</exception>
    public static FileStream OpenRead(string path, string role = "data file", int bufferSize = 4096) =>
        InputFiles.OpenRead(path, role, bufferSize);

    /// <summary>Checks that <paramref name="path"/> names an existing regular file (see
    /// <see cref="InputFiles.Check"/>).</summary>
    /// <exception cref="InvalidInputException">The path is empty, missing, a directory, or not a regular
    /// file.</exception>
    public static void EnsureReadableFile(string path, string role = "data file") => InputFiles.Check(path, role);

    /// <summary>The user's error for an exception raised opening or reading <paramref name="path"/>.</summary>
    public static InvalidInputException Describe(string path, string role, Exception error) =>
        InputFiles.Describe(path, role, error);

    /// <summary>
    /// Opens a one-column side file (a <c>.npy</c>, memory mapped, or a CSV / one value per line) as a row source and
    /// runs <paramref name="check"/> on it; the source is disposed if the check throws.
    /// </summary>
    public static IRowSource OpenColumn(string path, string role, Action<IRowSource> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        EnsureReadableFile(path, role);
        IRowSource source = Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase)
            ? new NpyRowSource(path, role)
            : CsvRowSource.Open(path, role);
        try
        {
            check(source);
            return source;
        }
        catch
        {
            (source as IDisposable)?.Dispose();
            throw;
        }
    }
}
