using AiMass.Kernels;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data;

/// <summary>Opens a dataset by its file extension: <c>.npy</c> (memory mapped), <c>.csv</c>, <c>.parquet</c>; an
/// <c>s3://</c> URI, <c>file://</c> URI or a folder of part files through the data plane (read lazily by range).
/// </summary>
public static class DatasetReader
{
    /// <summary>The extensions <see cref="Open"/> understands, for help texts.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".npy", ".csv", ".parquet"];

    /// <summary>
    /// Opens <paramref name="path"/> as a row source. A <c>.npy</c> source is <see cref="IDisposable"/> (it holds a
    /// memory map): dispose it when done. <c>.npy</c> values are not checked for NaN here; call
    /// <see cref="FiniteCheck.EnsureFinite(IRowSource,long,long)"/> on the rows you use.
    /// </summary>
    /// <exception cref="InvalidInputException">Missing file, a directory, unreadable, unsupported extension, or
    /// content the reader rejects.</exception>
    public static IRowSource Open(string path, string role = "data file")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) || Directory.Exists(path))
        {
            var access = Storage.DataAccess.Default;
            return Parts.PartSources.OpenAll(Parts.DatasetCatalog.Open(path, role, access), access);
        }

        DataFile.EnsureReadableFile(path, role);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".npy" => new NpyRowSource(path, role),
            ".csv" => CsvRowSource.Open(path, role),
            ".parquet" => ParquetRowSource.Open(path, role),
            ".npz" => throw new InvalidInputException(
                $"{role} '{path}' is a .npz archive; AiMass reads one array per file: "
                + "save it with numpy.save(path, x)"),
            "" => throw new InvalidInputException(
                $"{role} '{path}' has no extension; AiMass reads .npy, .csv and .parquet files; "
                + "rename it with the extension of its format"),
            _ => throw new InvalidInputException(
                $"{role} '{path}' has the extension '{extension}'; AiMass reads .npy, .csv and .parquet files; "
                + "convert it to one of these"),
        };
    }
}
